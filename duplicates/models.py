"""Confirmed duplicates and what the local body officer did with them: a merge (one Member ID
survives, the other is retired) or a deactivation with notice (the family may object); and the
reports of a duplicate (an official or a citizen says two Member IDs are one person) that wait
for the officer to merge, deactivate, or dismiss them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geography.models import Area
from officials.models import HeldWork, Official
from registry.models import Member
from scale.models import DuplicateCluster


class CaseKind(models.TextChoices):
    MERGE = "MERGE", _("Merge into another Member ID")
    DEACTIVATE = "DEACTIVATE", _("Deactivation with notice")
    REPORT = "REPORT", _("Reported duplicate, to be decided")


class CaseSource(models.TextChoices):
    REGISTRATION = "REGISTRATION", _("Duplicate check of a registration")
    SWEEP = "SWEEP", _("Statewide duplicate sweep")
    CITIZEN = "CITIZEN", _("Report by a citizen")
    OFFICIAL = "OFFICIAL", _("Report by an official")


class Ground(models.TextChoices):
    """Why a member is deactivated rather than merged."""

    NOT_EXISTING = "NOT_EXISTING", _("The person does not exist")
    TWICE_IN_FAMILY = "TWICE_IN_FAMILY", _("Registered twice in the same family")


class CaseStatus(models.TextChoices):
    NOTICE = "NOTICE", _("Notice given, objection period running")
    OBJECTED = "OBJECTED", _("Objected to, waiting for the officer")
    DEACTIVATED = "DEACTIVATED", _("Member deactivated")
    WITHDRAWN = "WITHDRAWN", _("Deactivation withdrawn")
    MERGED = "MERGED", _("Merged")
    UNDONE = "UNDONE", _("Merge undone")
    REACTIVATED = "REACTIVATED", _("Member reactivated")
    REPORTED = "REPORTED", _("Reported, waiting for the officer")
    RESOLVED = "RESOLVED", _("Acted on: merged or deactivated")
    DISMISSED = "DISMISSED", _("Dismissed: not one person")


# The statuses in which a case still governs its member: one such case a member at most. (A
# report governs nothing: it asks the officer to open one of these.)
CURRENT = [CaseStatus.NOTICE, CaseStatus.OBJECTED, CaseStatus.DEACTIVATED, CaseStatus.MERGED]


class DuplicateCase(HeldWork):
    """One confirmed duplicate and its resolution. ``member`` is the one retired or deactivated;
    ``survivor`` the Member ID that stays (merges only). A report (kind REPORT) names the two
    Member IDs said to be one person, ``member`` and ``other``, and, once acted on, the case
    that did it (``outcome``). The history is in the audit log."""

    JURISDICTION_AREA_PATH = "area"

    kind = models.CharField(_("resolution"), max_length=10, choices=CaseKind.choices)
    source = models.CharField(_("found by"), max_length=12, choices=CaseSource.choices)
    ground = models.CharField(_("ground"), max_length=16, choices=Ground.choices, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices)
    # The member's area when the case was opened: whose officer decides, who supervises.
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("Gram Panchayat or Ward")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    survivor = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Member ID that stays"),
    )
    # Reports only: the other Member ID said to be the same person as ``member``.
    other = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other Member ID"),
    )
    # Reports only: the merge or deactivation that acted on it.
    outcome = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acted on by"),
    )
    cluster = models.ForeignKey(
        DuplicateCluster, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"))
    notice_until = models.DateTimeField(_("objections until"), null=True, blank=True)
    # Empty when a citizen reported it (citizen_member_id says who).
    created_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    citizen_member_id = models.CharField(max_length=9, blank=True)
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    # holder, held_since: officials.models.HeldWork (the officer, while an objection waits)

    class Meta:
        verbose_name = _("duplicate case")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["area", "status", "held_since"], name="duplicate_case_area_status"
            ),
            # The notices due (deactivations_due_apply).
            models.Index(fields=["status", "notice_until"], name="duplicate_case_notice_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=models.Q(status__in=CURRENT),
                name="duplicate_case_one_current_per_member",
            )
        ]

    def __str__(self) -> str:
        return f"DC{self.pk}"


class Objection(models.Model):
    """The family's objection to a deactivation: at the office (recorded by the officer) or
    by the signed-in citizen. One after the period is kept but reopens nothing."""

    case = models.ForeignKey(DuplicateCase, on_delete=models.PROTECT, related_name="objections")
    text = models.TextField(_("objection"))
    # The official who recorded it at the office; empty when the citizen filed it.
    recorded_by = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    citizen_member_id = models.CharField(max_length=9, blank=True)
    in_time = models.BooleanField(_("within the objection period"))
    created_at = models.DateTimeField(_("filed"), default=timezone.now)

    class Meta:
        verbose_name = _("objection")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"objection {self.pk} to DC{self.case_id}"
