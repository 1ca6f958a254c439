"""A new head of the family: after the head's death the family page asks for one, and one
request gives every living member's relation to the new head, checked by the family's rules
and verified by the local body like the other changes to people."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from registry.models import Relation
from tests.conftest import client_for
from tests.updates.support import death_recorded, member, preview_token, verma_family
from updates.kinds.relations import field
from updates.models import ChangeKind, ChangeStatus
from updates.services import change_request_approve, change_request_submit

NOTICE = "No living member heads this family"


def _page(world, family, official=None) -> str:
    client = client_for(official or world.alice)
    client.cookies["django_language"] = "en"
    return client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()


def _ajay_dies(world, family):
    death_recorded(world, family, "Ajay Verma")


def _relations(family, **by_name) -> dict[str, str]:
    """Every living member's relation as it is, with ``by_name`` (first name → relation)."""
    data = {}
    for m in family.members.filter(is_deceased=False):
        data[field(m)] = by_name.get(m.name_en.split()[0], m.relation)
    return data


def _submit(world, family, data):
    return change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.RELATIONS, data=data
    )


def test_after_the_heads_death_the_widow_becomes_head_in_one_request(world):
    family = verma_family(world)
    _ajay_dies(world, family)
    assert NOTICE in _page(world, family)

    change = _submit(world, family, _relations(family, Sunita=Relation.HEAD))
    assert change.status == ChangeStatus.PENDING  # verified by the local body
    change_request_approve(actor=world.carol, change=change)

    sunita, ajay = member(family, "Sunita Verma"), member(family, "Ajay Verma")
    assert sunita.relation == Relation.HEAD
    assert ajay.relation == Relation.HEAD and ajay.is_deceased  # the dead keep theirs
    applied = AuditEvent.objects.filter(event_type="change.applied").latest("created_at")
    assert applied.changes[f"relation {sunita.member_id}"] == [Relation.SPOUSE, Relation.HEAD]
    assert NOTICE not in _page(world, family)


def test_a_living_head_hands_over_and_every_relation_is_given_again(world):
    family = verma_family(world)
    change = _submit(
        world,
        family,
        _relations(family, Ravi=Relation.HEAD, Ajay=Relation.FATHER, Sunita=Relation.MOTHER),
    )
    change_request_approve(actor=world.carol, change=change)
    relations = dict(family.members.values_list("name_en", "relation"))
    assert relations == {
        "Ajay Verma": Relation.FATHER,
        "Sunita Verma": Relation.MOTHER,
        "Ravi Verma": Relation.HEAD,
    }


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"Sunita": Relation.HEAD}, "__all__", "exactly one member as the head"),
        ({"Ajay": Relation.FATHER}, "__all__", "exactly one member as the head"),
        ({}, "__all__", "Nothing was changed"),
        # Ravi (born 2008) as the head and Sunita (born 1985) as his daughter
        (
            {"Ravi": Relation.HEAD, "Ajay": Relation.FATHER, "Sunita": Relation.DAUGHTER},
            "relation_sunita",
            "cannot be the child of",
        ),
    ],
)
def test_the_family_rules_are_checked_with_the_new_relations(world, changes, where, message):
    family = verma_family(world)
    data = _relations(family, **changes)
    with pytest.raises(ValidationError) as refused:
        _submit(world, family, data)
    key = field(member(family, "Sunita Verma")) if where == "relation_sunita" else where
    assert any(message in str(m) for m in refused.value.message_dict[key])


def test_every_living_member_must_be_given_a_relation(world):
    family = verma_family(world)
    data = _relations(family, Ravi=Relation.HEAD, Ajay=Relation.FATHER)
    del data[field(member(family, "Sunita Verma"))]
    with pytest.raises(ValidationError) as refused:
        _submit(world, family, data)
    assert field(member(family, "Sunita Verma")) in refused.value.message_dict


def test_the_form_preview_and_decision_pages(world):
    family = verma_family(world)
    _ajay_dies(world, family)
    sunita, ajay = member(family, "Sunita Verma"), member(family, "Ajay Verma")
    url = reverse("updates:relations_new", args=[family.family_id])
    assert url in _page(world, family)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"

    form = client.get(url).content.decode()
    assert f'name="{field(sunita)}"' in form and f'name="{field(ajay)}"' not in form

    preview = client.post(url, {**_relations(family, Sunita=Relation.HEAD), "step": "preview"})
    assert "Sunita Verma" in preview.content.decode()
    client.post(url, {"step": "confirm", "token": preview_token(preview)})
    change = family.change_requests.get(kind=ChangeKind.RELATIONS)

    officer = client_for(world.carol)
    officer.cookies["django_language"] = "en"
    page = officer.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    assert "Change of head and relations" in page and "Head of family" in page
    officer.post(reverse("updates:change_approve", args=[change.number]))
    decided = officer.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    assert f"Sunita Verma ({sunita.member_id})" in decided  # the values asked for, by name


def test_the_notice_is_in_hindi_too(world):
    family = verma_family(world)
    _ajay_dies(world, family)
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    body = client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()
    assert "इस परिवार का कोई जीवित मुखिया नहीं है" in body
