"""Reports of a duplicate: a field official (for members of the areas they hold), a local body
officer, or a citizen signed in to their family (for one of its members) says that two Member
IDs are one person, and why. A report is a duplicate case of kind REPORT, held by the member's
local body officer, who merges or deactivates (duplicates.services, which close the reports they
act on: ``reports_resolve``) or dismisses it. Reports run through the same locks as every other
step of a case (members in primary-key order), so two reports of one pair cannot both open."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from duplicates import steps, workflow
from duplicates.models import CaseKind, CaseSource, CaseStatus, DuplicateCase
from duplicates.workflow import Action
from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Member, MemberStatus
from registry.selectors import surviving_id

REPORTERS = (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER)
# The deactivation steps still running: a member in one is already before the officer.
RUNNING = (CaseStatus.NOTICE, CaseStatus.OBJECTED)


def _refusal(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


class CaseAlreadyOpen(ValidationError):
    """The pair (or one of its members) is already in a running case: ``case`` is the one."""

    def __init__(self, message: str, case: DuplicateCase) -> None:
        super().__init__({"other": ValidationError(message, code="open_case")})
        self.case = case


def _require_reporter(actor: Official | Citizen, member: Member) -> None:
    if isinstance(actor, Citizen):
        if member.family.family_id != actor.family_id:
            raise PermissionDenied
        return
    if actor.role not in REPORTERS or not actor.is_active:
        raise PermissionDenied
    if not steps.in_jurisdiction(actor, member):
        raise PermissionDenied


def _other(actor: Official | Citizen, member: Member, other_id: str) -> Member:
    """The other Member ID typed, if it may be reported with ``member``: an official's must be
    in the areas they hold (an ID elsewhere and an unknown one get the same answer, so that
    nothing leaks across areas); a citizen's anywhere in the register."""
    other_id = "".join(other_id.split())
    if other_id == member.member_id:
        message = _("You gave Member ID %(id)s twice. Give the other Member ID of the same person.")
        raise _refusal("other", message % {"id": other_id}, "same")
    members = Member.objects.select_related("family__area__local_body")
    if isinstance(actor, Citizen):
        found = members.filter(member_id=other_id).first()
        missing = _("There is no Member ID %(id)s in the register. Check the 9 digits.")
    else:
        found = jurisdiction.scope(actor, members).filter(member_id=other_id).first()
        missing = _(
            "There is no Member ID %(id)s in the areas you hold. Check the 9 digits; a member "
            "of another area is reported by that area's officials."
        )
    if found is None:
        raise _refusal("other", missing % {"id": other_id}, "unknown")
    return found


def _check_in_use(member: Member, field: str) -> None:
    """Refuse a retired ID (naming the one it went to) and a deactivated member."""
    if member.status == MemberStatus.MERGED:
        message = _(
            "Member ID %(old)s is no longer used: it was merged into %(new)s. Give %(new)s instead."
        ) % {"old": member.member_id, "new": surviving_id(member) or "—"}
        raise _refusal(field, message, "retired")
    if member.status == MemberStatus.INACTIVE:
        message = _(
            "Member ID %(id)s has been deactivated. Ask the local body officer to reactivate it "
            "if the person exists."
        ) % {"id": member.member_id}
        raise _refusal(field, message, "inactive")


def _refuse_open_case(member: Member, other: Member) -> None:
    pair = Q(member=member, other=other) | Q(member=other, other=member)
    reported = DuplicateCase.objects.filter(
        pair, kind=CaseKind.REPORT, status=CaseStatus.REPORTED
    ).first()
    if reported is not None:
        raise CaseAlreadyOpen(
            _(
                "Member IDs %(a)s and %(b)s are already reported as one person: case %(case)s, "
                "waiting for the local body officer."
            )
            % {"a": member.member_id, "b": other.member_id, "case": reported},
            reported,
        )
    for m in (member, other):
        running = DuplicateCase.objects.filter(member=m, status__in=RUNNING).first()
        if running is not None:
            raise CaseAlreadyOpen(
                _(
                    "Member ID %(id)s is already under a deactivation notice: case %(case)s. "
                    "The local body officer decides it first."
                )
                % {"id": m.member_id, "case": running},
                running,
            )


def duplicate_report(
    *, actor: Official | Citizen, member: Member, other_id: str, reason: str
) -> DuplicateCase:
    """Report that ``member`` and the member of ``other_id`` are one person. Refused with a
    message on the field: the same ID twice, an unknown one, one outside the official's areas,
    a retired one (naming the ID it went to), a deactivated one, or a pair already in a running
    case (CaseAlreadyOpen names it). The case waits for the member's local body officer."""
    _require_reporter(actor, member)
    reason = steps.reason_given(reason)
    other = _other(actor, member, other_id)
    with transaction.atomic():
        # Two reports of one pair take turns here; the second finds the first open.
        locked = steps.lock_members(member, other)
        member, other = locked[member.pk], locked[other.pk]
        _check_in_use(member, "member")
        _check_in_use(other, "other")
        _refuse_open_case(member, other)
        citizen = isinstance(actor, Citizen)
        now = timezone.now()
        case = DuplicateCase.objects.create(
            kind=CaseKind.REPORT,
            source=CaseSource.CITIZEN if citizen else CaseSource.OFFICIAL,
            status=CaseStatus.REPORTED,
            area=member.family.area,
            member=member,
            other=other,
            reason=reason,
            created_by=None if citizen else actor,
            citizen_member_id=actor.member_id if isinstance(actor, Citizen) else "",
            holder=steps.officer_of(member),
            held_since=now,
            created_at=now,
        )
        steps.audit_member(
            actor,
            member,
            "duplicates.reported",
            case,
            None,
            other=[None, other.member_id],
            source=[None, case.source],
            reason=[None, reason],
        )
    return case


def report_dismiss(*, actor: Official, case: DuplicateCase, reason: str) -> DuplicateCase:
    """The officer finds the two are not one person: the report is closed, with the reason."""
    steps.require_officer(actor)
    steps.require_case_in_jurisdiction(actor, case)
    reason = steps.reason_given(reason)
    with transaction.atomic():
        members = [case.member, *([case.other] if case.other else [])]
        member = steps.lock_members(*members)[case.member_id]
        case = steps.lock_case(case)
        steps.close(case, workflow.next_status(case.status, Action.DISMISS))
        steps.audit_member(
            actor, member, "duplicates.report_dismissed", case, None, reason=[None, reason]
        )
    return case


def reports_resolve(actor: Official | None, outcome: DuplicateCase) -> list[DuplicateCase]:
    """Close the running reports that ``outcome`` (a merge or a deactivation notice, just made
    in the caller's transaction, which holds its members' locks) acts on: a merge, the reports
    of its two members; a deactivation, every report naming its member."""
    member = outcome.member
    if outcome.kind == CaseKind.MERGE:
        survivor = outcome.survivor
        acted_on = Q(member=member, other=survivor) | Q(member=survivor, other=member)
    else:
        acted_on = Q(member=member) | Q(other=member)
    reports = list(
        DuplicateCase.objects.select_for_update(of=("self",))
        .select_related("member__family__area__local_body")
        .filter(acted_on, kind=CaseKind.REPORT, status=CaseStatus.REPORTED)
        .order_by("pk")
    )
    for report in reports:
        report.outcome = outcome
        report.save(update_fields=["outcome"])
        steps.close(report, workflow.next_status(report.status, Action.RESOLVE))
        steps.audit_member(
            actor,
            report.member,
            "duplicates.report_resolved",
            report,
            None,
            outcome=[None, str(outcome)],
        )
    return reports
