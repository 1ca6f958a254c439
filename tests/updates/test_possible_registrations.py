"""A person added to a registered family (marriage, birth, a member left out) who may already be
registered elsewhere: the registration's duplicate search shows them to whoever submits and
decides, and the audit rows record whom it showed."""

from django.urls import reverse

from audit.models import AuditEvent
from tests.conftest import client_for
from tests.updates.support import (
    bride_registered_with_her_parents,
    death_requested,
    marriage_data,
    preview_token,
    verma_family,
)
from updates.models import ChangeKind
from updates.services import change_request_approve, change_request_submit


def _shown(event: AuditEvent) -> str:
    return event.changes.get("possible_registrations", [None, ""])[1]


def test_a_bride_registered_with_her_parents_is_shown_and_recorded(world):
    family = verma_family(world)
    pooja = bride_registered_with_her_parents(world.b1)  # another area of the same local body

    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.MARRIAGE, data=marriage_data(family)
    )
    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert _shown(requested) == pooja.member_id

    change_request_approve(actor=world.carol, change=change)
    approved = AuditEvent.objects.get(event_type="change.approved", subject_id=str(change.pk))
    assert _shown(approved) == pooja.member_id


def test_someone_new_to_the_register_is_added_without_a_mention(world):
    family = verma_family(world)
    bride_registered_with_her_parents(world.b1)
    data = marriage_data(
        family, name_en="Neha Tiwari", name_hi="नेहा तिवारी", father_or_husband_name="Mohan Tiwari"
    )

    change = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.MARRIAGE, data=data
    )

    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert "possible_registrations" not in requested.changes


def test_a_death_is_not_searched_for(world):
    family = verma_family(world)
    change = death_requested(world, family, "Ravi Verma")

    requested = AuditEvent.objects.get(event_type="change.requested", subject_id=str(change.pk))
    assert "possible_registrations" not in requested.changes


def test_the_preview_and_the_decision_page_show_who_may_already_be_registered(world):
    family = verma_family(world)
    pooja = bride_registered_with_her_parents(world.b1)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    url = reverse("updates:marriage_new", args=[family.family_id])

    preview = client.post(url, {**marriage_data(family), "step": "preview"})
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
    bride_registered_with_her_parents(world.b1)
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    url = reverse("updates:marriage_new", args=[family.family_id])

    body = client.post(url, {**marriage_data(family), "step": "preview"}).content.decode()

    assert "पहले से पंजीकृत हो सकते हैं" in body
