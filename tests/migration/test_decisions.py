"""SOP steps 9-10: approval moves the family (IDs kept, history, SMS); rejection needs a reason;
withdrawal; correction and resubmission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from audit.models import AuditEvent
from migration.models import MigrationRequest, MigrationStatus, RejectionReason
from migration.selectors import moved_out_for_official, open_migration_for
from migration.services import (
    migration_correction_details,
    migration_request_approve,
    migration_request_reject,
    migration_request_submit,
    migration_request_withdraw,
)
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.migration.support import CITIZEN_MOBILE, Mig, eauth, proof, submit


def test_approval_moves_the_family_and_keeps_its_ids(mig: Mig) -> None:
    # given a pending request of family_a1 (a1) to b1
    request = submit(mig)
    member_ids = list(mig.family.members.values_list("member_id", flat=True))
    # when bob, field official of b1, approves it
    migration_request_approve(actor=mig.world.bob, request=request)
    # then the family lives in b1 at the new address, with the same IDs
    family = type(mig.family).objects.get(pk=mig.family.pk)
    assert family.family_id == mig.family.family_id
    assert (family.area, family.locality, family.pin_code) == (
        mig.world.b1,
        "Shivaji Nagar",
        "462016",
    )
    assert list(family.members.values_list("member_id", flat=True)) == member_ids
    # and the request is approved by bob, the family's history records the move
    request.refresh_from_db()
    assert request.status == MigrationStatus.APPROVED and request.decided_by == mig.world.bob
    moved = AuditEvent.objects.get(event_type="family.migrated", subject_id=str(family.pk))
    assert moved.changes["area"] == [str(mig.world.a1), str(mig.world.b1)]
    assert AuditEvent.objects.filter(event_type="migration.approved").count() == 1
    # and the citizen is told by SMS, and the source area's officials see that it left
    sms = SmsMessage.objects.get(kind=SmsKind.MIGRATION_APPROVED)
    assert sms.mobile == CITIZEN_MOBILE
    assert list(moved_out_for_official(mig.world.alice)) == [request]
    assert open_migration_for(family) is None


def test_the_local_body_officer_may_approve(mig: Mig) -> None:
    request = submit(mig)
    migration_request_approve(actor=mig.world.carol, request=request)
    request.refresh_from_db()
    assert request.status == MigrationStatus.APPROVED


@pytest.mark.parametrize("who", ["alice", "dave", "erin", "sam"])
def test_others_may_not_decide(mig: Mig, who: str) -> None:
    # given a request into b1 / when the source official (alice), an outside LB officer, or a
    # supervisor tries to approve or reject / then it is refused and nothing changes
    request = submit(mig)
    actor = getattr(mig.world, who)
    with pytest.raises(PermissionDenied):
        migration_request_approve(actor=actor, request=request)
    with pytest.raises(PermissionDenied):
        migration_request_reject(
            actor=actor, request=request, reason=RejectionReason.OTHER, details="x"
        )
    request.refresh_from_db()
    assert request.status == MigrationStatus.PENDING
    mig.family.refresh_from_db()
    assert mig.family.area == mig.world.a1


def test_an_official_of_another_local_body_may_not_decide(mig: Mig) -> None:
    request = submit(mig)
    with pytest.raises(PermissionDenied):
        migration_request_approve(actor=mig.yuri, request=request)


def test_a_decided_request_cannot_be_decided_again(mig: Mig) -> None:
    request = submit(mig)
    migration_request_approve(actor=mig.world.bob, request=request)
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            migration_request_reject(
                actor=mig.world.carol, request=request, reason=RejectionReason.OTHER, details="late"
            )
        assert "already been approved" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("reason", "details", "field"),
    [("", "no good", "reason"), ("BOGUS", "no good", "reason"), ("OTHER", "   ", "details")],
)
def test_no_reason_no_rejection(mig: Mig, reason: str, details: str, field: str) -> None:
    request = submit(mig)
    with pytest.raises(ValidationError) as caught:
        migration_request_reject(
            actor=mig.world.bob, request=request, reason=reason, details=details
        )
    assert field in caught.value.message_dict
    request.refresh_from_db()
    assert request.status == MigrationStatus.PENDING


def test_rejection_tells_the_reason(mig: Mig) -> None:
    request = submit(mig)
    migration_request_reject(
        actor=mig.world.bob,
        request=request,
        reason=RejectionReason.PROOF_UNREADABLE,
        details="The bill is blurred.",
    )
    request.refresh_from_db()
    assert request.status == MigrationStatus.REJECTED
    sms = SmsMessage.objects.get(kind=SmsKind.MIGRATION_REJECTED)
    # the list's reason, short and in the family's language; the details stay on the page
    assert "The bill is blurred." not in sms.text
    with translation.override(sms.language):
        assert str(SmsReason.DOCUMENT_UNREADABLE.label) in sms.text
    mig.family.refresh_from_db()
    assert mig.family.area == mig.world.a1


def test_the_citizen_may_withdraw_a_pending_request(mig: Mig) -> None:
    request = submit(mig)
    migration_request_withdraw(citizen=mig.citizen, request=request)
    request.refresh_from_db()
    assert request.status == MigrationStatus.WITHDRAWN
    # and a withdrawn request can no longer be approved
    with pytest.raises(ValidationError):
        migration_request_approve(actor=mig.world.bob, request=request)
    # and the family may ask again
    assert submit(mig).status == MigrationStatus.PENDING


def test_another_family_cannot_withdraw(mig: Mig) -> None:
    from identity.actors import Citizen

    request = submit(mig)
    other = mig.world.family_b1
    outsider = Citizen(family_id=other.family_id, member_id=other.members.get().member_id)
    with pytest.raises(PermissionDenied):
        migration_request_withdraw(citizen=outsider, request=request)


def test_a_rejected_request_is_corrected_and_resubmitted(mig: Mig) -> None:
    # given a rejected request
    rejected = submit(mig)
    migration_request_reject(
        actor=mig.world.bob, request=rejected, reason=RejectionReason.OTHER, details="Wrong PIN"
    )
    rejected.refresh_from_db()
    # when the citizen corrects it (prefilled) and submits it again
    prefill = migration_correction_details(citizen=mig.citizen, request=rejected)
    assert prefill.to_area_id == mig.world.b1.pk and prefill.pin_code == "462016"
    corrected = migration_request_submit(
        citizen=mig.citizen,
        details=prefill.__class__(**{**prefill.__dict__, "pin_code": "462017"}),
        documents=list(rejected.documents.all()) + proof(mig.citizen),
        authentication=eauth(mig.citizen),
        previous_request=rejected,
    )
    # then it is a new pending request linked to the rejected one, which stays rejected
    assert corrected.previous_request == rejected
    assert corrected.pk != rejected.pk and corrected.status == MigrationStatus.PENDING
    assert MigrationRequest.objects.get(pk=rejected.pk).status == MigrationStatus.REJECTED
    # and approving it moves the family
    migration_request_approve(actor=mig.world.bob, request=corrected)
    mig.family.refresh_from_db()
    assert mig.family.pin_code == "462017"


def test_only_a_rejected_request_can_be_corrected(mig: Mig) -> None:
    request = submit(mig)
    with pytest.raises(ValidationError):
        migration_correction_details(citizen=mig.citizen, request=request)


def test_a_family_under_migration_cannot_correct_its_address_but_may_record_a_death(
    mig: Mig,
) -> None:
    from django.core.exceptions import ValidationError

    from updates.models import ChangeKind
    from updates.services import change_request_submit

    submit(mig)
    with pytest.raises(ValidationError):
        change_request_submit(
            actor=mig.world.alice,
            family=mig.family,
            kind=ChangeKind.CORRECT_FAMILY,
            member=None,
            data={"house_number": "99-B", "locality": "New Lane", "pin_code": "462001"},
        )
    head = mig.family.members.get()
    change_request_submit(
        actor=mig.world.alice,
        family=mig.family,
        kind=ChangeKind.DEATH,
        member=head,
        data={"date_of_death": "2025-01-01"},
    )
