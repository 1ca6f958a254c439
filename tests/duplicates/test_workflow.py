"""The status → actions table of a duplicate case (duplicates/workflow.py)."""

import pytest
from django.core.exceptions import ValidationError

from duplicates.models import CaseStatus
from duplicates.workflow import TRANSITIONS, Action, next_status, officer_actions


def test_every_status_is_in_the_table_and_leads_to_a_status():
    assert set(TRANSITIONS) == set(CaseStatus.values)
    for moves in TRANSITIONS.values():
        assert set(moves.values()) <= set(CaseStatus.values)


def test_an_action_the_status_does_not_allow_is_refused_with_the_cases_state():
    for status in CaseStatus.values:
        for action in set(Action.values) - set(TRANSITIONS[status]):
            with pytest.raises(ValidationError):
                next_status(status, action)


def test_the_officer_is_offered_neither_the_notices_end_nor_an_objection():
    assert officer_actions(CaseStatus.NOTICE) == [Action.WITHDRAW]
    assert officer_actions(CaseStatus.OBJECTED) == [Action.DEACTIVATE, Action.WITHDRAW]
    assert officer_actions(CaseStatus.MERGED) == [Action.UNDO]
    assert officer_actions(CaseStatus.DEACTIVATED) == [Action.REACTIVATE]
