"""A person added to a registered family (marriage, birth, a member left out) who may already be
registered elsewhere: the registration's duplicate search shows them to whoever submits and
decides, and the audit rows record whom it showed."""

from datetime import date

from django.urls import reverse

from audit.models import AuditEvent
from registry.models import Gender, MaritalStatus, Relation
from tests import factories as f
from tests.conftest import client_for
from tests.updates.support import member, newcomer_data, preview_token, verma_family
from updates.models import ChangeKind
from updates.services import change_request_approve, change_request_submit


def _pooja_with_her_parents(world, area):
    """Pooja Sharma, registered with her parents' family before she married."""
    parents = f.FamilyFactory(area=area)
    f.MemberFactory(
        family=parents, name_hi="रमेश शर्मा", name_en="Ramesh Sharma", relation=Relation.HEAD
    )
    return f.MemberFactory(
        family=parents,
        name_hi="पूजा शर्मा",
        name_en="Pooja Sharma",
        gender=Gender.FEMALE,
        relation=Relation.DAUGHTER,
        date_of_birth=date(2004, 2, 2),
        father_or_husband_name="Ramesh Sharma",
        marital_status=MaritalStatus.NEVER_MARRIED,
    )


def _marriage(family, **changes):
    data = newcomer_data(
        name_en="Pooja Sharma",
        name_hi="पूजा शर्मा",
        date_of_birth="2004-02-02",
        relation=Relation.DAUGHTER_IN_LAW,
        father_or_husband_name="Ramesh Sharma",
        marital_status="",
        spouse=member(family, "Ravi Verma").member_id,
        date_of_marriage="2025-05-05",
    )
    return {**data, **changes}


def _shown(event: AuditEvent) -> str:
    return event.changes.get("possible_registrations", [None, ""])[1]


def test_a_bride_registered_with_her_parents_is_shown_and_recorded(world):
    family = verma_family(world)
    pooja = _pooja_with_her_parents(world, world.b1)  # another area of the same local body

    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.MARRIAGE, data=_marriage(family)
    )
    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert _shown(requested) == pooja.member_id

    change_request_approve(actor=world.carol, change=change)
    approved = AuditEvent.objects.get(event_type="change.approved", subject_id=str(change.pk))
    assert _shown(approved) == pooja.member_id


def test_someone_new_to_the_register_is_added_without_a_mention(world):
    family = verma_family(world)
    _pooja_with_her_parents(world, world.b1)
    data = _marriage(
        family, name_en="Neha Tiwari", name_hi="नेहा तिवारी", father_or_husband_name="Mohan Tiwari"
    )

    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.MARRIAGE, data=data
    )

    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert "possible_registrations" not in requested.changes


def test_a_death_is_not_searched_for(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")

    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ravi,
        data={"date_of_death": "2025-01-01"},
    )

    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert "possible_registrations" not in requested.changes


def test_the_preview_and_the_decision_page_show_who_may_already_be_registered(world):
    family = verma_family(world)
    pooja = _pooja_with_her_parents(world, world.b1)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    url = reverse("updates:marriage_new", args=[family.family_id])

    preview = client.post(url, {**_marriage(family), "step": "preview"})
    body = preview.content.decode()
    assert "May already be registered" in body
    assert f"member {pooja.member_id} of family {pooja.family.family_id}" in body

    client.post(url, {"step": "confirm", "token": preview_token(preview)})
    change = family.change_requests.get()
    officer = client_for(world.carol)
    officer.cookies["django_language"] = "en"
    page = officer.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    assert "May already be registered" in page and pooja.member_id in page
    assert "Approve and apply" in page  # a warning: the officer still decides


def test_the_warning_is_in_hindi_too(world):
    family = verma_family(world)
    _pooja_with_her_parents(world, world.b1)
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    url = reverse("updates:marriage_new", args=[family.family_id])

    body = client.post(url, {**_marriage(family), "step": "preview"}).content.decode()

    assert "पहले से पंजीकृत हो सकते हैं" in body
