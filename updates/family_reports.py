"""Changes reported by the family itself: a citizen signed in to their family (identity.citizen)
reports a birth, a death or a correction of a member's details. Each becomes a change request
of the same kind an official would make, held by the family's local body officer, who decides
it as any other (updates.services.change_request_approve / _reject).

A family's report always waits for verification, whatever SAMAGRA_UPDATES_VERIFIED_KINDS says:
nobody at the family's door has checked it yet. A new mobile number is not reported here: it
is linked with an OTP to the new number (identity.mobile), so that nobody can point the
family's sign-in or its SMS at a number they do not hold."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from documents.services import document_store
from identity.actors import Citizen
from registry.models import Family, Member, MemberStatus
from sms.models import SmsKind
from updates.kinds import kind_for
from updates.kinds.base import Kind
from updates.models import ChangeKind, ChangeRequest
from updates.services import _check_no_conflict, _create, _lock, _possible, _tell_family

FAMILY_KINDS = (ChangeKind.BIRTH, ChangeKind.DEATH, ChangeKind.CORRECT_MEMBER)
NOT_A_MEMBER = _("Choose a member of your family.")
NOT_IN_USE = _("Member ID %(id)s is no longer in use. Choose another member.")


def reporting_family(citizen: Citizen) -> Family:
    """The citizen's own family, with what the report pages show of it."""
    family = (
        Family.objects.select_related("area__local_body__district")
        .filter(family_id=citizen.family_id)
        .first()
    )
    if family is None:
        raise PermissionDenied
    return family


def _member_of(family: Family, member_id: str) -> Member:
    """A member of this family in use, by Member ID; the same message for an unknown ID and
    for one of another family, so that nothing is learnt about other families."""
    member_id = (member_id or "").strip()
    member = (
        family.members.select_related("mother").filter(member_id=member_id).first()
        if member_id
        else None
    )
    if member is None:
        raise ValidationError({"member": NOT_A_MEMBER}, code="not_a_member")
    if member.status == MemberStatus.MERGED:
        raise ValidationError({"member": NOT_IN_USE % {"id": member_id}}, code="retired")
    return member


def _reported_payload(kind: Kind, member: Member | None, data: Mapping[str, Any]) -> dict[str, Any]:
    payload = {k: v for k, v in data.items() if k != "member"}
    if kind.CODE == ChangeKind.CORRECT_MEMBER and member is not None:
        # The member's mobile stays as it is: a new number is linked with an OTP to it.
        payload["mobile"] = member.mobile
    return payload


def change_request_report(
    *,
    citizen: Citizen,
    kind: str,
    data: Mapping[str, Any],
    member_id: str = "",
    documents: Sequence[UploadedFile] = (),
) -> ChangeRequest:
    """A birth, a death or a correction reported by the citizen for their own family.

    The data is checked by the kind's rules, as an official's request is; ``member_id`` names
    the member a death or a correction is about, among the family's own (a ValidationError on
    ``member`` otherwise). The request waits for the local body officer; the family is told by
    SMS, with its number, once it is recorded."""
    if kind not in FAMILY_KINDS:
        raise PermissionDenied
    family = reporting_family(citizen)
    change_kind = kind_for(kind)
    with transaction.atomic():
        family = _lock(change_kind, family, data)
        target = _member_of(family, member_id) if change_kind.MEMBER_BOUND else None
        payload = _reported_payload(change_kind, target, data)
        cleaned = change_kind.validate(family, target, payload)
        key = change_kind.conflict_key(target, cleaned)
        _check_no_conflict(change_kind, family, key, cleaned)
        change = _create(
            None, family, target, change_kind, payload, key, cleaned, reported_by=citizen.member_id
        )
        for upload in documents:
            change.documents.add(
                document_store(actor=citizen, upload=upload, kind=change_kind.DOCUMENT_KIND)
            )
        audit_record(
            actor=citizen,
            event_type="change.reported",
            subject=change,
            area=family.area,
            changes={
                "kind": [None, kind],
                "family_id": [None, family.family_id],
                "reported_by": [None, citizen.member_id],
                **_possible(change_kind, family, cleaned),
            },
        )
        _tell_family(change, family, SmsKind.CHANGE_REPORTED)
    return change
