from django.db import models

from audit.models import AuditEvent
from officials import jurisdiction
from officials.models import Official


def audit_events_visible_to(official: Official) -> models.QuerySet[AuditEvent]:
    """Supervisors read the events of their jurisdiction; field officials read none."""
    return jurisdiction.scope_supervised(official, AuditEvent.objects.select_related("actor"))


def subject_events(subject: models.Model, limit: int = 200) -> list[AuditEvent]:
    """One record's own history, oldest first (one indexed query; a request has few events).
    The caller has checked that the reader may see ``subject``."""
    events = AuditEvent.objects.filter(
        subject_type=subject._meta.label, subject_id=str(subject.pk)
    ).order_by("created_at", "id")
    return list(events[:limit])
