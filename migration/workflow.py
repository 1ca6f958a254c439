"""The one table from a migration request's status to the actions allowed in it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from migration.models import MigrationStatus as S


class Action(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    RESUBMIT = "resubmit", _("Correct and resubmit")


# status → {action: status after it}. A corrected request is a new request; the rejected one
# stays rejected.
TRANSITIONS: dict[str, dict[str, str]] = {
    S.PENDING: {
        Action.APPROVE: S.APPROVED,
        Action.REJECT: S.REJECTED,
        Action.WITHDRAW: S.WITHDRAWN,
    },
    S.REJECTED: {Action.RESUBMIT: S.REJECTED},
    S.APPROVED: {},
    S.WITHDRAWN: {},
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
        S.APPROVED: _("This migration request has already been approved."),
        S.REJECTED: _("This migration request has already been rejected."),
        S.WITHDRAWN: _("This migration request was withdrawn by the family."),
        S.PENDING: _("This migration request is still waiting for a decision."),
    }
    raise ValidationError(messages[S(status)], code="action_not_allowed")
