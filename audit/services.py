from typing import Any

from django.db import models, transaction

from audit.models import AuditEvent
from geography.models import Area, District, LocalBody


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted(_plain(v) for v in value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]}."""
    return {
        key: [_plain(old.get(key)), _plain(new.get(key))]
        for key in sorted(set(old) | set(new))
        if _plain(old.get(key)) != _plain(new.get(key))
    }


def audit_record(
    *,
    actor: Any,
    event_type: str,
    subject: models.Model,
    changes: dict[str, list[Any]] | None = None,
    area: Area | None = None,
    local_body: LocalBody | None = None,
    district: District | None = None,
) -> AuditEvent:
    """Write one audit row. Must run inside the transaction of the write it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the write's transaction")
    if area is not None and local_body is None:
        local_body = area.local_body
    if local_body is not None and district is None:
        district = local_body.district
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=str(actor) if actor is not None else "system",
        event_type=event_type,
        subject_type=subject._meta.label,
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        changes=changes or {},
        area=area,
        local_body=local_body,
        district=district,
    )
