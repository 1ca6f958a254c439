"""Grievances: a family's complaint about its record or about a request (wrong data, no action,
a refusal), with an owner, a deadline per category and escalation up the levels as deadlines
pass (grievances.services), a thread of replies, and a closure the family accepts or reopens
once."""

from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from officials.models import HeldWork, Official
from registry.ids import dated_number
from registry.models import Family, Member
from sms.reasons import SmsReason


class Category(models.TextChoices):
    WRONG_DATA = "wrong_data", _("Wrong data in the family's record")
    NO_ACTION = "no_action", _("No action on a request")
    REFUSED = "refused", _("Refused or turned away")
    OTHER = "other", _("Something else")


class Level(models.TextChoices):
    """Who owns the grievance now; the values are the officials' roles (officials.models.Role)."""

    FIELD = "FIELD", _("Field official of the area")
    LOCAL_BODY = "LB", _("Local body officer")
    DISTRICT = "DISTRICT", _("District officer")


class Status(models.TextChoices):
    OPEN = "OPEN", _("Open")
    CLOSED = "CLOSED", _("Closed: waiting for the family to accept or reopen")
    ACCEPTED = "ACCEPTED", _("Closed: the family accepted the answer")
    REOPENED = "REOPENED", _("Reopened by the family")
    FINAL = "FINAL", _("Closed for good (after being reopened)")


# The statuses in which an official has to act: the grievance has a holder and a deadline.
OPEN_STATUSES = (Status.OPEN, Status.REOPENED)


def new_grievance_number() -> str:
    """GR, the date, and six random digits: not guessable in sequence, unique by the index."""
    return dated_number("GR")


class Grievance(HeldWork):
    JURISDICTION_AREA_PATH = "family__area"

    number = models.CharField(_("grievance number"), max_length=20, unique=True)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="grievances", verbose_name=_("family")
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grievances",
        verbose_name=_("member"),
    )
    # The application, change request or migration request it is about, by its number
    # (checked to be the family's own when filed).
    about_number = models.CharField(_("request number"), max_length=20, blank=True)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    description = models.TextField(_("description"))
    # Who filed it: a citizen signed in to the family (by Member ID), or an official on the
    # family's behalf.
    filed_by_member_id = models.CharField(_("filed by (Member ID)"), max_length=9, blank=True)
    filed_by_official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by (official)"),
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    # holder, held_since: officials.models.HeldWork. The deadline is the holder's: it starts
    # again when the grievance moves up a level or is reopened.
    deadline_at = models.DateTimeField(_("answer due by"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.TextField(_("reason for closing"), blank=True)
    # The reason its SMS named (sms.reasons); close_reason keeps the official's words.
    sms_reason = models.CharField(
        _("reason told by SMS"), max_length=20, choices=SmsReason.choices, blank=True
    )
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)

    class Meta:
        verbose_name = _("grievance")
        ordering = ["deadline_at", "pk"]
        indexes = [
            models.Index(fields=["status", "deadline_at"]),
            models.Index(fields=["holder", "status", "held_since"]),
            models.Index(fields=["family", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_open and self.deadline_at < (now or timezone.now())


class ReplyKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    ACCEPTED = "accepted", _("Answer accepted")
    ESCALATED = "escalated", _("Moved up a level")


class GrievanceReply(models.Model):
    """One entry of a grievance's thread: a reply, or a step (closed, reopened, accepted, moved
    up) with its reason, so that the family and the officials read one history."""

    JURISDICTION_AREA_PATH = "grievance__family__area"

    grievance = models.ForeignKey(
        Grievance, on_delete=models.PROTECT, related_name="replies", verbose_name=_("grievance")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ReplyKind.choices, default=ReplyKind.REPLY
    )
    # Nobody for a step of the system (moved up when the deadline passed).
    author_official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("official"),
    )
    author_member_id = models.CharField(_("Member ID"), max_length=9, blank=True)
    # The level the grievance went to (moved up, reopened).
    level = models.CharField(_("level"), max_length=8, choices=Level.choices, blank=True)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("reply to a grievance")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.grievance.number} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
