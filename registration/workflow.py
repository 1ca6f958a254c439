"""The one table from an application's status to the actions allowed in it, and the one
function that checks it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models import ApplicationStatus as S


class Action(models.TextChoices):
    EDIT = "edit", _("Edit")
    SUBMIT = "submit", _("Submit")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for correction")
    RESUBMIT = "resubmit", _("Resubmit")
    DECIDE_DUPLICATE = "decide_duplicate", _("Decide on a possible duplicate")
    SEND_BACK = "send_back", _("Return to the family")


# status → {action: status after it}
TRANSITIONS: dict[str, dict[str, str]] = {
    # SEND_BACK: only a family's own application (registration.self_application).
    S.DRAFT: {Action.EDIT: S.DRAFT, Action.SUBMIT: S.SUBMITTED, Action.SEND_BACK: S.SENT_BACK},
    S.SUBMITTED: {
        Action.APPROVE: S.APPROVED,
        Action.REJECT: S.REJECTED,
        Action.RETURN: S.RETURNED,
        Action.DECIDE_DUPLICATE: S.SUBMITTED,
    },
    S.RETURNED: {Action.EDIT: S.RETURNED, Action.RESUBMIT: S.SUBMITTED},
    S.APPROVED: {},
    S.REJECTED: {},
    S.SENT_BACK: {},
}


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS[status])


def next_status(status: str, action: str) -> str:
    """The status after ``action``, or a ValidationError saying the application's state."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        pass
    messages = {
        S.APPROVED: _("This application has already been approved."),
        S.REJECTED: _("This application has already been rejected."),
        S.SUBMITTED: _("This application has been submitted and is waiting for verification."),
        S.RETURNED: _("This application has been returned for correction."),
        S.DRAFT: _("This application has not been submitted yet."),
        S.SENT_BACK: _("This application has been returned to the family."),
    }
    raise ValidationError(messages[S(status)], code="action_not_allowed")
