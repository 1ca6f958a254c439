"""Every request a family makes, told alike (issue 18, item 3): an application, a change
request, a migration request or a grievance, found by its number. Each is told as a Tracked:
what it is, where it is, who holds it (a designation and an area, never a person's name or
mobile), since when, and what the family must do. Each kind also names the one mobile that may
follow it (the OTP goes there): the mobile a family applying by itself proved, else the family's
(the head's, or the first living member's with one).

Numbers say their kind: APP-… (applications), MIG-… (migrations), CR… (change requests), GR…
(grievances)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grievances.models import Grievance
from grievances.models import Status as GrievanceStatus
from migration.models import MigrationRequest, MigrationStatus
from officials.models import Official, Role
from registration.models import Application, ApplicationSource, ApplicationStatus
from registry.models import Family
from updates.models import ChangeRequest, ChangeStatus
from updates.services import family_sms_to

ROWS = 50  # requests of one kind shown to a signed-in family at most


@dataclass(frozen=True)
class Tracked:
    number: str
    kind: str | Promise
    status: str
    status_label: str | Promise
    held_by: str  # "Designation, area": who must act now; "" when nobody has to
    since: datetime | None
    to_do: str | Promise  # what the family must do now ("" for nothing)
    reason: str  # of a rejection, a return or a closure, as the family is told it
    created_at: datetime


def held_by(holder: Official | None, area_name: str) -> str:
    """Who holds a request, as a family may be told: designation and area or local body."""
    if holder is None:
        return ""
    place = ""
    if holder.role == Role.FIELD_OFFICIAL:
        place = area_name
    elif holder.role == Role.LOCAL_BODY_OFFICER and holder.local_body is not None:
        place = holder.local_body.name
    elif holder.district is not None:
        place = holder.district.name
    designation = str(holder.get_designation_display())
    return f"{designation}, {place}" if place else designation


def family_mobile(family: Family) -> str:
    """The family's mobile for following its requests: the one its SMS go to (the living head's,
    else the first living member's with one); "" for a family without a mobile."""
    to = family_sms_to(family)
    return to[0] if to else ""


# --- applications ----------------------------------------------------------------------------

APPLICATION_TO_DO = {
    ApplicationStatus.DRAFT: _(
        "Keep the members' papers ready: the field official may call or visit you to complete "
        "the application."
    ),
    ApplicationStatus.SUBMITTED: _("Nothing: the local body verifies the application."),
    ApplicationStatus.RETURNED: _(
        "Nothing: the field official who registered it corrects it and sends it again."
    ),
    ApplicationStatus.APPROVED: _("Ask your Gram Panchayat or ward office for the family card."),
    ApplicationStatus.REJECTED: _(
        "If the reason is wrong, file a grievance or visit your local body office."
    ),
    ApplicationStatus.SENT_BACK: _(
        "Correct what the reason says and apply again, or visit your Gram Panchayat or ward office."
    ),
}


def _application(a: Application) -> Tracked:
    label: str | Promise = a.get_status_display()
    if a.by_family and a.status == ApplicationStatus.DRAFT:
        label = _("Received: a field official of your area will complete it with you")
    told = (ApplicationStatus.REJECTED, ApplicationStatus.RETURNED, ApplicationStatus.SENT_BACK)
    return Tracked(
        number=a.number,
        kind=_("Registration of a family"),
        status=a.status,
        status_label=label,
        held_by=held_by(a.holder, a.area.name),
        since=a.held_since if a.holder_id else None,
        to_do=APPLICATION_TO_DO.get(ApplicationStatus(a.status), ""),
        reason=a.decision_reason if a.status in told else "",
        created_at=a.created_at,
    )


def _application_mobile(a: Application) -> str:
    if a.applicant_mobile:
        return a.applicant_mobile
    head = next((m for m in a.members.all() if m.is_head and m.mobile), None)
    return head.mobile if head else next((m.mobile for m in a.members.all() if m.mobile), "")


# --- change requests -------------------------------------------------------------------------


