from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registration.models import ApplicationStatus, PossibleDuplicate
from registration.verification import (
    application_approve,
    application_check_duplicates,
    application_reject_as_duplicate,
    possible_duplicate_mark_not_duplicate,
)
from registry.models import Family
from tests import factories as f
from tests.registration.builders import head, submitted


def _registered_lookalike(area):
    return f.MemberFactory(
        family=f.FamilyFactory(area=area),
        name_en="Suresh Patel",
        name_hi="सुरेश पटेल",
        gender="M",
        date_of_birth=date(1980, 6, 1),
        relation="HEAD",
    )


def _application_with_a_lookalike(world):
    _registered_lookalike(world.b1)
    application = submitted(world.alice, world.a1, [head()])
    return application, application.possible_duplicates.get()


def test_it_refuses_approval_while_a_possible_duplicate_is_undecided(world):
    application, _ = _application_with_a_lookalike(world)
    families_before = Family.objects.count()

    with pytest.raises(ValidationError) as error:
        application_approve(actor=world.carol, application=application)

    assert error.value.code == "duplicates_undecided"
    assert Family.objects.count() == families_before
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_not_a_duplicate_needs_a_reason(world):
    _, duplicate = _application_with_a_lookalike(world)
    with pytest.raises(ValidationError) as error:
        possible_duplicate_mark_not_duplicate(actor=world.carol, duplicate=duplicate, reason="")
    assert "reason" in error.value.message_dict


def test_it_approves_once_every_candidate_is_marked_not_a_duplicate(world):
    application, duplicate = _application_with_a_lookalike(world)

    possible_duplicate_mark_not_duplicate(
        actor=world.carol,
        duplicate=duplicate,
        reason="Different father; the other Suresh lives in Gram Panchayat b1.",
    )
    family = application_approve(actor=world.carol, application=application)

    duplicate.refresh_from_db()
    assert duplicate.decision == PossibleDuplicate.Decision.NOT_DUPLICATE
    assert duplicate.decided_by == world.carol
    assert family.members.count() == 1
    assert AuditEvent.objects.filter(event_type="application.duplicate_decided").exists()


def test_it_rejects_as_a_duplicate_with_the_reason(world):
    application, duplicate = _application_with_a_lookalike(world)

    application_reject_as_duplicate(
        actor=world.carol, duplicate=duplicate, reason="Already registered in b1."
    )

    application.refresh_from_db()
    duplicate.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decision_reason == "Already registered in b1."
    assert duplicate.decision == PossibleDuplicate.Decision.DUPLICATE


def test_it_looks_again_at_approval_for_people_registered_since(world):
    # given an application without look-alikes at submission
    application = submitted(world.alice, world.a1, [head()])
    assert not application.possible_duplicates.exists()
    # and then a look-alike enters the register
    _registered_lookalike(world.b1)

    # when carol approves, she is stopped
    with pytest.raises(ValidationError):
        application_approve(actor=world.carol, application=application)

    # and checking again shows the new candidate, which she can then decide on
    found = application_check_duplicates(actor=world.carol, application=application)
    assert len(found) == 1
    possible_duplicate_mark_not_duplicate(
        actor=world.carol, duplicate=found[0], reason="A different person."
    )
    assert application_approve(actor=world.carol, application=application).pk


@pytest.mark.parametrize("persona", ["dave", "alice", "erin"])
def test_only_the_local_body_officer_decides_on_duplicates(world, persona):
    application, duplicate = _application_with_a_lookalike(world)
    actor = getattr(world, persona)
    with pytest.raises(PermissionDenied):
        possible_duplicate_mark_not_duplicate(actor=actor, duplicate=duplicate, reason="Fine.")
    with pytest.raises(PermissionDenied):
        application_reject_as_duplicate(actor=actor, duplicate=duplicate, reason="Dup.")
    with pytest.raises(PermissionDenied):
        application_check_duplicates(actor=actor, application=application)
    duplicate.refresh_from_db()
    assert duplicate.decision == PossibleDuplicate.Decision.UNDECIDED
