"""After the head's death the family page says no living member heads the family, until a
member's relation is corrected to head (the others' relations then follow, one request each)."""

from django.urls import reverse

from registry.models import Relation
from tests.conftest import client_for
from tests.updates.support import member, person_data, verma_family
from updates.models import ChangeKind
from updates.services import change_request_approve, change_request_submit

NOTICE = "No living member heads this family"


def _page(world, family) -> str:
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    return client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()


def _decided(world, family, kind, who, data):
    change = change_request_submit(
        actor=world.alice, family=family, kind=kind, member=member(family, who), data=data
    )
    return change_request_approve(actor=world.carol, change=change)


def test_the_family_page_asks_for_a_new_head_after_the_heads_death(world):
    family = verma_family(world)
    assert NOTICE not in _page(world, family)

    _decided(world, family, ChangeKind.DEATH, "Ajay Verma", {"date_of_death": "2025-01-01"})
    assert NOTICE in _page(world, family)

    sunita = member(family, "Sunita Verma")
    _decided(
        world,
        family,
        ChangeKind.CORRECT_MEMBER,
        "Sunita Verma",
        person_data(sunita, relation=Relation.HEAD),
    )
    assert member(family, "Sunita Verma").is_head
    assert NOTICE not in _page(world, family)


def test_the_notice_is_in_hindi_too(world):
    family = verma_family(world)
    _decided(world, family, ChangeKind.DEATH, "Ajay Verma", {"date_of_death": "2025-01-01"})
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    body = client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()
    assert "इस परिवार का कोई जीवित मुखिया नहीं है" in body
