from collections.abc import Iterable

from django import template

from audit.models import AuditEvent
from audit.words import Line, history_lines

register = template.Library()


@register.simple_tag
def history(events: Iterable[AuditEvent]) -> list[Line]:
    """The events (a list, a queryset or a page of one) as sentences: one query for all."""
    return history_lines(events)
