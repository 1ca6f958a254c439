"""Every service that changes the register writes its change-feed row (registry.feed) in the
same transaction: registration, the change requests, migration, the duplicate steps. Rows hold
IDs, dates and LGD codes, never a name."""

import json
from datetime import timedelta

import pytest
from django.db import transaction

from duplicates.services import (
    deactivation_decide,
    deactivation_object,
    deactivations_due_apply,
    duplicate_merge_undo,
    member_reactivate,
)
from duplicates.workflow import Action
from identity.actors import Citizen
from migration.services import migration_request_approve
from registration.verification import application_approve
from registry.feed import record_change
from registry.models import ChangeKind, RegisterChange
from tests.conftest import World
from tests.duplicates.support import merged, noticed
from tests.migration.conftest import documents_root  # noqa: F401 - a fixture the proofs need
from tests.migration.support import make_mig, submit
from tests.registration.builders import submitted
from tests.updates.shape_support import (
    GRANDPARENTS_JOIN,
    VIKAS_LEAVES,
    grandparents,
    merge,
    pooja,
    split,
    transfer,
    vikas_household,
)
from tests.updates.support import (
    birth_data,
    death_recorded,
    marriage_data,
    member,
    newcomer_data,
    person_data,
    verma_family,
)
from updates.models import ChangeKind as RequestKind
from updates.models import ChangeStatus
from updates.services import change_request_approve, change_request_submit

pytestmark = pytest.mark.django_db


def _rows(kind: str) -> list[RegisterChange]:
    return list(RegisterChange.objects.filter(kind=kind).order_by("pk"))


def _only(kind: str) -> RegisterChange:
    (row,) = _rows(kind)
    return row


def _applied(world: World, family, kind: str, data: dict, target=None) -> None:  # type: ignore[no-untyped-def]
    """A change asked for by alice and approved by carol, the local body officer (when it
    waits for her)."""
    change = change_request_submit(
        actor=world.alice, family=family, kind=kind, data=data, member=target
    )
    if change.status == ChangeStatus.PENDING:
        change_request_approve(actor=world.carol, change=change)


def test_an_approved_registration_is_one_row_with_its_member_ids(world: World) -> None:
    application = submitted(world.alice, world.a1)

    family = application_approve(actor=world.carol, application=application)

    row = _only(ChangeKind.FAMILY_REGISTERED)
    assert (row.family_id, row.member_id) == (family.family_id, "")
    assert (row.district, row.area) == (world.d_a, world.a1)
    assert row.details == {"member_ids": sorted(m.member_id for m in family.members.all())}


def test_a_submitted_application_is_not_in_the_feed(world: World) -> None:
    submitted(world.alice, world.a1)
    assert not RegisterChange.objects.exists()


def test_a_birth_names_the_child_its_date_and_its_mother(world: World) -> None:
    vermas = verma_family(world)
    mother = member(vermas, "Sunita Verma")

    _applied(world, vermas, RequestKind.BIRTH, birth_data(mother))

    row = _only(ChangeKind.BIRTH)
    child = member(vermas, "Aarti Verma")
    assert (row.family_id, row.member_id) == (vermas.family_id, child.member_id)
    assert row.details == {"date_of_birth": "2025-02-03", "mother": mother.member_id}


def test_a_birth_waiting_for_verification_is_not_in_the_feed(world: World) -> None:
    vermas = verma_family(world)
    change_request_submit(
        actor=world.alice,
        family=vermas,
        kind=RequestKind.BIRTH,
        data=birth_data(member(vermas, "Sunita Verma")),
    )
    assert not RegisterChange.objects.exists()


def test_a_death_gives_its_date(world: World) -> None:
    vermas = verma_family(world)

    death_recorded(world, vermas, "Ajay Verma")

    row = _only(ChangeKind.DEATH)
    assert row.member_id == member(vermas, "Ajay Verma").member_id
    assert row.details == {"date_of_death": "2025-01-01"}


