from django.db import models

from audit.models import AuditEvent
from officials.models import Official, Role


def audit_events_visible_to(official: Official) -> models.QuerySet[AuditEvent]:
    """Supervisors read the events of their jurisdiction; field officials read none."""
    qs = AuditEvent.objects.select_related("actor")
    match official.role:
        case Role.STATE_ADMIN:
            return qs
        case Role.DISTRICT_OFFICER:
            return qs.filter(district_id=official.district_id)
        case Role.LOCAL_BODY_OFFICER:
            return qs.filter(local_body_id=official.local_body_id)
    return qs.none()
