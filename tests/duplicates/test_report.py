"""Reporting a duplicate (duplicates.reports): an official of the member's areas or a citizen of
the member's family says two Member IDs are one person; the case waits for the local body
officer, who merges, deactivates (either closes the report) or dismisses it. Every refusal says
why, on the field it is about."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from duplicates.models import CaseKind, CaseSource, CaseStatus, Ground
from duplicates.reports import CaseAlreadyOpen, duplicate_report, report_dismiss
from duplicates.services import deactivation_notice, duplicate_merge
from identity.actors import Citizen
from registration.accountability import work_held_by
from registry.models import Member, MemberStatus
from tests.duplicates.support import merged, noticed, twins
from tests.updates.support import member

pytestmark = pytest.mark.django_db


def _report(actor, reported, other, reason="Same father and date of birth, moved to b1"):
    return duplicate_report(actor=actor, member=reported, other_id=other.member_id, reason=reason)


def _refusal(error: ValidationError, field: str = "other") -> str:
    return " ".join(error.message_dict[field])


def test_the_officer_reports_two_ids_of_their_local_body(world):
    ajay, again = twins(world)

    case = _report(world.carol, again, ajay)

    assert case.kind == CaseKind.REPORT and case.status == CaseStatus.REPORTED
    assert (case.member, case.other, case.source) == (again, ajay, CaseSource.OFFICIAL)
    assert case.holder == world.carol and case.created_by == world.carol
    event = AuditEvent.objects.get(event_type="duplicates.reported")
    assert event.subject_id == str(again.pk) and event.area == world.b1
    assert event.changes["other"] == [None, ajay.member_id]
    # a report changes nothing in the register
    again.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE


def test_a_field_official_reports_within_their_areas(world):
    ajay, _again = twins(world)
    sunita = member(ajay.family, "Sunita Verma")

    case = _report(world.alice, ajay, sunita)

    assert case.created_by == world.alice and case.holder == world.carol
    held = next(h for h in work_held_by(world.carol) if h.kind.key == "duplicate_case")
    assert [r.url for r in held.rows] == [reverse("duplicates:case_detail", args=[case.pk])]


def test_a_field_official_cannot_name_a_member_of_another_area(world):
    ajay, again = twins(world)  # again is in b1, bob's area, not alice's

    with pytest.raises(ValidationError) as error:
        _report(world.alice, ajay, again)

    assert "no Member ID" in _refusal(error.value) and "areas you hold" in _refusal(error.value)


def test_it_refuses_a_member_outside_the_officials_areas(world):
    ajay, again = twins(world)

    for outsider in (world.dave, world.bob, world.erin):  # other LB; other area; a supervisor
        with pytest.raises(PermissionDenied):
            _report(outsider, ajay, again)


def test_it_refuses_the_same_id_twice(world):
    ajay, _again = twins(world)

    with pytest.raises(ValidationError) as error:
        _report(world.carol, ajay, ajay)

    assert error.value.error_dict["other"][0].code == "same"
    assert f"You gave Member ID {ajay.member_id} twice" in _refusal(error.value)


def test_it_refuses_an_unknown_id(world):
    ajay, _again = twins(world)

    with pytest.raises(ValidationError) as error:
        duplicate_report(actor=world.carol, member=ajay, other_id="000000000", reason="Same man")

    assert "000000000" in _refusal(error.value)


def test_it_says_where_a_retired_id_went(world):
    _case, again, ajay = merged(world)
    ravi = member(ajay.family, "Ravi Verma")

    with pytest.raises(ValidationError) as error:
        _report(world.carol, ravi, again)

    assert f"it was merged into {ajay.member_id}" in _refusal(error.value)
    assert error.value.error_dict["other"][0].code == "retired"


def test_it_refuses_a_deactivated_member(world):
    ajay, again = twins(world)
    Member.objects.filter(pk=again.pk).update(status=MemberStatus.INACTIVE)

    with pytest.raises(ValidationError) as error:
        _report(world.carol, ajay, again)

    assert "has been deactivated" in _refusal(error.value)


def test_a_pair_already_reported_points_to_its_case(world):
    ajay, again = twins(world)
    first = _report(world.carol, again, ajay)

    # either way round, by anyone
    with pytest.raises(CaseAlreadyOpen) as error:
        _report(world.carol, ajay, again)

    assert error.value.case == first
    assert f"already reported as one person: case {first}" in _refusal(error.value)


def test_a_member_under_a_deactivation_notice_points_to_that_case(world):
    notice, ravi = noticed(world)
    ajay = member(ravi.family, "Ajay Verma")

    with pytest.raises(CaseAlreadyOpen) as error:
        _report(world.carol, ajay, ravi)

    assert error.value.case == notice
    assert f"case {notice}" in _refusal(error.value)


def test_a_citizen_reports_a_member_of_their_family_against_any_id(world):
    ajay, again = twins(world)
    citizen = Citizen(family_id=ajay.family.family_id, member_id=ajay.member_id)

    case = _report(citizen, ajay, again)

    assert case.source == CaseSource.CITIZEN and case.created_by is None
    assert case.citizen_member_id == ajay.member_id
    event = AuditEvent.objects.get(event_type="duplicates.reported")
    assert event.actor is None and ajay.member_id in event.actor_label


def test_a_citizen_of_another_family_is_refused(world):
    ajay, again = twins(world)
    stranger = Citizen(
        family_id=world.family_a1.family_id,
        member_id=world.family_a1.members.get().member_id,
    )

    with pytest.raises(PermissionDenied):
        _report(stranger, ajay, again)
    assert not AuditEvent.objects.filter(event_type="duplicates.reported").exists()


def test_a_merge_of_the_pair_closes_the_report(world):
    ajay, again = twins(world)
    report = _report(world.alice, ajay, member(ajay.family, "Sunita Verma"))
    other = _report(world.carol, again, ajay)

    merge = duplicate_merge(
        actor=world.carol,
        member=again,
        survivor=ajay,
        source=CaseSource.OFFICIAL,
        reason="Same man",
    )

    other.refresh_from_db()
    report.refresh_from_db()
    assert other.status == CaseStatus.RESOLVED and other.outcome == merge
    assert other.holder is None
    assert report.status == CaseStatus.REPORTED  # about another pair
    assert AuditEvent.objects.filter(event_type="duplicates.report_resolved").count() == 1


def test_a_deactivation_of_either_member_closes_the_report(world):
    ajay, again = twins(world)
    report = _report(world.carol, ajay, again)

    notice = deactivation_notice(
        actor=world.carol,
        member=again,
        ground=Ground.NOT_EXISTING,
        source=CaseSource.OFFICIAL,
        reason="Nobody lives at that house",
    )

    report.refresh_from_db()
    assert report.status == CaseStatus.RESOLVED and report.outcome == notice


def test_the_officer_dismisses_a_report_once(world):
    ajay, _again = twins(world)
    report = _report(world.alice, ajay, member(ajay.family, "Ravi Verma"))

    report_dismiss(actor=world.carol, case=report, reason="Father and son, two people")

    report.refresh_from_db()
    assert report.status == CaseStatus.DISMISSED and report.holder is None
    event = AuditEvent.objects.get(event_type="duplicates.report_dismissed")
    assert event.changes["reason"] == [None, "Father and son, two people"]
    with pytest.raises(ValidationError, match="already been dismissed"):
        report_dismiss(actor=world.carol, case=report, reason="Again, the same")
    # and the pair may be reported again
    assert _report(world.alice, ajay, member(ajay.family, "Ravi Verma")).pk != report.pk


def test_only_the_officer_of_the_area_dismisses(world):
    ajay, again = twins(world)
    report = _report(world.carol, ajay, again)

    for outsider in (world.alice, world.dave, world.erin):
        with pytest.raises(PermissionDenied):
            report_dismiss(actor=outsider, case=report, reason="Not one person")
    report.refresh_from_db()
    assert report.status == CaseStatus.REPORTED
