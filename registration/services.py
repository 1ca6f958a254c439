"""The field official's side of a temporary registration: save a draft, submit it, correct and
resubmit it when the local body returns it. (The local body's side is in verification.py.)"""

import logging
import secrets
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record, diff
from identity.vault import vault_token_for
from officials import jurisdiction
from officials.models import Official, Role
from registration import workflow
from registration.data import AddressData, MemberData
from registration.duplicates import refresh_possible_duplicates
from registration.models import Application, ApplicationMember
from registration.validation import check_family, clean_address, clean_member
from registration.workflow import Action
from registry import ids
from sms.models import SmsKind
from sms.services import sms_queue

logger = logging.getLogger(__name__)

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
SUBMIT_EVENTS: dict[str, str] = {
    Action.SUBMIT: "application.submitted",
    Action.RESUBMIT: "application.resubmitted",
}


def new_number() -> str:
    random_part = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"APP-{timezone.localdate().year}-{random_part}"


def _member_label(m: ApplicationMember) -> str:
    born = m.date_of_birth.isoformat() if m.date_of_birth else f"~{m.birth_year}"
    return f"{m.name_en or m.name_hi} / {m.relation} / {m.gender} / {born}"


def snapshot(application: Application) -> dict[str, Any]:
    """What the audit log keeps of an application: its address, status and members."""
    return {
        "area": application.area,
        "village": application.village,
        "house_number": application.house_number,
        "locality": application.locality,
        "pin_code": application.pin_code,
        "status": application.status,
        "members": [_member_label(m) for m in application.members.all()],
    }


def field_application(actor: Official, application: Application) -> Application:
    """The application, locked, if ``actor`` is a field official whose areas hold it."""
    if actor.role != Role.FIELD_OFFICIAL or not actor.is_active:
        raise PermissionDenied
    found = (
        jurisdiction.scope(actor, Application.objects.select_for_update())
        .filter(pk=application.pk)
        .first()
    )
    if found is None:
        raise PermissionDenied
    return found


