"""The one table from a grievance's status to the actions allowed in it, and who may take
them. A closure waits for the family: it accepts it, or reopens it once; a closure after a
reopening is final."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from grievances.models import Status as S


class Action(models.TextChoices):
    REPLY = "reply", _("Reply")
    CLOSE = "close", _("Close")
    ACCEPT = "accept", _("Accept the answer")
    REOPEN = "reopen", _("Reopen")
    ESCALATE = "escalate", _("Move up a level")


TRANSITIONS: dict[str, dict[str, str]] = {
    S.OPEN: {Action.REPLY: S.OPEN, Action.CLOSE: S.CLOSED, Action.ESCALATE: S.OPEN},
    S.CLOSED: {Action.REPLY: S.CLOSED, Action.ACCEPT: S.ACCEPTED, Action.REOPEN: S.REOPENED},
    S.REOPENED: {Action.REPLY: S.REOPENED, Action.CLOSE: S.FINAL, Action.ESCALATE: S.REOPENED},
    S.ACCEPTED: {},
    S.FINAL: {},
}

# Who takes each action: officials close and move up; the family accepts and reopens; both
# reply.
BY_FAMILY = {Action.REPLY, Action.ACCEPT, Action.REOPEN}
BY_OFFICIALS = {Action.REPLY, Action.CLOSE, Action.ESCALATE}


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def next_status(status: str, action: str) -> str:
    """The status after ``action``, or a ValidationError saying the grievance's state."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        pass
    if action == Action.REOPEN and status == S.FINAL:
        message = _("This grievance was reopened once already; its second closure is final.")
    else:
        message = {
            S.OPEN: _("This grievance is open: it has not been closed yet."),
            S.REOPENED: _("This grievance has been reopened and is open again."),
            S.CLOSED: _("This grievance is closed and waits for the family's answer."),
            S.ACCEPTED: _("This grievance is closed: the family accepted the answer."),
            S.FINAL: _("This grievance is closed for good."),
        }[S(status)]
    raise ValidationError(message, code="action_not_allowed")
