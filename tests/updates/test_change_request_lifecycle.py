"""Submit → verify → apply, and the setting that says which kinds need verification."""

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from audit.models import AuditEvent
from registry.models import Member
from tests.updates.support import birth_data, member, person_data, verma_family
from updates.models import ChangeKind, ChangeStatus
from updates.services import (
    change_request_approve,
    change_request_reject,
    change_request_submit,
)


def _correct_name(world, family, actor=None):
    ajay = member(family, "Ajay Verma")
    return change_request_submit(
        actor=actor or world.alice,
        family=family,
        kind=ChangeKind.CORRECT_MEMBER,
        member=ajay,
        data=person_data(ajay, name_en="Ajay Kumar Verma"),
    )


def test_a_correction_waits_for_the_local_body_officer(world):
    family = verma_family(world)

    change = _correct_name(world, family)

    assert change.status == ChangeStatus.PENDING
    assert change.holder == world.carol and change.created_by == world.alice
    assert change.number.startswith("CR") and change.payload["name_en"] == "Ajay Kumar Verma"
    assert member(family, "Ajay Verma")  # unchanged until approved


def test_approval_applies_the_change_with_an_audit_row_of_old_and_new(world):
    family = verma_family(world)
    change = _correct_name(world, family)

    change = change_request_approve(actor=world.carol, change=change)

    assert change.status == ChangeStatus.APPROVED and change.decided_by == world.carol
    assert change.holder is None
    assert family.members.filter(name_en="Ajay Kumar Verma").exists()
    event = AuditEvent.objects.get(event_type="change.applied", subject_id=str(family.pk))
    assert event.changes["name_en"] == ["Ajay Verma", "Ajay Kumar Verma"]
    assert event.changes["change_request"] == [None, change.number]
    assert AuditEvent.objects.filter(event_type="change.approved").exists()


def test_rejection_needs_a_reason_and_changes_nothing(world):
    family = verma_family(world)
    change = _correct_name(world, family)

    with pytest.raises(ValidationError) as error:
        change_request_reject(actor=world.carol, change=change, reason="   ")
    assert "reason" in error.value.message_dict

    change = change_request_reject(actor=world.carol, change=change, reason="No proof of name")
    assert change.status == ChangeStatus.REJECTED and change.reason == "No proof of name"
    assert family.members.filter(name_en="Ajay Verma").exists()
    assert AuditEvent.objects.get(event_type="change.rejected").changes["reason"][1]


def test_a_decided_request_cannot_be_decided_again(world):
    family = verma_family(world)
    change = _correct_name(world, family)
    change_request_approve(actor=world.carol, change=change)

    with pytest.raises(ValidationError, match="already been approved"):
        change_request_approve(actor=world.carol, change=change)
    with pytest.raises(ValidationError, match="already been approved"):
        change_request_reject(actor=world.carol, change=change, reason="late")


def test_an_address_correction_applies_at_once_by_default(world):
    family = verma_family(world)

    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.CORRECT_FAMILY,
        data={"house_number": "7-A", "locality": "Nehru Nagar", "pin_code": "462001"},
    )

    assert change.status == ChangeStatus.APPLIED and change.holder is None
    family.refresh_from_db()
    assert family.house_number == "7-A" and family.locality == "Nehru Nagar"
    event = AuditEvent.objects.get(event_type="change.applied")
    assert event.changes["house_number"] == ["7", "7-A"]


def test_the_setting_decides_which_kinds_are_verified(world, settings):
    settings.UPDATES_VERIFIED_KINDS = ["CORRECT_FAMILY"]
    family = verma_family(world)

    birth = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.BIRTH,
        data=birth_data(member(family, "Sunita Verma")),
    )
    address = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.CORRECT_FAMILY, data={"house_number": "9"}
    )

    assert birth.status == ChangeStatus.APPLIED and birth.new_member is not None
    assert address.status == ChangeStatus.PENDING


def test_an_unknown_kind_in_the_setting_is_a_configuration_error(world, settings):
    settings.UPDATES_VERIFIED_KINDS = ["BIRTH", "ADOPTION"]
    with pytest.raises(ImproperlyConfigured, match="ADOPTION"):
        _correct_name(world, verma_family(world))


def test_the_local_body_officers_own_request_applies_at_once(world):
    family = verma_family(world)

    change = _correct_name(world, family, actor=world.carol)

    assert change.status == ChangeStatus.APPROVED and change.decided_by == world.carol
    assert Member.objects.filter(name_en="Ajay Kumar Verma").exists()


def test_a_conflicting_open_request_is_refused(world):
    family = verma_family(world)
    first = _correct_name(world, family)
    ajay = member(family, "Ajay Verma")

    with pytest.raises(ValidationError, match=first.number):
        change_request_submit(
            actor=world.alice,
            family=family,
            kind=ChangeKind.DEATH,
            member=ajay,
            data={"date_of_death": "2025-01-01"},
        )
    # once decided, the member is free for the next request
    change_request_reject(actor=world.carol, change=first, reason="Wrong")
    change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ajay,
        data={"date_of_death": "2025-01-01"},
    )


def test_approval_checks_the_request_again_against_the_family_now(world):
    # given a birth to Sunita waiting, and then her death recorded before that birth date
    family = verma_family(world)
    sunita = member(family, "Sunita Verma")
    birth = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.BIRTH, data=birth_data(sunita)
    )
    death = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=sunita,
        data={"date_of_death": "2024-12-01"},
    )
    change_request_approve(actor=world.carol, change=death)
    members_before = family.members.count()

    # when the birth is approved / then it is refused and nothing is added
    with pytest.raises(ValidationError, match="death is recorded before"):
        change_request_approve(actor=world.carol, change=birth)
    birth.refresh_from_db()
    assert birth.status == ChangeStatus.PENDING
    assert family.members.count() == members_before