def test_a_marriage_is_told_for_both_spouses(world: World) -> None:
    vermas = verma_family(world)

    _applied(world, vermas, RequestKind.MARRIAGE, marriage_data(vermas))

    pooja_id = member(vermas, "Pooja Sharma").member_id
    ravi_id = member(vermas, "Ravi Verma").member_id
    told = {
        (r.member_id, r.details["spouse"], r.details["date_of_marriage"])
        for r in _rows(ChangeKind.MARRIAGE)
    }
    assert told == {(pooja_id, ravi_id, "2025-05-05"), (ravi_id, pooja_id, "2025-05-05")}


def test_a_missed_member_is_added(world: World) -> None:
    vermas = verma_family(world)

    _applied(world, vermas, RequestKind.MISSED_MEMBER, newcomer_data())

    assert _only(ChangeKind.MEMBER_ADDED).member_id == member(vermas, "Kamla Verma").member_id


def test_a_correction_names_the_fields_not_the_values(world: World) -> None:
    vermas = verma_family(world)
    ravi = member(vermas, "Ravi Verma")

    _applied(
        world,
        vermas,
        RequestKind.CORRECT_MEMBER,
        person_data(ravi, name_en="Ravi Kumar Verma", date_of_birth="2008-09-10"),
        target=ravi,
    )

    row = _only(ChangeKind.CORRECTED)
    assert row.member_id == ravi.member_id
    assert row.details == {"fields": ["date_of_birth", "name_en"]}


def test_an_address_correction_is_a_change_of_the_family(world: World) -> None:
    vermas = verma_family(world)

    _applied(world, vermas, RequestKind.CORRECT_FAMILY, {"house_number": "9", "pin_code": "462001"})

    row = _only(ChangeKind.CORRECTED)
    assert (row.family_id, row.member_id, row.details) == (
        vermas.family_id,
        "",
        {"fields": ["house_number"]},
    )


def test_a_transfer_from_another_district_is_told_in_both(world: World) -> None:
    vermas = verma_family(world)
    bride = pooja(world.x1)
    parents = bride.family

    change_request_approve(actor=world.carol, change=transfer(world.alice, vermas, bride))

    moved = _rows(ChangeKind.MOVED)
    assert {(r.district_id, r.area_id) for r in moved} == {
        (world.d_a.pk, world.a1.pk),
        (world.d_x.pk, world.x1.pk),
    }
    for row in moved:
        assert (row.family_id, row.member_id) == (vermas.family_id, bride.member_id)
        assert row.details == {
            "from_family": parents.family_id,
            "to_family": vermas.family_id,
            "from_area": world.x1.lgd_code,
            "to_area": world.a1.lgd_code,
        }
    assert {r.member_id for r in _rows(ChangeKind.MARRIAGE)} == {
        bride.member_id,
        member(vermas, "Ravi Verma").member_id,
    }


def test_a_split_moves_each_leaving_member_into_the_new_family(world: World) -> None:
    vermas = verma_family(world)
    household = vikas_household(vermas)

    change_request_approve(
        actor=world.carol, change=split(world.alice, vermas, world.a2, dict(VIKAS_LEAVES))
    )

    moved = _rows(ChangeKind.MOVED)
    assert {r.member_id for r in moved} == {m.member_id for m in household.values()}
    (new_family,) = {r.family_id for r in moved}
    assert new_family != vermas.family_id
    assert {r.area_id for r in moved} == {world.a2.pk}  # one district: one row each
    assert {r.details["from_family"] for r in moved} == {vermas.family_id}


def test_a_merge_of_families_moves_the_members_and_retires_the_family(world: World) -> None:
    vermas = verma_family(world)
    elders = grandparents(world.a1)
    joined = sorted(m.member_id for m in elders.members.all())

    change_request_approve(
        actor=world.carol, change=merge(world.alice, vermas, elders, dict(GRANDPARENTS_JOIN))
    )

    assert sorted(r.member_id for r in _rows(ChangeKind.MOVED)) == joined
    row = _only(ChangeKind.FAMILY_MERGED)
    assert (row.family_id, row.member_id) == (elders.family_id, "")
    assert row.details == {"merged_into": vermas.family_id, "member_ids": joined}