def _change(c: ChangeRequest) -> Tracked:
    pending = c.status == ChangeStatus.PENDING
    return Tracked(
        number=c.number,
        kind=c.get_kind_display(),
        status=c.status,
        status_label=c.get_status_display(),
        held_by=held_by(c.holder, c.family.area.name) if pending else "",
        since=c.held_since if pending and c.holder_id else None,
        to_do=_("Nothing: the local body verifies the change.")
        if pending
        else (
            _("If the reason is wrong, file a grievance or visit your local body office.")
            if c.status == ChangeStatus.REJECTED
            else ""
        ),
        reason=c.reason if c.status == ChangeStatus.REJECTED else "",
        created_at=c.created_at,
    )


# --- migrations --------------------------------------------------------------------------------


def _migration(m: MigrationRequest) -> Tracked:
    pending = m.status == MigrationStatus.PENDING
    return Tracked(
        number=m.number,
        kind=_("Migration of the family"),
        status=m.status,
        status_label=m.get_status_display(),
        held_by=held_by(m.holder, m.to_area.name) if pending else "",
        since=m.held_since if pending and m.holder_id else None,
        to_do=_("Nothing: the new Gram Panchayat or ward checks the address.")
        if pending
        else (
            _("Sign in to correct the request and submit it again.")
            if m.status == MigrationStatus.REJECTED
            else ""
        ),
        reason=m.reason_text if m.status == MigrationStatus.REJECTED else "",
        created_at=m.created_at,
    )


# --- grievances ------------------------------------------------------------------------------


def _grievance(g: Grievance) -> Tracked:
    waiting = g.status in (GrievanceStatus.OPEN, GrievanceStatus.REOPENED)
    closed = g.status == GrievanceStatus.CLOSED
    return Tracked(
        number=g.number,
        kind=_("Grievance"),
        status=g.status,
        status_label=g.get_status_display(),
        held_by=held_by(g.holder, g.family.area.name) if waiting else "",
        since=g.held_since if waiting and g.holder_id else None,
        to_do=_("Read the answer, then accept it or reopen the grievance once (sign in).")
        if closed
        else (_("Nothing: the official must answer by the deadline.") if waiting else ""),
        reason=g.close_reason if not waiting else "",
        created_at=g.created_at,
    )


# --- finding them ------------------------------------------------------------------------------


def find(number: str) -> tuple[Tracked, str] | None:
    """The request with this number and the mobile that may follow it; None when there is
    none (an official's draft is not filed yet, so it is none)."""
    number = "".join(number.split()).upper()
    if number.startswith("APP-"):
        a = (
            Application.objects.filter(number=number)
            .exclude(status=ApplicationStatus.DRAFT, source=ApplicationSource.OFFICIAL)
            .select_related("area", "holder__local_body", "holder__district")
            .prefetch_related("members")
            .first()
        )
        return (_application(a), _application_mobile(a)) if a else None
    if number.startswith("MIG-"):
        m = (
            MigrationRequest.objects.filter(number=number)
            .select_related("to_area", "family", "holder__local_body", "holder__district")
            .first()
        )
        return (_migration(m), family_mobile(m.family)) if m else None
    if number.startswith("CR"):
        c = (
            ChangeRequest.objects.filter(number=number)
            .select_related("family__area", "holder__local_body", "holder__district")
            .first()
        )
        return (_change(c), family_mobile(c.family)) if c else None
    if number.startswith("GR"):
        g = (
            Grievance.objects.filter(number=number)
            .select_related("family__area", "holder__local_body", "holder__district")
            .first()
        )
        return (_grievance(g), family_mobile(g.family)) if g else None
    return None


def of_family(family: Family) -> list[Tracked]:
    """Every request of a registered family, newest first (its registration included)."""
    related = ("holder__local_body", "holder__district")
    found = [
        *(
            _application(a)
            for a in Application.objects.filter(family=family).select_related("area", *related)
        ),
        *(
            _change(c)
            for c in ChangeRequest.objects.filter(family=family)
            .select_related("family__area", *related)
            .order_by("-created_at")[:ROWS]
        ),
        *(
            _migration(m)
            for m in MigrationRequest.objects.filter(family=family)
            .select_related("to_area", *related)
            .order_by("-created_at")[:ROWS]
        ),
        *(
            _grievance(g)
            for g in Grievance.objects.filter(family=family)
            .select_related("family__area", *related)
            .order_by("-created_at")[:ROWS]
        ),
    ]
    return sorted(found, key=lambda t: t.created_at, reverse=True)
