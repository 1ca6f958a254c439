"""Family split: some members leave to form a new family with a new Family ID and keep their
Member IDs; both families keep their rules; bad input is refused, nothing changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registry.ids import is_valid_family_id
from registry.models import Family, FamilyStatus, Relation
from sms.models import SmsKind, SmsMessage
from tests.migration.support import make_mig, submit
from tests.updates.shape_support import VIKAS_LEAVES, split, split_data, vikas_household
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_approve, change_request_submit


def _refused(world, family, area, leave, actor=None, **changes) -> list[str]:
    before = (ChangeRequest.objects.count(), Family.objects.count(), family.members.count())
    with pytest.raises(ValidationError) as error:
        split(actor or world.alice, family, area, leave, **changes)
    assert (ChangeRequest.objects.count(), Family.objects.count(), family.members.count()) == before
    return error.value.messages


def test_vikas_sets_up_his_own_household_with_their_member_ids(world):
    # given the Vermas with Vikas, Neha and Golu
    vermas = verma_family(world)
    household = vikas_household(vermas)
    ids_before = {name: m.member_id for name, m in household.items()}

    # when alice asks for the split into a2, and carol approves
    change = split(world.alice, vermas, world.a2, VIKAS_LEAVES)
    assert change.status == ChangeStatus.PENDING and vermas.members.count() == 6
    change_request_approve(actor=world.carol, change=change)

    # then a new family with a new Family ID in a2 holds them, with the IDs they had
    change.refresh_from_db()
    new = change.other_family
    assert new is not None and is_valid_family_id(new.family_id) and new.area == world.a2
    assert new.house_number == "12-B" and new.pin_code == "462002"
    assert {m.name_en.split()[0]: m.member_id for m in new.members.all()} == ids_before
    assert member(new, "Vikas Verma").relation == Relation.HEAD
    assert member(new, "Golu Verma").relation == Relation.SON
    assert sorted(vermas.members.values_list("name_en", flat=True)) == [
        "Ajay Verma",
        "Ravi Verma",
        "Sunita Verma",
    ]
    moved = AuditEvent.objects.filter(event_type="member.moved")
    assert moved.count() == 3
    assert {tuple(e.changes["family_id"]) for e in moved} == {(vermas.family_id, new.family_id)}
    assert AuditEvent.objects.filter(event_type="family.split_off", subject_id=str(new.pk)).exists()


def test_both_families_hear_of_the_split(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    change_request_approve(
        actor=world.carol, change=split(world.alice, vermas, world.a2, VIKAS_LEAVES)
    )
    done = SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED)
    assert sorted(done.values_list("mobile", flat=True)) == ["9876500001", "9876500020"]


def test_the_old_family_records_a_new_head_when_its_head_leaves(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    leave = {"Ajay Verma": Relation.HEAD, "Sunita Verma": Relation.SPOUSE}
    # without a new head for those who stay: refused
    messages = _refused(world, vermas, world.a1, leave)
    assert f"exactly one head of family {vermas.family_id}" in " ".join(messages)

    vikas = member(vermas, "Vikas Verma")
    ravi = member(vermas, "Ravi Verma")
    change = split(
        world.alice,
        vermas,
        world.a1,
        leave,
        **{f"relation_{vikas.member_id}": Relation.HEAD, f"relation_{ravi.member_id}": "OTHER"},
    )
    change_request_approve(actor=world.carol, change=change)
    vikas.refresh_from_db()
    assert vikas.family == vermas and vikas.relation == Relation.HEAD


def test_a_split_with_nobody_leaving_is_refused(world):
    vermas = verma_family(world)
    assert "Choose the members who leave" in _refused(world, vermas, world.a2, {})[0]


def test_a_split_that_leaves_the_family_empty_is_refused(world):
    vermas = verma_family(world)
    leave = {"Ajay Verma": Relation.HEAD, "Sunita Verma": "SPOUSE", "Ravi Verma": "SON"}
    assert "without a living member" in " ".join(_refused(world, vermas, world.a2, leave))


def test_a_new_family_of_children_only_is_refused(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    messages = _refused(world, vermas, world.a2, {"Golu Verma": Relation.HEAD})
    assert "children only" in " ".join(messages)


def test_children_are_not_left_without_an_adult(world):
    vermas = verma_family(world)
    golu = vikas_household(vermas)["Golu"]
    leave = {
        "Ajay Verma": Relation.HEAD,
        "Sunita Verma": Relation.SPOUSE,
        "Ravi Verma": Relation.SON,
        "Vikas Verma": Relation.SON,
        "Neha Verma": Relation.DAUGHTER_IN_LAW,
    }
    messages = _refused(
        world, vermas, world.a2, leave, **{f"relation_{golu.member_id}": Relation.HEAD}
    )
    assert "children only" in " ".join(messages)


def test_the_new_family_has_exactly_one_head(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    leave = {**VIKAS_LEAVES, "Neha Verma": Relation.HEAD}
    assert "exactly one head of the new family" in _refused(world, vermas, world.a2, leave)[0]


def test_parents_stay_older_than_children_in_the_new_family(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    leave = {**VIKAS_LEAVES, "Golu Verma": Relation.FATHER}
    assert "a parent is at least" in " ".join(_refused(world, vermas, world.a2, leave))


def test_the_new_address_is_in_the_officials_own_areas(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    with pytest.raises(ValidationError) as error:
        split(world.alice, vermas, world.b1, VIKAS_LEAVES)
    assert "your own Gram Panchayats" in error.value.message_dict["area"][0]
    assert Family.objects.filter(area=world.b1).count() == 1  # the world's own


def test_a_retired_family_is_not_split(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    Family.objects.filter(pk=vermas.pk).update(
        status=FamilyStatus.MERGED, merged_into=world.family_a1
    )
    vermas.refresh_from_db()
    assert "is retired" in _refused(world, vermas, world.a2, VIKAS_LEAVES)[0]


def test_a_split_waits_while_a_migration_of_the_family_is_pending(world):
    # given family_a1 (with Vikas's household) asking to migrate to b1
    mig = make_mig(world)
    family = mig.family
    family.members.update(relation=Relation.HEAD)
    vikas_household(family)
    pending = submit(mig)

    # when a split is asked for / then it is refused, naming the migration
    messages = _refused(world, family, world.a2, VIKAS_LEAVES)
    assert pending.number in messages[0] and "waiting for a decision" in messages[0]


def test_a_split_pending_when_a_migration_came_is_refused_at_approval(world):
    mig = make_mig(world)
    family = mig.family
    vikas_household(family)
    change = split(world.alice, family, world.a2, VIKAS_LEAVES)
    submit(mig)
    with pytest.raises(ValidationError):
        change_request_approve(actor=world.carol, change=change)
    assert family.members.count() == 4


def test_only_the_local_body_decides_and_other_areas_cannot_ask(world):
    vermas = verma_family(world)
    vikas_household(vermas)
    with pytest.raises(PermissionDenied):
        split(world.bob, vermas, world.b1, VIKAS_LEAVES)
    change = split(world.alice, vermas, world.a2, VIKAS_LEAVES)
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=world.dave, change=change)


def test_the_split_is_refused_while_a_member_has_a_request_waiting(world):
    vermas = verma_family(world)
    household = vikas_household(vermas)
    death = change_request_submit(
        actor=world.alice,
        family=vermas,
        kind=ChangeKind.DEATH,
        member=household["Golu"],
        data={"date_of_death": "2025-01-01"},
    )
    assert death.number in _refused(world, vermas, world.a2, VIKAS_LEAVES)[0]


def test_the_form_data_helper_keeps_everyone_by_default(world):
    data = split_data(verma_family(world), world.a2, {})
    assert {v for k, v in data.items() if k.startswith("move_")} == {"stay"}


def test_a_decided_split_shows_what_was_asked(world):
    from django.urls import reverse

    from tests.conftest import client_for

    vermas = verma_family(world)
    household = vikas_household(vermas)
    change = split(world.alice, vermas, world.a2, VIKAS_LEAVES)
    change_request_approve(actor=world.carol, change=change)
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("updates:change_detail", args=[change.number])).text
    assert "New family: Head of family" in body and household["Vikas"].member_id in body
    assert world.a2.name_en in body
