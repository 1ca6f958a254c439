"""Escalation (circular ¶4: an official who sits on work is acted against): work overdue past a
further period, or with nobody to act on it, goes up one level — the local body officer, then
the district officer — and stays recorded here. The item itself keeps its holder and its
clock: who sat on it stays visible; the supervisor is told and may act or assign it.

An item is one of the kinds of registration.accountability.WORK_KINDS, named by the kind's key
and the record's primary key (the kinds live in five apps; a generic foreign key would add the
content types to every read without a join it could use)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geography.models import Area, District, LocalBody
from officials.models import Official


class Level(models.TextChoices):
    """The level the work went up to; the values are the officials' roles."""

    LOCAL_BODY = "LB", _("Local body officer")
    DISTRICT = "DISTRICT", _("District officer")


class Reason(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    UNOWNED = "unowned", _("Nobody to act on it")


class Escalation(models.Model):
    """One item gone up to one level, once per holding: the unique constraint on the item, the
    time its holder got it and the level makes a second run of the command a no-op, and an item
    given to someone new (held_since moves) can go up again."""

    kind = models.CharField(_("kind of work"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(_("record"), max_length=60)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    reason = models.CharField(_("reason"), max_length=8, choices=Reason.choices)
    # Who held it when it went up (None: nobody, or an official no longer active).
    holder = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    held_since = models.DateTimeField(_("held since"))
    escalated_to = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        related_name="escalations",
        verbose_name=_("escalated to"),
    )
    at = models.DateTimeField(_("escalated"), default=timezone.now)
    # When the daily digest SMS counted it (None: not yet told).
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "held_since", "level"],
                name="escalation_once_per_holding_and_level",
            )
        ]
        indexes = [
            models.Index(fields=["escalated_to", "kind"], name="escalation_to_kind"),
            models.Index(fields=["escalated_to", "told_at"], name="escalation_to_told"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.label} → {self.level}"


class OverdueSnapshot(models.Model):
    """How many items one official held overdue on one day (holder None: overdue with nobody
    to act on it, per local body), so that a district officer sees who keeps sitting on work
    over time. Written by manage.py escalate_overdue; a day's rows are replaced on a rerun."""

    day = models.DateField(_("day"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    local_body = models.ForeignKey(LocalBody, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    overdue = models.PositiveIntegerField(_("overdue"), default=0)

    class Meta:
        verbose_name = _("overdue count of an official for a day")
        verbose_name_plural = _("overdue counts of officials per day")
        indexes = [
            models.Index(fields=["district", "day"], name="overduesnapshot_district_day"),
            models.Index(fields=["local_body", "day"], name="overduesnapshot_lb_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.holder_id}: {self.overdue}"
