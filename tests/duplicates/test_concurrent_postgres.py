"""Two officials deciding the same case at the same moment: exactly one wins, the other is
told why. PostgreSQL only: SQLite lets one writer in at a time, so nothing there runs at once."""

import pytest
from django.db import connection
from django.utils import translation

from duplicates.models import CaseSource, DuplicateCase
from duplicates.services import (
    deactivation_decide,
    deactivation_object,
    duplicate_merge,
    duplicate_merge_undo,
)
from duplicates.workflow import Action
from identity.actors import Citizen
from registry.models import Gender, MemberStatus
from tests import factories as f
from tests.concurrency import at_once
from tests.duplicates.support import merged, noticed, twins

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_of_two_simultaneous_merges_of_one_member_exactly_one_is_made(world):
    ajay, again = twins(world)
    third = f.MemberFactory(family=f.FamilyFactory(area=world.a2), gender=Gender.MALE)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    def merge(actor, survivor):
        return lambda: duplicate_merge(
            actor=actor,
            member=again,
            survivor=survivor,
            source=CaseSource.SWEEP,
            reason="Same Aadhaar number",
        )

    results = at_once([merge(world.carol, ajay), merge(colleague, third)])

    wins = [r for r in results if isinstance(r, DuplicateCase)]
    refusals = [r for r in results if not isinstance(r, DuplicateCase)]
    assert len(wins) == 1 and len(refusals) == 1, results
    again.refresh_from_db()
    assert again.status == MemberStatus.MERGED and again.merged_into == wins[0].survivor
    with translation.override("en"):
        assert f"was merged into {again.merged_into.member_id}" in str(refusals[0])
    assert DuplicateCase.objects.count() == 1


def test_two_crossed_merges_at_once_leave_one_person(world):
    # A into B and B into A at the same moment: locks in pk order, so no deadlock, one wins
    ajay, again = twins(world)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: duplicate_merge(
                actor=world.carol, member=again, survivor=ajay, source="SWEEP", reason="Same man"
            ),
            lambda: duplicate_merge(
                actor=colleague, member=ajay, survivor=again, source="SWEEP", reason="Same man"
            ),
        ]
    )

    assert sum(isinstance(r, DuplicateCase) for r in results) == 1, results
    ajay.refresh_from_db()
    again.refresh_from_db()
    assert sorted([ajay.status, again.status]) == [MemberStatus.ACTIVE, MemberStatus.MERGED]


def test_a_withdrawal_and_a_deactivation_at_once_leave_one_decision(world):
    case, ravi = noticed(world)
    deactivation_object(
        actor=Citizen(family_id=ravi.family.family_id, member_id=ravi.member_id),
        case=case,
        text="Ravi is our son",
    )
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: deactivation_decide(
                actor=world.carol, case=case, action=Action.WITHDRAW, reason="He is real"
            ),
            lambda: deactivation_decide(
                actor=colleague, case=case, action=Action.DEACTIVATE, reason="He is not"
            ),
        ]
    )

    assert sum(isinstance(r, DuplicateCase) for r in results) == 1, results
    case.refresh_from_db()
    ravi.refresh_from_db()
    assert (ravi.status == MemberStatus.INACTIVE) == (case.status == "DEACTIVATED")


def test_two_undos_at_once_undo_once(world):
    case, _again, _ajay = merged(world)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: duplicate_merge_undo(actor=world.carol, case=case, reason="Twins"),
            lambda: duplicate_merge_undo(actor=colleague, case=case, reason="Twins"),
        ]
    )

    refusals = [r for r in results if not isinstance(r, DuplicateCase)]
    assert len(refusals) == 1, results
    with translation.override("en"):
        assert "This merge has already been undone." in str(refusals[0])
