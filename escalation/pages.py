"""The escalation part of a supervisor's home page (core.views.home_view)."""

from typing import Any

from escalation import selectors
from officials.models import Official, Role


def escalation_home_context(official: Official) -> dict[str, Any]:
    return {
        "escalation_counts": selectors.escalation_counts(official),
        "bare_areas": (
            selectors.areas_without_field_official(official)
            if official.role == Role.LOCAL_BODY_OFFICER
            else []
        ),
        # A district's or local body's officials; statewide it would be every official.
        "overdue_trend": (
            selectors.overdue_trend(official)
            if official.role in (Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER)
            else None
        ),
    }
