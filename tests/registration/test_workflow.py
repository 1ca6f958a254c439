import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registration.models import ApplicationStatus as S
from registration.workflow import TRANSITIONS, Action, allowed_actions, next_status


def test_every_status_has_a_row_in_the_table():
    assert set(TRANSITIONS) == set(S.values)


@pytest.mark.parametrize(
    ("status", "actions"),
    [
        (S.DRAFT, {Action.EDIT, Action.SUBMIT, Action.SEND_BACK}),
        (S.SUBMITTED, {Action.APPROVE, Action.REJECT, Action.RETURN, Action.DECIDE_DUPLICATE}),
        (S.RETURNED, {Action.EDIT, Action.RESUBMIT}),
        (S.APPROVED, set()),
        (S.REJECTED, set()),
        (S.SENT_BACK, set()),
    ],
)
def test_it_allows_exactly_the_actions_of_the_table(status, actions):
    assert set(allowed_actions(status)) == actions


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (S.DRAFT, Action.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, Action.APPROVE, S.APPROVED),
        (S.SUBMITTED, Action.REJECT, S.REJECTED),
        (S.SUBMITTED, Action.RETURN, S.RETURNED),
        (S.RETURNED, Action.RESUBMIT, S.SUBMITTED),
    ],
)
def test_it_moves_to_the_next_status(status, action, after):
    assert next_status(status, action) == after


@pytest.mark.parametrize("status", list(S.values))
@pytest.mark.parametrize("action", list(Action.values))
def test_it_refuses_every_action_outside_the_table(status, action):
    if action in TRANSITIONS[status]:
        return
    with pytest.raises(ValidationError) as error:
        next_status(status, action)
    assert error.value.code == "action_not_allowed"


def test_it_says_an_approved_application_is_already_approved():
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            next_status(S.APPROVED, Action.APPROVE)
        assert "already been approved" in error.value.messages[0]
