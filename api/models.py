"""Department clients of the register's API, their tokens, and the log of every read.

A department system (a pension, scholarship or ration scheme) reads the register through
``/api/v1/`` as a *client*: a name, the field groups it may read (scopes), the districts it may
read (or the whole state), the purposes it may state, a rate limit and an expiry. Its secret and
its bearer tokens are kept only as hashes. Every record it reads is logged (``ApiRead``), and a
signed-in citizen sees those reads of their family ("who saw my data").
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AppendOnlyError


class Scope(models.TextChoices):
    """Field groups a client may read. No scope ever gives an Aadhaar number: "ekyc" gives
    whether e-KYC is done and the masked last four digits."""

    IDENTITY = "identity", _("Identity: name, gender, date of birth, status")
    FAMILY = "family", _("Family composition: members and relations")
    ADDRESS = "address", _("Address and area")
    EKYC = "ekyc", _("e-KYC status and the Aadhaar's last four digits")
    DISABILITY = "disability", _("Disability")
    CONTACT = "contact", _("Contact: the family's mobile number")
    SOCIAL = "social", _("Caste category and marital status")
    AADHAAR_LOOKUP = "aadhaar-lookup", _("Find a Member ID by an Aadhaar number held")
    EXPORT = "export", _("Eligibility lists (exports)")
    FEED = "feed", _("Change feed: births, deaths, marriages, migrations, merges")


class DepartmentClient(models.Model):
    name = models.CharField(_("name of the system"), max_length=120)
    department = models.CharField(_("department"), max_length=120)
    contact_email = models.EmailField(_("technical contact (e-mail)"), blank=True)
    client_id = models.CharField(_("client ID"), max_length=40, unique=True)
    # sha256 of the secret, hex: the secret is shown once, when it is made.
    secret_hash = models.CharField(max_length=64)
    secret_set_at = models.DateTimeField(default=timezone.now)
    scopes = models.JSONField(_("scopes"), default=list)
    purposes = models.JSONField(_("purposes"), default=list)
    statewide = models.BooleanField(_("the whole state"), default=False)
    districts = models.ManyToManyField(
        "geography.District", blank=True, related_name="+", verbose_name=_("districts")
    )
    rate_per_minute = models.PositiveIntegerField(_("requests a minute at most"), default=600)
    expires_on = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    # The registration form's one-time key: the same form sent twice (a reload, a double
    # click) finds the client it made instead of registering a second one.
    request_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("department client")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request_key"],
                condition=~models.Q(request_key=""),
                name="department_client_request_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()


class ApiToken(models.Model):
    """A short-lived bearer token (OAuth 2.0 client credentials), kept as its sha256."""

    client = models.ForeignKey(DepartmentClient, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"token of {self.client_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class ApiReadQuerySet(models.QuerySet["ApiRead"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("API reads are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("API reads are never deleted.")


class ApiRead(models.Model):
    """One family's data read by a client: who, why, which field groups, when. Append-only
    (and refused by database triggers on PostgreSQL, migration 0002)."""

    client = models.ForeignKey(DepartmentClient, on_delete=models.PROTECT, related_name="reads")
    purpose = models.CharField(max_length=60)
    operation = models.CharField(max_length=40)
    # The family whose data was read (a member's read names the member's family), kept by ID
    # so that a merged family's reads stay readable. Indexed with the time: the citizen's page.
    family_id = models.CharField(max_length=8)
    member_ids = models.JSONField(default=list)
    scopes = models.JSONField(default=list)
    read_at = models.DateTimeField(default=timezone.now)
    request_id = models.CharField(max_length=128, blank=True)  # ops.request_id.SANE

    objects = ApiReadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["family_id", "-read_at"], name="apiread_family"),
            models.Index(fields=["client", "-read_at"], name="apiread_client"),
        ]

    def __str__(self) -> str:
        return f"{self.read_at:%Y-%m-%d %H:%M} {self.client_id} {self.family_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("API reads are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("API reads are never deleted.")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV (UTF-8)"
    PARQUET = "parquet", "Parquet"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired (file deleted)")


class ApiExport(models.Model):
    """An eligibility list asked for by a client, written by the worker (api.exports)."""

    public_id = models.CharField(max_length=32, unique=True)
    client = models.ForeignKey(DepartmentClient, on_delete=models.PROTECT, related_name="exports")
    purpose = models.CharField(max_length=60)
    criteria = models.JSONField(default=dict)
    format = models.CharField(max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveBigIntegerField(null=True, blank=True)
    rows_done = models.PositiveBigIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["client", "-created_at"], name="apiexport_client")]

    def __str__(self) -> str:
        return f"export {self.public_id} ({self.status})"
