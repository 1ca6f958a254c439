"""Family merge: two registered families become one; the family the request is made on keeps
its Family ID, the other's is retired (never deleted) and its living members join with their
Member IDs; both families' rules hold; bad input is refused with nothing changed."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from migration.services import migration_request_approve
from registry.models import Family, FamilyStatus, Member, Relation
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.migration.support import make_mig, submit
from tests.updates.shape_support import GRANDPARENTS_JOIN, grandparents, merge
from tests.updates.support import birth_data, member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_approve, change_request_submit


def _state() -> tuple:
    return (
        ChangeRequest.objects.count(),
        sorted(Family.objects.values_list("family_id", "status")),
        sorted(Member.objects.values_list("member_id", "family_id", "relation")),
    )


def _refused(actor, family, other, joining=None, **changes) -> list[str]:
    before = _state()
    with pytest.raises(ValidationError) as error:
        merge(actor, family, other, joining, **changes)
    assert _state() == before
    return error.value.messages


def test_the_grandparents_join_the_vermas_with_their_member_ids(world):
    # given the Vermas of a1 and Ajay's parents registered as a family of a2
    vermas, elders = verma_family(world), grandparents(world.a2)
    ids = {m.name_en: m.member_id for m in elders.members.all()}

    # when alice asks for the merge into the Vermas, and carol approves
    change = merge(world.alice, vermas, elders)
    assert change.status == ChangeStatus.PENDING and change.other_family == elders
    assert elders.members.count() == 2  # nothing moves before the decision
    change_request_approve(actor=world.carol, change=change)

    # then the Vermas hold them with the IDs they had, as Ajay's father and mother
    assert {
        m.name_en: m.member_id for m in vermas.members.filter(member_id__in=ids.values())
    } == ids
    assert member(vermas, "Ramlal Verma").relation == Relation.FATHER
    assert member(vermas, "Kamla Verma").relation == Relation.MOTHER
    assert member(vermas, "Ajay Verma").relation == Relation.HEAD
    # and the grandparents' Family ID is retired, not deleted, naming the Vermas
    elders.refresh_from_db()
    assert elders.status == FamilyStatus.MERGED and elders.merged_into == vermas
    assert not elders.members.exists()
    # and each member's history and both families' say so
    moved = AuditEvent.objects.filter(event_type="member.moved")
    assert {tuple(e.changes["family_id"]) for e in moved} == {(elders.family_id, vermas.family_id)}
    assert moved.count() == 2
    retired = AuditEvent.objects.get(event_type="family.merged")
    assert retired.subject_id == str(elders.pk)
    assert retired.changes["merged_into"] == [None, vermas.family_id]
    applied = AuditEvent.objects.get(event_type="change.applied", subject_id=str(vermas.pk))
    assert applied.changes["family_merged_in"] == [None, elders.family_id]


def test_both_families_hear_of_the_merge(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    change = merge(world.alice, vermas, elders)
    asked = SmsMessage.objects.filter(kind=SmsKind.CHANGE_REQUESTED)
    assert sorted(asked.values_list("mobile", flat=True)) == ["9876500001", "9876500030"]
    change_request_approve(actor=world.carol, change=change)
    done = SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED)
    assert sorted(done.values_list("mobile", flat=True)) == ["9876500001", "9876500030"]


def test_the_local_body_officers_own_merge_applies_at_once(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    change = merge(world.carol, vermas, elders)
    assert change.status == ChangeStatus.APPROVED
    elders.refresh_from_db()
    assert elders.merged_into == vermas


def test_the_head_of_the_family_merged_in_may_become_the_head(world):
    # Ramlal heads the merged family; Ajay becomes his son, Sunita his daughter-in-law, Ravi
    # his grandson
    vermas, elders = verma_family(world), grandparents(world.a1)
    joining = {
        "Ramlal Verma": Relation.HEAD,
        "Ajay Verma": Relation.SON,
        "Sunita Verma": Relation.DAUGHTER_IN_LAW,
        "Ravi Verma": Relation.GRANDCHILD,
    }
    change_request_approve(actor=world.carol, change=merge(world.alice, vermas, elders, joining))
    assert member(vermas, "Ramlal Verma").relation == Relation.HEAD
    assert member(vermas, "Ajay Verma").relation == Relation.SON
    assert vermas.members.filter(relation=Relation.HEAD).count() == 1


def test_a_family_is_not_merged_into_itself(world):
    vermas = verma_family(world)
    messages = _refused(world.alice, vermas, vermas, {})
    assert "cannot be merged into itself" in messages[0]


def test_a_retired_family_is_not_merged_in(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    Family.objects.filter(pk=elders.pk).update(
        status=FamilyStatus.MERGED, merged_into=world.family_a1
    )
    messages = _refused(world.alice, vermas, elders)
    assert f"is retired: it was merged into {world.family_a1.family_id}" in messages[0]


def test_nothing_is_merged_into_a_retired_family(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    Family.objects.filter(pk=vermas.pk).update(
        status=FamilyStatus.MERGED, merged_into=world.family_a1
    )
    vermas.refresh_from_db()
    assert "is retired" in _refused(world.alice, vermas, elders)[0]


def test_a_retired_family_takes_no_change_of_any_kind(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    change_request_approve(actor=world.carol, change=merge(world.alice, vermas, elders))
    elders.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        change_request_submit(
            actor=world.alice,
            family=elders,
            kind=ChangeKind.BIRTH,
            data=birth_data(member(vermas, "Kamla Verma")),
        )
    assert f"merged into {vermas.family_id}" in error.value.messages[0]


@pytest.mark.parametrize("where", ["b1", "x1"])
def test_a_family_outside_the_officials_areas_is_refused(world, where):
    # alice holds a1 and a2; b1 is in her local body, x1 in another district
    vermas, other = verma_family(world), grandparents(getattr(world, where))
    messages = _refused(world.alice, vermas, other)
    assert f"Family {other.family_id} is not one of the families of your" in messages[0]


def test_an_unknown_family_id_gets_the_same_answer(world):
    vermas = verma_family(world)
    with pytest.raises(ValidationError) as error:
        change_request_submit(
            actor=world.alice,
            family=vermas,
            kind=ChangeKind.MERGE_FAMILIES,
            data={"from_family": "12345678"},
        )
    assert "Family 12345678 is not one of the families of your" in error.value.messages[0]


def test_the_family_id_to_merge_in_is_asked_for(world):
    vermas = verma_family(world)
    with pytest.raises(ValidationError) as error:
        change_request_submit(
            actor=world.alice, family=vermas, kind=ChangeKind.MERGE_FAMILIES, data={}
        )
    assert "Enter the Family ID of the family to merge" in error.value.messages[0]


def test_the_merged_family_has_exactly_one_head(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    joining = {"Ramlal Verma": Relation.HEAD, "Kamla Verma": Relation.MOTHER}
    assert (
        "exactly one head of the merged family" in _refused(world.alice, vermas, elders, joining)[0]
    )
    assert (
        "exactly one head"
        in _refused(world.alice, vermas, elders, {**GRANDPARENTS_JOIN, "Ajay Verma": Relation.SON})[
            0
        ]
    )


def test_every_member_joining_gets_a_relation(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    kamla = member(elders, "Kamla Verma")
    messages = _refused(world.alice, vermas, elders, **{f"relation_{kamla.member_id}": "AUNT"})
    assert "Choose the relation to the head." in messages


def test_parents_stay_older_than_their_children(world):
    # Ramlal (born 1950) given as Ajay's son (born 1980)
    vermas, elders = verma_family(world), grandparents(world.a1)
    joining = {"Ramlal Verma": Relation.SON, "Kamla Verma": Relation.MOTHER}
    messages = _refused(world.alice, vermas, elders, joining)
    assert any("a parent is at least" in m and "Ramlal Verma" in m for m in messages)


def test_a_problem_a_family_already_had_does_not_block_the_merge(world):
    # the Vermas record a son born before his "mother" turned 15: the merge did not make it
    vermas, elders = verma_family(world), grandparents(world.a1)
    f.MemberFactory(
        family=vermas, name_en="Old Problem", relation=Relation.SON, date_of_birth=date(1990, 1, 1)
    )
    change = merge(world.alice, vermas, elders)
    assert change.status == ChangeStatus.PENDING


@pytest.mark.parametrize("whose", ["survivor", "merged_in"])
def test_a_merge_waits_while_a_migration_of_either_family_is_pending(world, whose):
    mig = make_mig(world)
    pending = submit(mig)
    other = grandparents(world.a1)
    family, merged_in = (mig.family, other) if whose == "survivor" else (other, mig.family)
    mig.family.members.update(relation=Relation.OTHER)  # any relation: it is refused first
    messages = _refused(world.alice, family, merged_in, {})
    assert pending.number in messages[0] and "waiting for a decision" in messages[0]


@pytest.mark.parametrize("whose", ["survivor", "merged_in"])
def test_a_merge_waits_while_a_members_change_is_pending(world, whose):
    vermas, elders = verma_family(world), grandparents(world.a1)
    person = member(vermas, "Ravi Verma") if whose == "survivor" else member(elders, "Kamla Verma")
    death = change_request_submit(
        actor=world.alice,
        family=person.family,
        kind=ChangeKind.DEATH,
        member=person,
        data={"date_of_death": "2025-01-01"},
    )
    assert death.number in _refused(world.alice, vermas, elders)[0]


def test_a_merge_waits_while_the_retiring_family_has_any_request(world):
    vermas, elders = verma_family(world), grandparents(world.a1)
    birth = change_request_submit(
        actor=world.alice,
        family=elders,
        kind=ChangeKind.BIRTH,
        data=birth_data(member(elders, "Kamla Verma"), date_of_birth="1985-01-01"),
    )
    assert birth.is_pending
    assert birth.number in _refused(world.alice, vermas, elders)[0]


def test_a_merge_pending_when_a_migration_came_is_refused_at_approval(world):
    mig = make_mig(world)
    elders = grandparents(world.a1)
    mig.family.members.update(relation=Relation.SON, date_of_birth=date(1980, 1, 1))
    change = merge(world.alice, elders, mig.family, {})
    submit(mig)
    with pytest.raises(ValidationError) as error:
        change_request_approve(actor=world.carol, change=change)
    assert "waiting for a decision" in error.value.messages[0]
    mig.family.refresh_from_db()
    assert mig.family.status == FamilyStatus.ACTIVE


def test_only_the_local_body_decides_and_other_areas_cannot_ask(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    with pytest.raises(PermissionDenied):
        merge(world.bob, vermas, elders)
    change = merge(world.alice, vermas, elders)
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=world.dave, change=change)
    with pytest.raises(PermissionDenied):
        change_request_approve(actor=world.alice, change=change)


def test_a_retired_family_does_not_migrate(world):
    # given family_a1 merged into the Vermas, and its citizen still signed in with its ID
    mig = make_mig(world)
    vermas = verma_family(world)
    mig.family.members.update(relation=Relation.OTHER, date_of_birth=date(1990, 1, 1))
    change_request_approve(actor=world.carol, change=merge(world.alice, vermas, mig.family, {}))
    # when a migration of it is asked for / then it is refused, naming the survivor
    with pytest.raises(ValidationError) as error:
        submit(mig)
    assert f"merged into {vermas.family_id}" in error.value.messages[0]


def test_a_migration_of_a_family_merged_meanwhile_is_not_approved(world):
    mig = make_mig(world)
    pending = submit(mig)
    Family.objects.filter(pk=mig.family.pk).update(
        status=FamilyStatus.MERGED, merged_into=world.family_b1
    )
    with pytest.raises(ValidationError) as error:
        migration_request_approve(actor=mig.world.bob, request=pending)
    assert f"merged into {world.family_b1.family_id}" in error.value.messages[0]
    mig.family.refresh_from_db()
    assert mig.family.area == world.a1
