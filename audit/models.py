"""The append-only audit log: every write by an official, with old → new values."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "official.registered": _("Official registered"),
    "official.updated": _("Official changed"),
    "official.activated": _("Official activated"),
    "official.deactivated": _("Official deactivated"),
    "official.password_reset": _("Password reset by an officer"),
    "official.password_changed": _("Password changed"),
    "official.locked_out": _("Account locked after failed sign-ins"),
    "official.sign_in_paused": _("Many failed sign-ins: the official was sent a code by SMS"),
    "geography.imported": _("Geography imported"),
    "aadhaar.stored": _("Aadhaar number stored in the vault"),
    "aadhaar.revealed": _("Aadhaar number decrypted"),
    "aadhaar.rekeyed": _("Aadhaar number re-encrypted under a new key"),
    "member.ekyc_verified": _("Member e-KYC verified"),
    "member.mobile_linked": _("Member's mobile number linked"),
    "member.mobile_change_requested": _("Change of a member's linked mobile asked for"),
    "member.mobile_change_verified": _("Change of a member's linked mobile verified"),
    "member.mobile_change_rejected": _("Change of a member's linked mobile rejected"),
    "application.created": _("Application created"),
    "application.edited": _("Application edited"),
    "application.submitted": _("Application submitted"),
    "application.resubmitted": _("Application resubmitted"),
    "application.returned": _("Application returned for correction"),
    "application.rejected": _("Application rejected"),
    "application.approved": _("Application approved"),
    "application.duplicates_found": _("Possible duplicates found"),
    "application.duplicate_decided": _("Possible duplicate decided"),
    "application.document_attached": _("Document attached to the application"),
    "application.document_removed": _("Document taken off the application"),
    "family.registered": _("Family registered"),
    "family.migrated": _("Family moved to another area (migration)"),
    "migration.eauthenticated": _("Aadhaar e-authentication for migration"),
    "migration.submitted": _("Migration request submitted"),
    "migration.withdrawn": _("Migration request withdrawn"),
    "migration.approved": _("Migration request approved"),
    "migration.rejected": _("Migration request rejected"),
    "change.requested": _("Change to a family requested"),
    "change.applied": _("Change to a family applied"),
    "change.approved": _("Change request approved"),
    "change.rejected": _("Change request rejected"),
    "register.batch_imported": _("Register batch imported"),
    "register.batch_rejected": _("Register batch rejected"),
    "duplicates.swept": _("Statewide duplicate sweep"),
    "duplicates.cluster_decided": _("Possible duplicate group decided"),
    "duplicates.reported": _("Duplicate reported: two Member IDs said to be one person"),
    "duplicates.report_dismissed": _("Reported duplicate dismissed: not one person"),
    "duplicates.report_resolved": _("Reported duplicate acted on (merged or deactivated)"),
    "member.merged": _("Member ID merged into another (retired)"),
    "member.merge_kept": _("Another Member ID merged into this one"),
    "member.merge_undone": _("Merge of Member IDs undone"),
    "member.deactivation_notice": _("Notice given: member to be deactivated"),
    "member.deactivation_objected": _("Objection to a deactivation"),
    "member.notice_withdrawn": _("Deactivation withdrawn"),
    "member.deactivated": _("Member deactivated"),
    "member.reactivated": _("Member reactivated"),
    "member.moved": _("Member moved to another family (transfer, split or merge)"),
    "family.split_off": _("Family formed by a split"),
    "family.merged": _("Family merged into another (its Family ID retired)"),
    "api.client_registered": _("Department API client registered"),
    "api.client_changed": _("Department API client changed"),
    "api.secret_rotated": _("Department API client's secret replaced"),
    "api.client_revoked": _("Department API client revoked"),
    "grievance.filed": _("Grievance filed"),
    "grievance.replied": _("Reply to a grievance"),
    "grievance.closed": _("Grievance closed"),
    "grievance.accepted": _("Closure of a grievance accepted by the family"),
    "grievance.reopened": _("Grievance reopened by the family"),
    "grievance.escalated": _("Grievance moved up a level (deadline passed)"),
    "lists.export_requested": _("List export asked for"),
    "lists.export_downloaded": _("Exported list downloaded"),
}


class AppendOnlyError(RuntimeError):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Bulk changes skip save() and delete(), so they are refused here too (and by the
    database triggers, see migration 0002)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events are never deleted.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_label = models.CharField(max_length=200, blank=True)
    event_type = models.CharField(_("what"), max_length=60, db_index=True)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    subject_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # Where it happened, so that supervisors see the events of their jurisdiction.
    district = models.ForeignKey(
        "geography.District", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_body = models.ForeignKey(
        "geography.LocalBody", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        "geography.Area", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "-created_at"]),
            models.Index(fields=["local_body", "-created_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.event_type} {self.subject_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("Audit events are never deleted.")

    @property
    def event_label(self) -> str:
        return str(EVENT_LABELS.get(self.event_type, self.event_type))