def test_a_migration_gives_both_areas(world: World, documents_root) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    mig = make_mig(world)
    request = submit(mig)

    migration_request_approve(actor=world.bob, request=request)

    row = _only(ChangeKind.MIGRATED)
    assert (row.family_id, row.member_id, row.area) == (mig.family.family_id, "", world.b1)
    assert row.details == {"from_area": world.a1.lgd_code, "to_area": world.b1.lgd_code}


def test_a_merge_of_member_ids_and_its_undoing(world: World) -> None:
    case, retired, survivor = merged(world)

    row = _only(ChangeKind.MERGED)
    assert (row.member_id, row.details) == (retired.member_id, {"merged_into": survivor.member_id})
    assert row.area == world.b1

    duplicate_merge_undo(actor=world.carol, case=case, reason="They are twins, seen today")

    undone = _only(ChangeKind.MERGE_UNDONE)
    assert (undone.member_id, undone.details) == (
        retired.member_id,
        {"was_merged_into": survivor.member_id},
    )


def test_a_notice_then_the_automatic_deactivation(world: World) -> None:
    case, ravi = noticed(world)

    notice = _only(ChangeKind.DEACTIVATION_NOTICE)
    assert notice.member_id == ravi.member_id
    assert notice.details == {"notice_until": case.notice_until.isoformat()}  # type: ignore[union-attr]

    deactivations_due_apply(now=case.notice_until + timedelta(days=1))  # type: ignore[operator, arg-type]

    assert _only(ChangeKind.DEACTIVATED).member_id == ravi.member_id


def test_an_objection_in_time_reactivates_and_a_later_deactivation_is_told(world: World) -> None:
    case, ravi = noticed(world)
    citizen = Citizen(family_id=ravi.family.family_id, member_id=ravi.member_id)

    deactivation_object(actor=citizen, case=case, text="Ravi is our son, he studies in Indore")
    assert _only(ChangeKind.REACTIVATED).member_id == ravi.member_id

    deactivation_decide(
        actor=world.carol, case=case, action=Action.DEACTIVATE, reason="No such son at home"
    )
    assert _only(ChangeKind.DEACTIVATED).member_id == ravi.member_id

    ravi.refresh_from_db()
    member_reactivate(actor=world.carol, member=ravi, reason="He came to the office in person")
    assert len(_rows(ChangeKind.REACTIVATED)) == 2


def test_a_notice_withdrawn_after_an_objection_is_not_told_twice(world: World) -> None:
    case, ravi = noticed(world)
    citizen = Citizen(family_id=ravi.family.family_id, member_id=ravi.member_id)
    deactivation_object(actor=citizen, case=case, text="Ravi is our son, he studies in Indore")

    deactivation_decide(
        actor=world.carol, case=case, action=Action.WITHDRAW, reason="He lives here after all"
    )

    assert len(_rows(ChangeKind.REACTIVATED)) == 1


@pytest.mark.django_db(transaction=True)
def test_a_row_needs_the_writes_transaction(world: World) -> None:
    with pytest.raises(RuntimeError):
        record_change(ChangeKind.DEATH, family=world.family_a1)
    with transaction.atomic():
        row = record_change(ChangeKind.DEATH, family=world.family_a1)
    assert (row.district, row.area) == (world.d_a, world.a1)


def test_a_failed_write_leaves_no_row(world: World) -> None:
    other = world.family_x1
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record_change(ChangeKind.DEATH, family=other)
        1 / 0  # noqa: B018 - the write fails after its row
    assert not RegisterChange.objects.exists()


def test_no_row_holds_a_name(world: World) -> None:
    vermas = verma_family(world)
    _applied(world, vermas, RequestKind.MARRIAGE, marriage_data(vermas))
    death_recorded(world, vermas, "Ajay Verma")
    merged(world)

    text = json.dumps([r.details for r in RegisterChange.objects.all()], ensure_ascii=False)
    assert RegisterChange.objects.count() >= 4
    for name in ("Pooja", "Ravi", "Ajay", "Verma", "वर्मा"):
        assert name not in text
