from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SmsKind(models.TextChoices):
    """Each kind is one DLT-registered template."""

    OFFICIAL_WELCOME = "official_welcome", _("New official: user ID and password")
    PASSWORD_RESET = "password_reset", _("Password reset by an officer")
    OTP = "otp", _("One-time password")
    APPLICATION_SUBMITTED = "application_submitted", _("Registration application received")
    FAMILY_APPROVED = "family_approved", _("Family registered: Samagra Family ID")
    APPLICATION_REJECTED = "application_rejected", _("Registration application rejected")
    APPLICATION_RETURNED = "application_returned", _("Registration application returned")
    MIGRATION_SUBMITTED = "migration_submitted", _("Migration request received")
    MIGRATION_APPROVED = "migration_approved", _("Migration request approved")
    MIGRATION_REJECTED = "migration_rejected", _("Migration request rejected")
    MIGRATION_WITHDRAWN = "migration_withdrawn", _("Migration request withdrawn")
    CHANGE_REQUESTED = "change_requested", _("Change to a registered family asked for")
    CHANGE_APPLIED = "change_applied", _("Change to a registered family made")
    CHANGE_REJECTED = "change_rejected", _("Change to a registered family rejected")
    MEMBER_DEACTIVATION_NOTICE = (
        "member_deactivation_notice",
        _("Notice: a member is to be deactivated"),
    )
    MEMBER_DEACTIVATED = "member_deactivated", _("A member deactivated after the notice")
    MEMBER_MERGED = "member_merged", _("A duplicate Member ID merged into another")


class SmsMessage(models.Model):
    """One SMS. The development gateway leaves messages here for staff to read (the outbox)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered to the outbox")
        RETRYING = "retrying", _("Failed, will retry")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=30, choices=SmsKind.choices)
    mobile = models.CharField(_("mobile number"), max_length=10, db_index=True)
    language = models.CharField(max_length=2)
    text = models.TextField(_("text"))
    # The text with its secret (password, OTP) blanked: what is kept once a real gateway has it.
    redacted_text = models.TextField(blank=True)
    template_id = models.CharField(_("DLT template id"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    gateway_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The local body the recipient belongs to, so that outbox readers see only their own.
    local_body = models.ForeignKey(
        "geography.LocalBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["local_body", "-created_at"])]

    def __str__(self) -> str:
        return f"SMS {self.pk} to ******{self.mobile[-4:]} ({self.kind})"
