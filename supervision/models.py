"""Lists a supervisor exports (families of an area, members without e-KYC, the audit log),
written by the worker (supervision.exports) and downloadable by the official who asked only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The department API's statuses: the same life (queued, running, done or failed, expired).
from api.models import ExportStatus

RUNNING = [ExportStatus.QUEUED, ExportStatus.RUNNING]


class ListKind(models.TextChoices):
    FAMILIES = "families", _("Families by Gram Panchayat or Ward")
    PENDING_EKYC = "ekyc", _("Members without e-KYC")
    AUDIT = "audit", _("Audit log")


class ListFormat(models.TextChoices):
    CSV = "csv", _("CSV (opens in Excel)")
    XLSX = "xlsx", _("Excel workbook (XLSX)")


class ListExport(models.Model):
    public_id = models.CharField(max_length=32, unique=True)
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    kind = models.CharField(_("list"), max_length=8, choices=ListKind.choices)
    format = models.CharField(_("file format"), max_length=4, choices=ListFormat.choices)
    # The filters as the list page's query string has them (supervision.forms.ListFilters).
    filters = models.JSONField(_("filters"), default=dict)
    # The list, format and filters in one value: an official has one such export running at a
    # time (the constraint below), however fast the button is pressed twice.
    filters_key = models.CharField(max_length=64)
    # The official's place when asking; the file is not given once it has changed.
    scope_key = models.CharField(max_length=40)
    language = models.CharField(max_length=8, default="hi")
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_total = models.PositiveBigIntegerField(null=True, blank=True)
    rows_done = models.PositiveBigIntegerField(default=0)
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("list export")
        indexes = [models.Index(fields=["official", "-created_at"], name="listexport_official")]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "filters_key"],
                condition=models.Q(status__in=["queued", "running"]),
                name="listexport_one_running",
            )
        ]

    def __str__(self) -> str:
        return self.public_id
