"""The local body's side of a temporary registration: look at possible duplicates, then approve
(the register gives the family its Samagra IDs), reject, or return it for correction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import audit_record
from officials.models import Official, Role
from registration import workflow
from registration.duplicates import refresh_possible_duplicates, undecided_candidates
from registration.models import Application, ApplicationMember, PossibleDuplicate
from registration.workflow import Action
from registry.models import Family
from registry.services import NewFamily, NewMember, family_create_verified
from sms.models import SmsKind
from sms.reasons import REGISTRATION_REASONS, SmsReason, reason_told
from sms.services import sms_queue

REASON_REQUIRED = _("Give the reason. The field official and the applicant will see it.")


def _verifiable(actor: Official, application: Application) -> Application:
    """The application, locked, if ``actor`` is the local body officer of its local body.

    The row lock (PostgreSQL) makes two officers deciding on the same application at once take
    turns: the second one sees the first one's decision and is refused by the workflow table,
    so a family is never approved twice."""
    if actor.role != Role.LOCAL_BODY_OFFICER or not actor.is_active:
        raise PermissionDenied
    locked = (
        Application.objects.select_for_update()
        .filter(pk=application.pk)
        .select_related("area__local_body")
        .first()
    )
    if locked is None or locked.area.local_body_id != actor.local_body_id:
        raise PermissionDenied
    return locked


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason


def _head(application: Application) -> ApplicationMember | None:
    return application.members.filter(relation="HEAD").first()


def _tell_family(application: Application, kind: str, params: dict[str, str]) -> None:
    head = _head(application)
    if head is not None and head.mobile:
        sms_queue(
            kind=kind,
            mobile=head.mobile,
            language=application.language,
            params=params,
            local_body=application.area.local_body,
        )


def application_check_duplicates(
    *, actor: Official, application: Application
) -> list[PossibleDuplicate]:
    """Look for possible duplicates again (at verification) and return all of them."""
    with transaction.atomic():
        application = _verifiable(actor, application)
        workflow.next_status(application.status, Action.DECIDE_DUPLICATE)
        found = refresh_possible_duplicates(application)
        if found:
            audit_record(
                actor=actor,
                event_type="application.duplicates_found",
                subject=application,
                area=application.area,
                changes={"possible_duplicates": [None, len(found)]},
            )
    return list(application.possible_duplicates.select_related("applicant", "member", "pending"))


def _decide(
    actor: Official, duplicate: PossibleDuplicate, decision: str, reason: str
) -> tuple[Application, PossibleDuplicate]:
    application = _verifiable(actor, duplicate.application)
    workflow.next_status(application.status, Action.DECIDE_DUPLICATE)
    duplicate = PossibleDuplicate.objects.select_for_update().get(pk=duplicate.pk)
    old = duplicate.decision
    duplicate.decision = decision
    duplicate.decision_reason = reason
    duplicate.decided_by = actor
    duplicate.decided_at = timezone.now()
    duplicate.save()
    audit_record(
        actor=actor,
        event_type="application.duplicate_decided",
        subject=application,
        area=application.area,
        changes={
            "decision": [old, decision],
            "reason": [None, reason],
            "candidate": [None, str(duplicate)],
        },
    )
    return application, duplicate


def possible_duplicate_mark_not_duplicate(
    *, actor: Official, duplicate: PossibleDuplicate, reason: str
) -> PossibleDuplicate:
    """Record, with a reason, that the verifier compared both and they are different people."""
    reason = _reason(reason)
    with transaction.atomic():
        _, duplicate = _decide(actor, duplicate, PossibleDuplicate.Decision.NOT_DUPLICATE, reason)
    return duplicate


def _close(
    application: Application, actor: Official, action: str, reason: str, sms_reason: str
) -> str:
    old_status = application.status
    application.status = workflow.next_status(old_status, action)
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.sms_reason = sms_reason
    application.holder = application.created_by if action == Action.RETURN else None
    application.held_since = application.decided_at
    application.save()
    return old_status


def application_reject_as_duplicate(
    *, actor: Official, duplicate: PossibleDuplicate, reason: str
) -> Application:
    """Reject the application because one of its members is already registered or pending."""
    reason = _reason(reason)
    with transaction.atomic():
        application, _dup = _decide(actor, duplicate, PossibleDuplicate.Decision.DUPLICATE, reason)
        sms_reason = SmsReason.ALREADY_REGISTERED
        old_status = _close(application, actor, Action.REJECT, reason, sms_reason)
        audit_record(
            actor=actor,
            event_type="application.rejected",
            subject=application,
            area=application.area,
            changes={
                "status": [old_status, application.status],
                "decision_reason": [None, reason],
                "sms_reason": [None, sms_reason],
            },
        )
        _tell_family(
            application,
            SmsKind.APPLICATION_REJECTED,
            {"number": application.number, "reason": sms_reason},
        )
    return application


def application_reject(
    *, actor: Official, application: Application, reason: str, reason_code: str = ""
) -> Application:
    """Reject the application; the reason is mandatory. The family's SMS names ``reason_code``
    (sms.reasons; "see the status page" when none), the status page the reason itself."""
    return _decide_with_reason(
        actor,
        application,
        (reason, reason_code),
        Action.REJECT,
        "application.rejected",
        SmsKind.APPLICATION_REJECTED,
    )


def application_return_for_correction(
    *, actor: Official, application: Application, reason: str, reason_code: str = ""
) -> Application:
    """Send the application back to the field official who registered it, with the reason
    (the family's SMS names ``reason_code``, as for a rejection)."""
    return _decide_with_reason(
        actor,
        application,
        (reason, reason_code),
        Action.RETURN,
        "application.returned",
        SmsKind.APPLICATION_RETURNED,
    )


def _decide_with_reason(
    actor: Official,
    application: Application,
    reasons: tuple[str, str],
    action: Action,
    event_type: str,
    sms_kind: SmsKind,
) -> Application:
    reason = _reason(reasons[0])
    sms_reason = reason_told(reasons[1], REGISTRATION_REASONS)
    with transaction.atomic():
        application = _verifiable(actor, application)
        old_status = _close(application, actor, action, reason, sms_reason)
        audit_record(
            actor=actor,
            event_type=event_type,
            subject=application,
            area=application.area,
            changes={
                "status": [old_status, application.status],
                "decision_reason": [None, reason],
                "sms_reason": [None, sms_reason],
            },
        )
        _tell_family(application, sms_kind, {"number": application.number, "reason": sms_reason})
    return application


def _new_family(application: Application, members: list[ApplicationMember]) -> NewFamily:
    return NewFamily(
        area=application.area,
        village=application.village,
        house_number=application.house_number,
        locality=application.locality,
        pin_code=application.pin_code,
        members=[
            NewMember(
                name_hi=m.name_hi,
                name_en=m.name_en,
                gender=m.gender,
                relation=m.relation,
                date_of_birth=m.date_of_birth,
                birth_year=m.birth_year,
                father_or_husband_name=m.father_or_husband_name,
                marital_status=m.marital_status,
                mobile=m.mobile,
                caste_category=m.caste_category,
                has_disability=m.has_disability,
                disability_kind=m.disability_kind,
            )
            for m in members
        ],
    )


def application_approve(*, actor: Official, application: Application) -> Family:
    """Approve the application: the family enters the register with a new 8-digit Family ID
    and a 9-digit Member ID per member, and is told by SMS.

    Only the local body officer of the application's local body may approve, and only once
    every possible duplicate found (looked for again now) is marked "not a duplicate".
    """
    with transaction.atomic():
        application = _verifiable(actor, application)
        workflow.next_status(application.status, Action.APPROVE)
        if undecided_candidates(application):
            raise ValidationError(
                _(
                    "Possible duplicates of members of this application are not yet decided. "
                    "Compare each of them, then mark it as not a duplicate or reject the "
                    "application as a duplicate."
                ),
                code="duplicates_undecided",
            )
        members = list(application.members.all())
        family, registered = family_create_verified(
            actor=actor, data=_new_family(application, members)
        )
        for applicant, member in zip(members, registered, strict=True):
            applicant.member = member
            applicant.save(update_fields=["member"])
        application.family = family
        old_status = _close(application, actor, Action.APPROVE, "", "")
        audit_record(
            actor=actor,
            event_type="application.approved",
            subject=application,
            area=application.area,
            changes={
                "status": [old_status, application.status],
                "family_id": [None, family.family_id],
            },
        )
        _tell_family(application, SmsKind.FAMILY_APPROVED, {"family_id": family.family_id})
    return family