def _clean(
    actor: Official, address: AddressData, members: Sequence[MemberData], *, complete: bool
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    today = timezone.localdate()
    cleaned_address, errors = clean_address(actor=actor, address=address)
    cleaned_members = []
    for index, data in enumerate(members):
        cleaned, member_errors = clean_member(
            index=index, data=data, today=today, complete=complete
        )
        cleaned_members.append(cleaned)
        errors.update(member_errors)
    if complete:
        if not members:
            errors["members"] = [_("Add the members of the family, starting with the head.")]
        else:
            for key, messages in check_family(cleaned_members).items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned_address, cleaned_members


def _known_aadhaar(number: str) -> str | None:
    """The vault token of a (checked) Aadhaar number the vault already holds, else None. Only
    looked up, never stored: the vault keeps numbers UIDAI confirmed (identity.vault)."""
    try:
        return vault_token_for(number)
    except ImproperlyConfigured:
        # The check loses one blocking key; the registration itself goes on.
        logger.exception("The Aadhaar vault's keys are not configured: no Aadhaar lookup.")
        return None


def save_members(
    application: Application, members: Sequence[MemberData], cleaned: list[dict[str, Any]]
) -> None:
    existing = {m.pk: m for m in application.members.all()}
    unknown = {d.id for d in members if d.id is not None} - set(existing)
    if unknown:
        raise ValidationError({"members": _("A member of this form does not belong to it.")})
    kept = set()
    for data, values in zip(members, cleaned, strict=True):
        row = existing.get(data.id) if data.id else None
        row = row or ApplicationMember(application=application)
        for name, value in values.items():
            setattr(row, name, value)
        if data.aadhaar.strip():
            # A form shown again never holds the number: an empty field keeps the token found.
            row.aadhaar_token_id = _known_aadhaar(data.aadhaar)
        row.save()
        kept.add(row.pk)
    # Rows of a draft are the official's working copy: removing one is part of editing it.
    application.members.exclude(pk__in=kept).delete()


def application_save_draft(
    *,
    actor: Official,
    address: AddressData,
    members: Sequence[MemberData],
    application: Application | None = None,
    language: str = "hi",
) -> Application:
    """Create or change a draft (or a returned application) without submitting it.

    A draft may be incomplete, but every value in it must be valid. Aadhaar numbers are
    checked and then dropped; when the vault already holds one (a registered member's e-KYC),
    the member keeps that entry's token, which the duplicate check looks for.
    """
    if actor.role != Role.FIELD_OFFICIAL or not actor.is_active:
        raise PermissionDenied
    cleaned_address, cleaned_members = _clean(actor, address, members, complete=False)
    with transaction.atomic():
        if application is None:
            application = ids.insert_with_unique_id(
                lambda number: Application.objects.create(
                    number=number,
                    created_by=actor,
                    holder=actor,
                    language=language,
                    **cleaned_address,
                ),
                new_number,
            )
            before: dict[str, Any] = {}
            event = "application.created"
        else:
            application = field_application(actor, application)
            workflow.next_status(application.status, Action.EDIT)
            before = snapshot(application)
            for name, value in cleaned_address.items():
                setattr(application, name, value)
            application.language = language
            application.save()
            event = "application.edited"
        save_members(application, members, cleaned_members)
        changes = diff(before, snapshot(application))
        if changes:
            audit_record(
                actor=actor,
                event_type=event,
                subject=application,
                changes=changes,
                area=application.area,
            )
    return application


def _as_data(m: ApplicationMember) -> MemberData:
    return MemberData(
        name_hi=m.name_hi,
        name_en=m.name_en,
        gender=m.gender,
        date_of_birth=m.date_of_birth,
        age_years=m.age_years,
        relation=m.relation,
        father_or_husband_name=m.father_or_husband_name,
        marital_status=m.marital_status,
        mobile=m.mobile,
        caste_category=m.caste_category,
        has_disability=m.has_disability,
        disability_kind=m.disability_kind,
        id=m.pk,
    )


def _address(application: Application) -> AddressData:
    return AddressData(
        area=application.area,
        village=application.village,
        house_number=application.house_number,
        locality=application.locality,
        pin_code=application.pin_code,
    )


def local_body_officer_for(application: Application) -> Official | None:
    """Who verifies the application: the local body officer of its area (the longest serving,
    when there are several)."""
    return (
        Official.objects.filter(
            role=Role.LOCAL_BODY_OFFICER,
            is_active=True,
            local_body_id=application.area.local_body_id,
        )
        .order_by("created_at", "pk")
        .first()
    )


def _submit(*, actor: Official, application: Application, action: str) -> Application:
    with transaction.atomic():
        application = field_application(actor, application)
        old_status = application.status
        new_status = workflow.next_status(old_status, action)
        members = list(application.members.all())
        _clean(actor, _address(application), [_as_data(m) for m in members], complete=True)
        now = timezone.now()
        application.status = new_status
        # A family's own application becomes the submitting official's: returns come to them.
        application.created_by = application.created_by or actor
        application.submitted_at = application.submitted_at or now
        application.holder = local_body_officer_for(application)
        application.held_since = now
        old_reason, application.decision_reason = application.decision_reason, ""
        application.save()
        found = refresh_possible_duplicates(application)
        audit_record(
            actor=actor,
            event_type=SUBMIT_EVENTS[action],
            subject=application,
            area=application.area,
            changes={
                "status": [old_status, new_status],
                "decision_reason": [old_reason, ""],
                "possible_duplicates": [None, len(found)],
            },
        )
        head = next((m for m in members if m.is_head), None)
        mobile = (head.mobile if head is not None else "") or application.applicant_mobile
        if action == Action.SUBMIT and mobile:
            sms_queue(
                kind=SmsKind.APPLICATION_SUBMITTED,
                mobile=mobile,
                language=application.language,
                params={"number": application.number},
                local_body=application.area.local_body,
            )
    return application


def application_submit(*, actor: Official, application: Application) -> Application:
    """Submit a draft for verification by the local body.

    The whole application must now be complete and consistent (one head, parents older than
    their children, …); otherwise a ValidationError lists every problem and nothing changes.
    Possible duplicates are looked for and kept for the verifier; the head's mobile, when
    given, gets the application number by SMS.
    """
    return _submit(actor=actor, application=application, action=Action.SUBMIT)


def application_resubmit(*, actor: Official, application: Application) -> Application:
    """Send a corrected application back for verification. Its earlier submissions, returns
    and reasons stay in its history (the audit log)."""
    return _submit(actor=actor, application=application, action=Action.RESUBMIT)
