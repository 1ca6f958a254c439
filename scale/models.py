"""The bulk import's batch journal and the duplicate sweep's clusters."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geography.models import Area
from officials.models import Official
from registry.models import Member


class ImportBatch(models.Model):
    """One batch of one import: written in the same transaction as the rows it loaded, so a
    batch is either in the journal and in the register, or in neither (the resume point)."""

    class Status(models.TextChoices):
        LOADED = "LOADED", _("Loaded")
        REJECTED = "REJECTED", _("Rejected")

    files_hash = models.CharField(max_length=64)
    batch_number = models.PositiveIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices)
    families = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    rejected_rows = models.PositiveIntegerField(default=0)
    # "file:line: reason", one a line, in the language of the import.
    rejections = models.TextField(blank=True)
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        constraints = [
            models.UniqueConstraint(
                fields=["files_hash", "batch_number"], name="scale_import_batch_once"
            )
        ]

    def __str__(self) -> str:
        return f"import {self.files_hash[:12]} batch {self.batch_number}"


class DuplicateCluster(models.Model):
    """People the statewide sweep believes are one person entered more than once: work for the
    local body officer of the area of the cluster's first member."""

    JURISDICTION_AREA_PATH = "area"

    class Status(models.TextChoices):
        OPEN = "OPEN", _("To be reviewed")
        DISTINCT = "DISTINCT", _("Different people")
        CONFIRMED = "CONFIRMED", _("Same person")

    sweep = models.CharField(_("sweep"), max_length=40)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", verbose_name=_("Gram Panchayat or Ward")
    )
    size = models.PositiveSmallIntegerField(_("people"))
    best_probability = models.FloatField(_("match probability"))
    found_at = models.DateTimeField(_("found"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    members: "models.ManyToManyField[Member, DuplicateClusterMember]" = models.ManyToManyField(
        Member, through="DuplicateClusterMember", related_name="+"
    )

    class Meta:
        verbose_name = _("possible duplicate group")
        ordering = ["-best_probability", "pk"]
        indexes = [models.Index(fields=["area", "status", "best_probability"])]

    def __str__(self) -> str:
        return f"{self.sweep}#{self.pk}"


class DuplicateClusterMember(models.Model):
    cluster = models.ForeignKey(DuplicateCluster, on_delete=models.CASCADE, related_name="rows")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member"], name="scale_cluster_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.cluster_id}:{self.member_id}"


class DeferredIndex(models.Model):
    """An index or foreign key of the register dropped for a first load (scale.import_db) and
    not yet rebuilt: the import rebuilds every row here when it ends, also when it is run again
    after an interruption, so the definitions are kept in the database, not in the process."""

    table = models.CharField(max_length=63)
    name = models.CharField(max_length=63, unique=True)
    # The statement that recreates it, as PostgreSQL itself printed the definition.
    definition = models.TextField()
    dropped_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
