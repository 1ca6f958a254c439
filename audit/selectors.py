from django.db import models

from audit.models import AuditEvent
from officials import jurisdiction
from officials.models import Official


def audit_events_visible_to(official: Official) -> models.QuerySet[AuditEvent]:
    """Supervisors read the events of their jurisdiction; field officials read none."""
    return jurisdiction.scope_supervised(official, AuditEvent.objects.select_related("actor"))
