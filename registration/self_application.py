"""A family's own application (circular ¶3: registration is never closed, and an applicant turned
away leaves a trace). A family that is not registered applies on the public pages with its
head's mobile, proved by an OTP; the application gets its number at once (by SMS too) and lands
in the work list of a field official of its area as a draft, counted as overdue like any other.
The official completes and submits it (registration.services, the same path as their own), or
returns it to the family with a reason the family sees on the status page.

Limits: the OTP's waits and caps per mobile and per client (identity.otp), and one open
application of its own per mobile (a database constraint, so two at once cannot both pass)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from core.validators import normalize_indian_mobile
from documents.models import DocumentKind
from documents.services import document_store
from geography.models import Area
from identity.citizen import mask_mobile
from identity.otp import otp_issue, otp_verify
from officials.models import Official, Role
from registration import workflow
from registration.data import AddressData, MemberData
from registration.duplicates import refresh_possible_duplicates
from registration.models import (
    OPEN_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationSource,
)
from registration.services import field_application, new_number, save_members, snapshot
from registration.validation import check_family, clean_address, clean_member
from registration.workflow import Action
from registry import ids
from sms.models import SmsKind
from sms.services import sms_queue

PURPOSE = "self_application"
OPEN_ALREADY = _(
    "An application from this mobile number is already open: %(number)s. Follow it on the "
    "status page; a new one can be made once it is decided."
)


@dataclass(frozen=True)
class Applicant:
    """The family applying by itself, as the audit log names it (no official acts)."""

    mobile: str
    pk: None = None

    def __str__(self) -> str:
        return f"Family applying (mobile {mask_mobile(self.mobile)})"


def self_application_start(*, mobile: str, client: str, language: str) -> tuple[str, str]:
    """Send an OTP to the mobile the family gives; returns (challenge token, the mobile).
    ValidationError for a number that is not an Indian mobile; OtpRateLimited past the waits
    and caps (per mobile and per client)."""
    mobile = normalize_indian_mobile(mobile)
    challenge = otp_issue(
        purpose=PURPOSE,
        purpose_label=_("applying for the registration of your family"),
        subject=mobile,
        mobile=mobile,
        client_address=client,
        language=language,
        asked_for=mobile,
    )
    return challenge.token, mobile


def self_application_verify(*, token: str, code: str) -> str:
    """The mobile the OTP proves (OtpError otherwise: wrong, expired or already used)."""
    return otp_verify(token=token, purpose=PURPOSE, code=code).mobile


def open_application_of(mobile: str) -> Application | None:
    return (
        Application.objects.filter(
            source=ApplicationSource.FAMILY, applicant_mobile=mobile, status__in=OPEN_STATUSES
        )
        .only("number")
        .first()
    )


def field_official_for(area: Area) -> Official | None:
    """The active field official of the area holding the fewest open applications; among
    equals the first registered, so that the choice is the same on every run. None when the
    area has no field official (the application then waits unowned, shown as such)."""
    held = (
        Application.objects.filter(holder=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("holder")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Official.objects.filter(is_active=True, role=Role.FIELD_OFFICIAL, areas=area)
        .annotate(open_items=Coalesce(Subquery(held, output_field=IntegerField()), 0))
        .order_by("open_items", "pk")
        .first()
    )


def _clean(
    address: AddressData, members: Sequence[MemberData]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every value must be valid, one head and sensible ages; what the family does not know
    (caste category, marital status…) the official completes before submitting."""
    today = timezone.localdate()
    cleaned_address, errors = clean_address(actor=None, address=address)
    cleaned_members = []
    for index, data in enumerate(members):
        cleaned, member_errors = clean_member(index=index, data=data, today=today, complete=False)
        if not (cleaned["name_hi"] or cleaned["name_en"]):
            member_errors.setdefault(f"members-{index}-name_hi", []).append(
                _("Enter the name (in Devanagari or Latin letters).")
            )
        cleaned_members.append(cleaned)
        errors.update(member_errors)
    if not members:
        errors["members"] = [_("Add the members of the family, starting with the head.")]
    else:
        for key, messages in check_family(cleaned_members).items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned_address, cleaned_members


def self_application_file(
    *,
    mobile: str,
    address: AddressData,
    members: Sequence[MemberData],
    language: str,
    upload: UploadedFile | None = None,
    document_kind: str = DocumentKind.SUPPORTING,
) -> Application:
    """File a family's own application from the mobile its OTP proved. All or nothing: a
    refused value, a refused document or an open application of the same mobile saves nothing
    (ValidationError with every problem)."""
    mobile = normalize_indian_mobile(mobile)
    cleaned_address, cleaned_members = _clean(address, members)
    applicant = Applicant(mobile)
    try:
        with transaction.atomic():
            already = open_application_of(mobile)
            if already is not None:
                raise ValidationError(OPEN_ALREADY % {"number": already.number}, code="open")
            holder = field_official_for(cleaned_address["area"])
            application = ids.insert_with_unique_id(
                lambda number: Application.objects.create(
                    number=number,
                    source=ApplicationSource.FAMILY,
                    applicant_mobile=mobile,
                    created_by=None,
                    holder=holder,
                    language=language,
                    **cleaned_address,
                ),
                new_number,
            )
            save_members(application, members, cleaned_members)
            if upload is not None:
                try:
                    document = document_store(actor=None, upload=upload, kind=document_kind)
                except ValidationError as exc:
                    raise ValidationError({"document": exc.messages}) from exc
                ApplicationDocument.objects.create(
                    application=application, document=document, added_by=None
                )
            found = refresh_possible_duplicates(application)
            audit_record(
                actor=applicant,
                event_type="application.self_filed",
                subject=application,
                area=application.area,
                changes={
                    **{k: [None, str(v)] for k, v in snapshot(application).items()},
                    "holder": [None, str(holder) if holder else None],
                    "possible_duplicates": [None, len(found)],
                },
            )
            sms_queue(
                kind=SmsKind.SELF_APPLICATION_RECEIVED,
                mobile=mobile,
                language=language,
                params={"number": application.number},
                local_body=application.area.local_body,
            )
    except IntegrityError:
        # Two filings from one mobile at once: the constraint let one through.
        already = open_application_of(mobile)
        if already is None:
            raise
        raise ValidationError(OPEN_ALREADY % {"number": already.number}, code="open") from None
    return application


def self_application_send_back(
    *, actor: Official, application: Application, reason: str
) -> Application:
    """Return a family's own application that the field official cannot take up (no such
    family at the address, another area, a copy of one already registered), with the reason
    the family reads on the status page and by SMS. The family may then apply again."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Give the reason; the family will see it.")]})
    with transaction.atomic():
        locked = field_application(actor, application)
        if not locked.by_family:
            raise PermissionDenied
        old_status = locked.status
        locked.status = workflow.next_status(old_status, Action.SEND_BACK)
        now = timezone.now()
        locked.decided_by, locked.decided_at, locked.decision_reason = actor, now, reason
        locked.holder, locked.held_since = None, now
        locked.save()
        audit_record(
            actor=actor,
            event_type="application.sent_back",
            subject=locked,
            area=locked.area,
            changes={"status": [old_status, locked.status], "decision_reason": ["", reason]},
        )
        sms_queue(
            kind=SmsKind.SELF_APPLICATION_SENT_BACK,
            mobile=locked.applicant_mobile,
            language=locked.language,
            params={"number": locked.number},
            local_body=locked.area.local_body,
        )
    return locked
