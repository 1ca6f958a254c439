import uuid

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
    SELF_APPLICATION_RECEIVED = (
        "self_application_received",
        _("A family's own application received"),
    )
    SELF_APPLICATION_SENT_BACK = (
        "self_application_sent_back",
        _("A family's own application returned to it"),
    )
    MIGRATION_SUBMITTED = "migration_submitted", _("Migration request received")
    MIGRATION_APPROVED = "migration_approved", _("Migration request approved")
    MIGRATION_REJECTED = "migration_rejected", _("Migration request rejected")
    MIGRATION_WITHDRAWN = "migration_withdrawn", _("Migration request withdrawn")
    CHANGE_REQUESTED = "change_requested", _("Change to a registered family asked for")
    CHANGE_APPLIED = "change_applied", _("Change to a registered family made")
    CHANGE_REJECTED = "change_rejected", _("Change to a registered family rejected")
    CHANGE_REPORTED = "change_reported", _("Change reported by the family received")
    MEMBER_DEACTIVATION_NOTICE = (
        "member_deactivation_notice",
        _("Notice: a member is to be deactivated"),
    )
    MEMBER_DEACTIVATED = "member_deactivated", _("A member deactivated after the notice")
    MEMBER_MERGED = "member_merged", _("A duplicate Member ID merged into another")
    GRIEVANCE_FILED = "grievance_filed", _("Grievance received")
    GRIEVANCE_CLOSED = "grievance_closed", _("Grievance closed")
    GRIEVANCE_ESCALATED = "grievance_escalated", _("Grievance moved up a level")
    GRIEVANCE_REOPENED = "grievance_reopened", _("Grievance reopened")
    ESCALATION_DIGEST = "escalation_digest", _("Daily count of work escalated to an officer")


class SmsMessage(models.Model):
    """One SMS. The development gateway leaves messages here for staff to read (the outbox).

    How a send survives a dying worker is told in sms/delivery.py.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered to the outbox")
        RETRYING = "retrying", _("Failed, will retry")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        NOT_ACCEPTED = "not_accepted", _("the gateway did not accept it at any attempt")
        SECRET_EXPIRED = (
            "secret_expired",
            _("expired secret: the password or one-time password in it was not sent; ask again"),
        )
        UNCONFIRMED = (
            "unconfirmed",
            _("the send was cut off and the gateway could not say whether it went out"),
        )

    # With the attempt number, the idempotency key the gateway is given (see idempotency_key).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=SmsKind.choices)
    mobile = models.CharField(_("mobile number"), max_length=10, db_index=True)
    language = models.CharField(max_length=2)
    # The whole text only while the message waits for a send; with a real gateway it is the
    # redacted copy from the moment a send begins (sms/delivery.py).
    text = models.TextField(_("text"))
    # The text with its secret (password, OTP) blanked: what the outbox page shows when a real
    # gateway sends the messages.
    redacted_text = models.TextField(blank=True)
    template_id = models.CharField(_("DLT template id"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(
        _("reason for failure"), max_length=20, choices=Failure.choices, blank=True
    )
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

    @property
    def idempotency_key(self) -> str:
        """Names one attempt: a gateway that sees the same key twice sends the SMS once."""
        return f"{self.uuid}-{self.attempts}"


class WorkerHeartbeat(models.Model):
    """A worker process (manage.py run_worker) and when it last said it was alive.

    django-tasks-db writes which worker claimed a task but not whether that worker still runs;
    these rows tell a task whose worker died (sms/recovery.py) from one still being worked on.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname} (pid {self.pid})"
