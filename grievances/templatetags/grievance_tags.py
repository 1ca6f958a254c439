"""Grievance rules the manual's pages quote (they have no view of their own to pass them)."""

from django import template

from grievances import rules

register = template.Library()


@register.simple_tag
def grievance_accept_days() -> int:
    """Days the family has to answer a closure (SAMAGRA_GRIEVANCE_ACCEPT_DAYS)."""
    return rules.accept_days()
