"""Changes of a family's shape at the same moment: a member transferred twice at once moves
once; a family merged twice at once (into two families, or two families each into the other)
is retired once. PostgreSQL only: SQLite lets one writer in at a time, so nothing there runs at once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from registry.models import Family, FamilyStatus, Member, Relation
from tests import factories as f
from tests.concurrency import at_once
from tests.updates.shape_support import grandparents, merge, pooja, transfer
from tests.updates.support import verma_family
from updates.models import ChangeRequest, ChangeStatus
from updates.services import change_request_approve

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def _second_family(world):
    family = f.FamilyFactory(area=world.a2)
    f.MemberFactory(family=family, relation=Relation.HEAD, date_of_birth=date(1970, 1, 1))
    return family


def test_two_approvals_of_transfers_of_one_member_move_her_once(world):
    # given two requests waiting for Pooja, into the Vermas and into another family (the
    # second slipped in as the first was being decided: made here past the submission check)
    bride = pooja(world.b1)
    vermas, others = verma_family(world), _second_family(world)
    second = transfer(world.alice, others, bride, spouse="")
    ChangeRequest.objects.filter(pk=second.pk).update(status=ChangeStatus.REJECTED)
    first = transfer(world.alice, vermas, bride)
    ChangeRequest.objects.filter(pk=second.pk).update(status=ChangeStatus.PENDING)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    # when two officers approve one each at the same moment
    results = at_once(
        [
            lambda: change_request_approve(actor=world.carol, change=first),
            lambda: change_request_approve(actor=colleague, change=second),
        ]
    )

    # then one applies and the other is refused with the reason, and she is in one family
    wins = [r for r in results if isinstance(r, ChangeRequest)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(wins) == 1 and len(refusals) == 1, results
    assert "has no member with Member ID" in " ".join(refusals[0].messages)
    bride.refresh_from_db()
    assert bride.family == wins[0].family
    assert Member.objects.filter(member_id=bride.member_id).count() == 1


def test_two_officers_moving_one_member_at_once_move_her_once(world):
    # the local body officer's own request applies at once: two of them, two families
    bride = pooja(world.b1)
    vermas, others = verma_family(world), _second_family(world)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")

    results = at_once(
        [
            lambda: transfer(world.carol, vermas, bride),
            lambda: transfer(colleague, others, bride, spouse=""),
        ]
    )

    wins = [r for r in results if isinstance(r, ChangeRequest)]
    assert len(wins) == 1, results
    assert isinstance(next(r for r in results if r not in wins), ValidationError)
    bride.refresh_from_db()
    assert bride.family == wins[0].family
    assert ChangeRequest.objects.filter(status=ChangeStatus.APPROVED).count() == 1


def _one_won(results: list[object]) -> tuple[ChangeRequest, ValidationError]:
    wins = [r for r in results if isinstance(r, ChangeRequest)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(wins) == 1 and len(refusals) == 1, results
    return wins[0], refusals[0]


def test_a_family_merged_into_two_families_at_once_joins_one(world):
    # given the grandparents' family, and two officers of the local body each merging it into
    # another family (their own requests apply at once)
    vermas, others, elders = verma_family(world), _second_family(world), grandparents(world.a1)
    people = set(elders.members.values_list("pk", flat=True))
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")
    as_others = {"Ramlal Verma": Relation.OTHER, "Kamla Verma": Relation.OTHER}

    results = at_once(
        [
            lambda: merge(world.carol, vermas, elders),
            lambda: merge(colleague, others, elders, as_others),
        ]
    )

    # then one merge applies, the other is refused naming where the family went
    win, refusal = _one_won(results)
    elders.refresh_from_db()
    assert elders.status == FamilyStatus.MERGED and elders.merged_into == win.family
    assert f"merged into {win.family.family_id}" in " ".join(refusal.messages)
    assert set(win.family.members.filter(pk__in=people).values_list("pk", flat=True)) == people
    assert ChangeRequest.objects.count() == 1


def test_two_families_merged_each_into_the_other_at_once_leave_one(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    colleague = f.local_body_officer(world.lb_a, user_id="carol2")
    into_elders = {
        "Ajay Verma": Relation.SON,
        "Sunita Verma": Relation.DAUGHTER_IN_LAW,
        "Ravi Verma": Relation.GRANDCHILD,
    }

    results = at_once(
        [
            lambda: merge(world.carol, vermas, elders),
            lambda: merge(colleague, elders, vermas, into_elders),
        ]
    )

    win, _refusal = _one_won(results)
    statuses = dict(
        Family.objects.filter(pk__in=[vermas.pk, elders.pk]).values_list("pk", "status")
    )
    assert sorted(statuses.values()) == [FamilyStatus.ACTIVE, FamilyStatus.MERGED]
    assert statuses[win.family.pk] == FamilyStatus.ACTIVE
    assert win.family.members.count() == 5
