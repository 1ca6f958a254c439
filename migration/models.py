"""A family's request to move its registration to another Gram Panchayat or ward (the Migration
SOP), and the Aadhaar e-authentications that sign such requests."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from geography.models import Address, Area, Village
from officials.models import HeldWork, Official
from registry.models import Family


class MigrationType(models.TextChoices):
    INTER_DISTRICT = "INTER_DISTRICT", _("Inter-District")
    INTRA_DISTRICT = "INTRA_DISTRICT", _("Intra-District")
    WITHIN_LOCAL_BODY = "WITHIN_LB", _("Within Local Body")


class MigrationStatus(models.TextChoices):
    PENDING = "PENDING", _("Waiting for the decision of the new area")
    APPROVED = "APPROVED", _("Approved: the family has moved")
    REJECTED = "REJECTED", _("Rejected")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn by the family")


class RejectionReason(models.TextChoices):
    PROOF_UNREADABLE = "PROOF_UNREADABLE", _("The proof of address cannot be read")
    PROOF_MISMATCH = "PROOF_MISMATCH", _("The proof of address does not match the new address")
    NOT_LIVING_THERE = "NOT_LIVING_THERE", _("The family was not found living at the new address")
    WRONG_AREA = "WRONG_AREA", _("The address lies in another Gram Panchayat or ward")
    INCOMPLETE_ADDRESS = "INCOMPLETE", _("The address is incomplete")
    OTHER = "OTHER", _("Another reason")


class AuthMethod(models.TextChoices):
    OTP = "otp", _("Aadhaar OTP")
    BIOMETRIC = "biometric", _("Biometric (fingerprint or iris)")


class AadhaarAuthentication(models.Model):
    """A successful Aadhaar e-authentication of a member (SOP step 5), waiting to sign one
    migration request. Refers to the member, never to the Aadhaar number."""

    member_id = models.CharField(max_length=9, db_index=True)
    method = models.CharField(max_length=10, choices=AuthMethod.choices)
    uidai_txn = models.CharField(max_length=64)
    authenticated_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"e-authentication of member {self.member_id} ({self.method})"


class MigrationRequest(HeldWork, Address):
    # Officials of the destination see and decide it; the source's see it through from_area.
    JURISDICTION_AREA_PATH = "to_area"

    number = models.CharField(_("request number"), max_length=20, unique=True)
    family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        related_name="migration_requests",
        verbose_name=_("family"),
    )
    requested_by_member_id = models.CharField(_("requested by (Member ID)"), max_length=9)
    type = models.CharField(_("type of migration"), max_length=15, choices=MigrationType.choices)
    language = models.CharField(_("language for SMS"), max_length=2, default="hi")
    # Where the family lived when it asked (a snapshot: the family row changes on approval).
    from_area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("present area")
    )
    from_village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_address = models.CharField(_("present address"), max_length=300, blank=True)
    to_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="incoming_migrations",
        verbose_name=_("new Gram Panchayat or Ward"),
    )
    to_village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new village"),
    )
    # The new address (geography.Address): locality and PIN code required here.
    locality = models.CharField(_("locality"), max_length=150)
    pin_code = models.CharField(_("PIN code"), max_length=6)
    remarks = models.TextField(_("remarks"), blank=True, max_length=500)
    documents = models.ManyToManyField(
        Document, related_name="migration_requests", verbose_name=_("proof of address")
    )
    auth_method = models.CharField(
        _("Aadhaar e-authentication"), max_length=10, choices=AuthMethod.choices
    )
    auth_txn = models.CharField(_("UIDAI transaction"), max_length=64)
    auth_at = models.DateTimeField(_("e-authenticated"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MigrationStatus.choices,
        default=MigrationStatus.PENDING,
    )
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
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    rejection_text = models.TextField(_("details of the reason"), blank=True)
    previous_request = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects request"),
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("migration request")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open request per family: two submissions at once cannot both be pending.
            models.UniqueConstraint(
                fields=["family"],
                condition=models.Q(status="PENDING"),
                name="migration_one_open_request_per_family",
            )
        ]
        indexes = [
            models.Index(fields=["to_area", "status", "created_at"]),
            models.Index(fields=["from_area", "status", "decided_at"]),
            models.Index(fields=["holder", "status", "held_since"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_pending(self) -> bool:
        return self.status == MigrationStatus.PENDING

    @property
    def new_address(self) -> str:
        return self.street_line

    @property
    def reason_text(self) -> str:
        """The reason of a rejection as told to the family: the list's label and the details."""
        if not self.rejection_reason:
            return ""
        label = RejectionReason(self.rejection_reason).label
        return f"{label}: {self.rejection_text}" if self.rejection_text else str(label)
