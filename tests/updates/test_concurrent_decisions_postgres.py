"""Two officers deciding the same change request at the same moment: exactly one wins.
PostgreSQL only: SQLite lets one writer in at a time, so nothing there runs at once."""

import pytest
from django.db import connection
from django.utils import translation

from tests import factories as f
from tests.concurrency import at_once
from tests.updates.support import birth_data, member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_approve, change_request_reject, change_request_submit

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_of_two_simultaneous_approvals_of_a_birth_exactly_one_applies(world):
    family = verma_family(world)
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.BIRTH,
        data=birth_data(member(family, "Sunita Verma")),
    )
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")
    members_before = family.members.count()

    results = at_once(
        [
            lambda: change_request_approve(actor=world.carol, change=change),
            lambda: change_request_approve(actor=colleague, change=change),
        ]
    )

    wins = [r for r in results if isinstance(r, ChangeRequest)]
    refusals = [r for r in results if not isinstance(r, ChangeRequest)]
    assert len(wins) == 1 and len(refusals) == 1, results
    # Compared in English: the threads speak it (tests.concurrency.at_once), and a lazy message
    # is read here, in the language active at this point.
    with translation.override("en"):
        assert "This change request has already been approved." in str(refusals[0])
    assert family.members.count() == members_before + 1
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_an_approval_and_a_rejection_at_once_leave_one_decision(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ravi,
        data={"date_of_death": "2025-01-01"},
    )
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: change_request_approve(actor=world.carol, change=change),
            lambda: change_request_reject(actor=colleague, change=change, reason="No proof"),
        ]
    )

    assert sum(isinstance(r, ChangeRequest) for r in results) == 1, results
    change.refresh_from_db()
    ravi.refresh_from_db()
    assert ravi.is_deceased == (change.status == ChangeStatus.APPROVED)


def test_two_births_to_one_family_at_once_both_apply_in_turn(world):
    # given two different births waiting for the same family
    family = verma_family(world)
    sunita = member(family, "Sunita Verma")
    first = change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.BIRTH, data=birth_data(sunita)
    )
    second = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.BIRTH,
        data=birth_data(
            sunita, name_en="Anil Verma", name_hi="अनिल वर्मा", gender="M", relation="SON"
        ),
    )
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: change_request_approve(actor=world.carol, change=first),
            lambda: change_request_approve(actor=colleague, change=second),
        ]
    )

    assert all(isinstance(r, ChangeRequest) for r in results), results
    ids = list(family.members.values_list("member_id", flat=True))
    assert len(ids) == len(set(ids)) == 5
