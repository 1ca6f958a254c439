"""The one table from a change request's status to the actions allowed in it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from updates.models import ChangeStatus as S


class Action(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")


TRANSITIONS: dict[str, dict[str, str]] = {
    S.PENDING: {Action.APPROVE: S.APPROVED, Action.REJECT: S.REJECTED},
    S.APPROVED: {},
    S.APPLIED: {},
    S.REJECTED: {},
}


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def next_status(status: str, action: str) -> str:
    """The status after ``action``, or a ValidationError saying the request's state."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        pass
    messages = {
        S.APPROVED: _("This change request has already been approved."),
        S.APPLIED: _("This change was applied without verification."),
        S.REJECTED: _("This change request has already been rejected."),
        S.PENDING: _("This change request is waiting for verification."),
    }
    raise ValidationError(messages[S(status)], code="action_not_allowed")
