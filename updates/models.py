"""Change requests: every change to a registered family after its registration (a correction,
a birth, a missed member, a death, a marriage, a new head, a change of the family's shape:
transfer, split, merge), proposed by an official (or, for a birth, a death or a correction,
reported by the family itself: updates.family_reports) and, for the kinds that need it,
verified by the local body before it touches the register."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from officials.models import HeldWork, Official
from registry.ids import dated_number
from registry.models import Family, Member
from sms.reasons import SmsReason


class ChangeKind(models.TextChoices):
    CORRECT_MEMBER = "CORRECT_MEMBER", _("Correction of a member's details")
    CORRECT_FAMILY = "CORRECT_FAMILY", _("Correction of the family's address")
    BIRTH = "BIRTH", _("Birth")
    MISSED_MEMBER = "MISSED_MEMBER", _("Missed member")
    DEATH = "DEATH", _("Death")
    MARRIAGE = "MARRIAGE", _("Member by marriage")
    RELATIONS = "RELATIONS", _("Change of head and relations")
    TRANSFER = "TRANSFER", _("Member transfer from another family")
    SPLIT = "SPLIT", _("Family split")
    MERGE_FAMILIES = "MERGE_FAMILIES", _("Merge of two families")


class ChangeStatus(models.TextChoices):
    PENDING = "PENDING", _("Waiting for verification")
    APPROVED = "APPROVED", _("Approved and applied")
    APPLIED = "APPLIED", _("Applied (no verification needed)")
    REJECTED = "REJECTED", _("Rejected")


def new_change_number() -> str:
    """CR, the date, and six random digits: not guessable in sequence, unique by the index."""
    return dated_number("CR")


class ChangeRequest(HeldWork):
    JURISDICTION_AREA_PATH = "family__area"

    number = models.CharField(_("change request number"), max_length=20, unique=True)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="change_requests", verbose_name=_("family")
    )
    # The second family a change of shape touches (updates.kinds: transfer, split, merge): the
    # family a member is transferred from, the new family of a split once applied, the family
    # merged in. Its area's officials see the request too (updates.selectors), read-only.
    other_family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="other_change_requests",
        verbose_name=_("other family"),
    )
    # The member changed (correction, death); None for a new member or the family's address.
    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_requests",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind of change"), max_length=16, choices=ChangeKind.choices)
    # The proposed values as entered (dates as ISO text, members by Member ID).
    payload = models.JSONField(_("proposed values"), default=dict)
    # What two open requests of a family must not share (updates.kinds: one member, the
    # address, one new person); enforced by the partial unique constraint below.
    conflict_key = models.CharField(max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    # Who started it: an official, or a member of the family itself (signed in as a citizen:
    # updates.family_reports), by Member ID as the migration and grievance requests keep it.
    created_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    reported_by_member_id = models.CharField(
        _("reported by the family's member"), max_length=9, blank=True
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    # holder, held_since: officials.models.HeldWork
    decided_by = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The reason its SMS named (sms.reasons); reason keeps the official's words.
    sms_reason = models.CharField(
        _("reason told by SMS"), max_length=20, choices=SmsReason.choices, blank=True
    )
    # The member the request added to the register (birth, missed member, marriage).
    new_member = models.OneToOneField(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="added_by_change",
        verbose_name=_("member added"),
    )
    documents = models.ManyToManyField(
        Document, blank=True, related_name="+", verbose_name=_("documents")
    )

    class Meta:
        verbose_name = _("change request")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "held_since"]),
            models.Index(fields=["holder", "status", "held_since"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "conflict_key"],
                condition=models.Q(status="PENDING"),
                name="change_request_one_open_per_subject",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(created_by__isnull=False, reported_by_member_id="")
                    | (models.Q(created_by__isnull=True) & ~models.Q(reported_by_member_id=""))
                ),
                name="change_request_started_by_official_or_family",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeStatus.PENDING

    @property
    def is_family_reported(self) -> bool:
        return bool(self.reported_by_member_id)
