"""The one table from a duplicate case's status to the actions allowed in it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from duplicates.models import CaseStatus as S


class Action(models.TextChoices):
    OBJECT = "object", _("Record an objection")
    APPLY = "apply", _("Deactivate at the end of the notice")
    DEACTIVATE = "deactivate", _("Deactivate despite the objection")
    WITHDRAW = "withdraw", _("Withdraw the deactivation")
    REACTIVATE = "reactivate", _("Reactivate the member")
    UNDO = "undo", _("Undo the merge")
    DISMISS = "dismiss", _("Dismiss the report: not one person")
    RESOLVE = "resolve", _("Acted on by a merge or a deactivation")


TRANSITIONS: dict[str, dict[str, str]] = {
    S.NOTICE: {
        Action.OBJECT: S.OBJECTED,
        Action.APPLY: S.DEACTIVATED,
        Action.WITHDRAW: S.WITHDRAWN,
    },
    S.OBJECTED: {Action.DEACTIVATE: S.DEACTIVATED, Action.WITHDRAW: S.WITHDRAWN},
    S.DEACTIVATED: {Action.REACTIVATE: S.REACTIVATED},
    S.MERGED: {Action.UNDO: S.UNDONE},
    S.WITHDRAWN: {},
    S.UNDONE: {},
    S.REACTIVATED: {},
    # A report: the officer merges or deactivates (duplicates.reports.reports_resolve closes it
    # then), or dismisses it.
    S.REPORTED: {Action.DISMISS: S.DISMISSED, Action.RESOLVE: S.RESOLVED},
    S.RESOLVED: {},
    S.DISMISSED: {},
}

# What an officer may choose on the case's page (APPLY is the notice's end, not a person's).
OFFICER_ACTIONS = (
    Action.DEACTIVATE,
    Action.WITHDRAW,
    Action.REACTIVATE,
    Action.UNDO,
    Action.DISMISS,
)


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def officer_actions(status: str) -> list[str]:
    return [a for a in TRANSITIONS[status] if a in OFFICER_ACTIONS]


def next_status(status: str, action: str) -> str:
    """The status after ``action``, or a ValidationError saying the case's state."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        pass
    messages = {
        S.NOTICE: _("The objection period of this case is still running."),
        S.OBJECTED: _("The family has objected: the officer decides this case now."),
        S.DEACTIVATED: _("The member of this case has already been deactivated."),
        S.WITHDRAWN: _("This deactivation has already been withdrawn."),
        S.MERGED: _("This merge has already been made."),
        S.UNDONE: _("This merge has already been undone."),
        S.REACTIVATED: _("The member of this case has already been reactivated."),
        S.REPORTED: _("This report waits for the officer: merge, deactivate or dismiss it."),
        S.RESOLVED: _("This report has already been acted on."),
        S.DISMISSED: _("This report has already been dismissed."),
    }
    raise ValidationError(messages[S(status)], code="action_not_allowed")
