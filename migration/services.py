"""Migration requests: the citizen submits (SOP steps 3-6) or withdraws one; the destination's
field official or local body officer approves it, which moves the family, or rejects it with a
reason (steps 7-10); a rejected request may be corrected and submitted again."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import audit_record, diff
from documents.models import Document, DocumentKind
from documents.services import document_store
from geography.models import Area, Village
from identity.actors import Citizen
from identity.models import MobileLink
from migration import rules, workflow
from migration.models import (
    AadhaarAuthentication,
    MigrationRequest,
    MigrationStatus,
    RejectionReason,
)
from migration.workflow import Action
from officials import jurisdiction
from officials.models import Official, Role
from registry.feed import record_move
from registry.models import ChangeKind, Family, FamilyStatus
from registry.selectors import surviving_family_id
from sms.models import SmsKind
from sms.reasons import SmsReason
from sms.services import sms_queue

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
# How long an e-authentication may wait for the request it signs.
AUTH_VALID = timedelta(minutes=15)
DECIDERS = (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER)


@dataclass(frozen=True)
class MigrationDetails:
    """What the citizen asks for: the type, the new place and address, and remarks."""

    type: str
    to_area_id: int | None
    to_village_id: int | None
    house_number: str
    locality: str
    pin_code: str
    remarks: str = ""


def _new_number() -> str:
    random_part = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"MIG-{timezone.localdate().year}-{random_part}"


def _refuse_retired(family: Family) -> None:
    """A family merged into another (updates.kinds.merge_families) does not migrate: its
    members are in the other family now, which may."""
    if family.status == FamilyStatus.MERGED:
        raise ValidationError(
            _(
                "Family ID %(id)s is no longer used: it was merged into %(into)s. Sign in again "
                "with Family ID %(into)s to ask for the migration of that family."
            )
            % {"id": family.family_id, "into": surviving_family_id(family) or "—"},
            code="family_retired",
        )


def _family(citizen: Citizen, *, lock: bool = False) -> Family:
    qs = Family.objects.select_for_update() if lock else Family.objects.all()
    family = qs.filter(family_id=citizen.family_id).first()
    if family is not None:
        _refuse_retired(family)
    if family is None or not family.members.filter(member_id=citizen.member_id).exists():
        raise PermissionDenied
    return family


def address_line(house_number: str, locality: str, village: Village | None, pin: str) -> str:
    parts = [" ".join(filter(None, [house_number, locality]))]
    if village is not None:
        parts.append(village.name_en)
    return ", ".join(filter(None, parts)) + (f" {pin}" if pin else "")


def _holder(area: Area) -> Official | None:
    """Who must act: the area's field official (the first registered), else its local body's
    officer."""
    return (
        Official.objects.filter(role=Role.FIELD_OFFICIAL, is_active=True, areas=area)
        .order_by("pk")
        .first()
        or Official.objects.filter(
            role=Role.LOCAL_BODY_OFFICER, is_active=True, local_body_id=area.local_body_id
        )
        .order_by("pk")
        .first()
    )


# The reason as the SMS names it (sms.reasons: short, in the family's language); the details
# the official wrote stay on the status page.
REJECTION_TOLD = {
    RejectionReason.PROOF_UNREADABLE: SmsReason.DOCUMENT_UNREADABLE,
    RejectionReason.PROOF_MISMATCH: SmsReason.PROOF_MISMATCH,
    RejectionReason.NOT_LIVING_THERE: SmsReason.NOT_RESIDENT,
    RejectionReason.WRONG_AREA: SmsReason.WRONG_AREA,
    RejectionReason.INCOMPLETE_ADDRESS: SmsReason.DETAILS_INCOMPLETE,
    RejectionReason.OTHER: SmsReason.OTHER,
}


def _tell_family(request: MigrationRequest, kind: str, params: dict[str, str]) -> None:
    link = MobileLink.objects.filter(member__member_id=request.requested_by_member_id).first()
    if link is not None:
        sms_queue(
            kind=kind,
            mobile=link.mobile,
            language=request.language,
            params={"number": request.number, **params},
            local_body=request.to_area.local_body,
        )


def migration_proof_upload(*, citizen: Citizen, upload: UploadedFile) -> Document:
    """Check and keep a proof of address for the request being prepared (SOP step 4)."""
    _family(citizen)
    with transaction.atomic():
        return document_store(actor=citizen, upload=upload, kind=DocumentKind.PROOF_OF_ADDRESS)


def _resolve(details: MigrationDetails) -> tuple[Area | None, Village | None]:
    area = (
        Area.objects.select_related("local_body").filter(pk=details.to_area_id).first()
        if details.to_area_id
        else None
    )
    village = (
        Village.objects.filter(pk=details.to_village_id).first() if details.to_village_id else None
    )
    return area, village


def _check_documents(family: Family, documents: Sequence[Document]) -> dict[str, list[str]]:
    if not documents:
        return {"proof": [_("Upload a proof of the new address. It is compulsory.")]}
    member_ids = set(family.members.values_list("member_id", flat=True))
    for document in documents:
        if (
            document.kind != DocumentKind.PROOF_OF_ADDRESS
            or document.uploaded_by_member_id not in member_ids
        ):
            raise PermissionDenied
    return {}


def _use_authentication(
    citizen: Citizen, authentication: AadhaarAuthentication | None
) -> AadhaarAuthentication:
    missing = ValidationError(
        {"aadhaar": [_("Confirm the request with Aadhaar (OTP or biometric) before submitting.")]},
        code="eauth_required",
    )
    if authentication is None:
        raise missing
    # Locked so that one authentication signs one request, even when submitted twice at once.
    locked = AadhaarAuthentication.objects.select_for_update().filter(pk=authentication.pk).first()
    if (
        locked is None
        or locked.member_id != citizen.member_id
        or locked.used_at is not None
        or locked.authenticated_at < timezone.now() - AUTH_VALID
    ):
        raise missing
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    return locked


def _check_previous(family: Family, previous: MigrationRequest | None) -> None:
    if previous is None:
        return
    if previous.family_id != family.pk:
        raise PermissionDenied
    workflow.next_status(previous.status, Action.RESUBMIT)


def _open_request_error() -> ValidationError:
    return ValidationError(
        _(
            "This family already has a migration request waiting for a decision. Withdraw it, "
            "or wait for the decision, before asking again."
        ),
        code="open_request",
    )


def migration_request_submit(
    *,
    citizen: Citizen,
    details: MigrationDetails,
    documents: Sequence[Document],
    authentication: AadhaarAuthentication | None,
    previous_request: MigrationRequest | None = None,
    language: str = "hi",
) -> MigrationRequest:
    """Submit the family's migration request (SOP step 6). The new place must fit the type,
    the proof of address is compulsory, the member must have just e-authenticated with Aadhaar,
    and the family may have only one open request. It goes to the destination's field official;
    the citizen is told the number by SMS."""
    area, village = _resolve(details)
    with transaction.atomic():
        # The family row is locked so that a request and the family's move cannot interleave.
        family = _family(citizen, lock=True)
        if MigrationRequest.objects.filter(family=family, status=MigrationStatus.PENDING).exists():
            raise _open_request_error()
        _check_previous(family, previous_request)
        errors = rules.destination_errors(family, details.type, area, village)
        address, address_errors = rules.clean_address(
            rules.Address(details.house_number, details.locality, details.pin_code)
        )
        errors.update(address_errors)
        errors.update(_check_documents(family, documents))
        if errors:
            raise ValidationError(errors)
        assert area is not None  # noqa: S101 (destination_errors refuses a missing area)
        auth = _use_authentication(citizen, authentication)
        now = timezone.now()
        request = MigrationRequest(
            number=_new_number(),
            family=family,
            requested_by_member_id=citizen.member_id,
            type=details.type,
            language=language,
            from_area=family.area,
            from_village=family.village,
            from_address=address_line(
                family.house_number, family.locality, family.village, family.pin_code
            ),
            to_area=area,
            to_village=village,
            house_number=address.house_number,
            locality=address.locality,
            pin_code=address.pin_code,
            remarks=details.remarks.strip()[:500],
            auth_method=auth.method,
            auth_txn=auth.uidai_txn,
            auth_at=auth.authenticated_at,
            holder=_holder(area),
            held_since=now,
            previous_request=previous_request,
            created_at=now,
        )
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError:
            raise _open_request_error() from None
        request.documents.set(documents)
        audit_record(
            actor=citizen,
            event_type="migration.submitted",
            subject=request,
            area=area,
            changes={
                "status": [None, request.status],
                "type": [None, request.type],
                "from_area": [None, str(family.area)],
                "to_area": [None, str(area)],
                "previous_request": [None, str(previous_request or "") or None],
            },
        )
        _tell_family(request, SmsKind.MIGRATION_SUBMITTED, {})
    return request


def migration_request_withdraw(*, citizen: Citizen, request: MigrationRequest) -> MigrationRequest:
    """The family takes back its pending request."""
    with transaction.atomic():
        locked = MigrationRequest.objects.select_for_update().get(pk=request.pk)
        if locked.family.family_id != citizen.family_id:
            raise PermissionDenied
        old = locked.status
        locked.status = workflow.next_status(old, Action.WITHDRAW)
        locked.holder = None
        locked.held_since = timezone.now()
        locked.save()
        audit_record(
            actor=citizen,
            event_type="migration.withdrawn",
            subject=locked,
            area=locked.to_area,
            changes={"status": [old, locked.status]},
        )
        _tell_family(locked, SmsKind.MIGRATION_WITHDRAWN, {})
    return locked


def _decidable(actor: Official, request: MigrationRequest) -> MigrationRequest:
    """The request, locked, if ``actor`` is a field official of its destination area or the
    officer of the destination's local body.

    The row lock (PostgreSQL) makes two officials deciding at once take turns: the second sees
    the first one's decision and is refused by the workflow table, so exactly one decision
    wins and a family is never moved twice."""
    if actor.role not in DECIDERS or not actor.is_active:
        raise PermissionDenied
    locked = (
        jurisdiction.scope(actor, MigrationRequest.objects.select_for_update(of=("self",)))
        .filter(pk=request.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    return locked


def _family_place(family: Family) -> dict[str, Any]:
    return {
        "area": family.area,
        "village": family.village,
        "house_number": family.house_number,
        "locality": family.locality,
        "pin_code": family.pin_code,
    }


def _close(request: MigrationRequest, actor: Official, action: str) -> str:
    old = request.status
    request.status = workflow.next_status(old, action)
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.holder = None
    request.held_since = request.decided_at
    return old


def migration_request_approve(*, actor: Official, request: MigrationRequest) -> MigrationRequest:
    """Approve: in one transaction the family's area, village and address become the new ones
    (its Family ID and Member IDs stay), the family's history and the audit log record the move,
    and the citizen is told by SMS."""
    with transaction.atomic():
        request = _decidable(actor, request)
        old_status = _close(request, actor, Action.APPROVE)
        family = Family.objects.select_for_update().get(pk=request.family_id)
        if family.status == FamilyStatus.MERGED:
            raise ValidationError(
                _(
                    "Family ID %(id)s was merged into %(into)s after this request was made. "
                    "Reject it."
                )
                % {"id": family.family_id, "into": surviving_family_id(family) or "—"},
                code="family_retired",
            )
        if family.area_id != request.from_area_id:
            raise ValidationError(
                _("The family's address changed after this request was made. Reject it."),
                code="family_changed",
            )
        before = _family_place(family)
        family.area = request.to_area
        family.village = request.to_village
        family.house_number = request.house_number
        family.locality = request.locality
        family.pin_code = request.pin_code
        family.save(update_fields=["area", "village", "house_number", "locality", "pin_code"])
        request.save()
        audit_record(
            actor=actor,
            event_type="family.migrated",
            subject=family,
            area=request.to_area,
            changes={**diff(before, _family_place(family)), "request": [None, request.number]},
        )
        record_move(
            ChangeKind.MIGRATED, family=family, from_area=before["area"], to_area=request.to_area
        )
        audit_record(
            actor=actor,
            event_type="migration.approved",
            subject=request,
            area=request.to_area,
            changes={"status": [old_status, request.status]},
        )
        with translation.override(request.language):
            place = f"{request.to_area.name}, {request.to_area.local_body.name}"
        _tell_family(request, SmsKind.MIGRATION_APPROVED, {"place": place})
    return request


def migration_request_reject(
    *, actor: Official, request: MigrationRequest, reason: str, details: str
) -> MigrationRequest:
    """Reject with a reason from the list and its details (both compulsory: no reason, no
    rejection). The citizen is told the reason by SMS and may correct and resubmit."""
    details = " ".join(details.split())
    errors: dict[str, list[str]] = {}
    if reason not in RejectionReason.values:
        errors["reason"] = [_("Choose the reason for the rejection.")]
    if not details:
        errors["details"] = [_("Explain the reason. The family will read it.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        request = _decidable(actor, request)
        old_status = _close(request, actor, Action.REJECT)
        request.rejection_reason = reason
        request.rejection_text = details[:1000]
        request.save()
        audit_record(
            actor=actor,
            event_type="migration.rejected",
            subject=request,
            area=request.to_area,
            changes={
                "status": [old_status, request.status],
                "rejection_reason": [None, reason],
                "rejection_text": [None, request.rejection_text],
            },
        )
        _tell_family(
            request, SmsKind.MIGRATION_REJECTED, {"reason": REJECTION_TOLD[RejectionReason(reason)]}
        )
    return request


def migration_correction_details(
    *, citizen: Citizen, request: MigrationRequest
) -> MigrationDetails:
    """The details of a rejected request, to prefill its correction."""
    if request.family.family_id != citizen.family_id:
        raise PermissionDenied
    workflow.next_status(request.status, Action.RESUBMIT)
    return MigrationDetails(
        type=request.type,
        to_area_id=request.to_area_id,
        to_village_id=request.to_village_id,
        house_number=request.house_number,
        locality=request.locality,
        pin_code=request.pin_code,
        remarks=request.remarks,
    )
