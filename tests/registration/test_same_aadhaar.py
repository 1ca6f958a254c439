"""The Aadhaar vault's token as a blocking key of the duplicate check: an applicant whose Aadhaar
number the vault already holds (a registered member's e-KYC) keeps only the entry's token, and
that member is shown first, at 100, as the same person, whatever the names or the place say.
The number itself is kept nowhere, and no vault entry is made for it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from identity.models import AadhaarVaultEntry, MemberEkyc
from identity.vault import vault_store
from registration.duplicates import SAME_AADHAAR, find_candidates
from registration.models import ApplicationMember, PossibleDuplicate
from registration.services import (
    application_resubmit,
    application_save_draft,
    application_submit,
)
from registration.verification import application_return_for_correction
from registry.models import Member, MemberStatus
from tests import factories as f
from tests.conftest import client_for
from tests.identity_vault.conftest import development_vault_and_sandbox
from tests.registration.builders import address, draft, head, submitted, wife

__all__ = ["development_vault_and_sandbox"]  # the vault's development key

KNOWN = "234123412346"  # held by the vault: the e-KYC of a registered member
UNKNOWN = "499118665246"  # valid, held by nobody


def _ekyc_member(world, area, **fields) -> Member:
    """A member of another family whose e-KYC holds KNOWN (names nothing like the applicant)."""
    member = f.MemberFactory(
        family=f.FamilyFactory(area=area),
        name_en="Kamla Prasad Dwivedi",
        name_hi="कमला प्रसाद द्विवेदी",
        gender="M",
        date_of_birth=date(1961, 9, 9),
        **fields,
    )
    token = vault_store(number=KNOWN, actor=world.dave, purpose="e-KYC")
    MemberEkyc.objects.create(member=member, vault_entry_id=token, method="otp")
    return member


def test_the_member_of_the_same_aadhaar_is_shown_first_as_certain(world):
    # given a member e-KYCed with KNOWN in another district, and a namesake of the applicant
    same = _ekyc_member(world, world.x1)
    namesake = f.MemberFactory(
        family=f.FamilyFactory(area=world.b1),
        name_en="Suresh Patel",
        name_hi="सुरेश पटेल",
        gender="M",
        date_of_birth=date(1980, 5, 1),
        father_or_husband_name="Mohan Patel",
    )

    # when Suresh Patel is submitted with KNOWN
    application = submitted(world.alice, world.a1, [head(aadhaar=KNOWN)])

    # then the member of the same Aadhaar comes first, at 100, marked as the same Aadhaar
    found = list(PossibleDuplicate.objects.filter(application=application))
    assert [d.member for d in found][:2] == [same, namesake]
    assert found[0].score == SAME_AADHAAR and found[0].same_aadhaar
    assert found[0].details["aadhaar"] == 100 and found[0].is_likely
    assert not found[1].same_aadhaar


def test_the_applicant_keeps_only_the_token_and_the_vault_gains_nothing(world):
    _ekyc_member(world, world.x1)
    entries = AadhaarVaultEntry.objects.count()

    application = draft(world.alice, world.a1, [head(aadhaar=KNOWN), wife(aadhaar=UNKNOWN)])

    suresh, geeta = application.members.all()
    assert suresh.aadhaar_token_id == AadhaarVaultEntry.objects.get().token
    assert geeta.aadhaar_token_id is None
    assert AadhaarVaultEntry.objects.count() == entries
    rows = [*ApplicationMember.objects.values(), *AuditEvent.objects.values()]
    assert not any(n in str(v) for row in rows for v in row.values() for n in (KNOWN, UNKNOWN))


def test_a_form_saved_again_without_the_number_keeps_the_token(world):
    _ekyc_member(world, world.x1)
    application = draft(world.alice, world.a1, [head(aadhaar=KNOWN)])
    row = application.members.get()

    # when the draft is saved again: the number is never shown again, so the field is empty
    application_save_draft(
        actor=world.alice,
        address=address(world.a1),
        members=[head(id=row.pk)],
        application=application,
    )
    row.refresh_from_db()
    assert row.aadhaar_token_id is not None

    # and a number typed again replaces it (here by one the vault does not hold)
    application_save_draft(
        actor=world.alice,
        address=address(world.a1),
        members=[head(id=row.pk, aadhaar=UNKNOWN)],
        application=application,
    )
    row.refresh_from_db()
    assert row.aadhaar_token_id is None


def test_an_aadhaar_typed_at_resubmission_makes_a_known_candidate_certain(world):
    # given Suresh submitted without an Aadhaar, his namesake found as a possible duplicate
    registered = f.MemberFactory(
        family=f.FamilyFactory(area=world.b1),
        name_en="Suresh Patel",
        name_hi="सुरेश पटेल",
        gender="M",
        date_of_birth=date(1980, 5, 1),
        father_or_husband_name="Mohan Patel",
    )
    token = vault_store(number=KNOWN, actor=world.carol, purpose="e-KYC")
    MemberEkyc.objects.create(member=registered, vault_entry_id=token, method="otp")
    application = submitted(world.alice, world.a1, [head()])
    first = PossibleDuplicate.objects.get(application=application, member=registered)
    assert not first.same_aadhaar

    # when the local body returns it and alice adds his Aadhaar, then resubmits
    application_return_for_correction(
        actor=world.carol, application=application, reason="Add the Aadhaar"
    )
    row = application.members.get()
    application_save_draft(
        actor=world.alice,
        address=address(world.a1),
        members=[head(id=row.pk, aadhaar=KNOWN)],
        application=application,
    )
    application_resubmit(actor=world.alice, application=application)

    # then the same candidate is now certain
    first.refresh_from_db()
    assert first.same_aadhaar and first.score == SAME_AADHAAR


def test_a_retired_member_of_the_same_aadhaar_is_not_a_candidate(world):
    same = _ekyc_member(world, world.b1)
    Member.objects.filter(pk=same.pk).update(status=MemberStatus.MERGED)

    application = submitted(world.alice, world.a1, [head(aadhaar=KNOWN)])

    assert not PossibleDuplicate.objects.filter(application=application, member=same).exists()


@pytest.mark.parametrize("typed", [True, False])
def test_the_same_aadhaar_costs_no_query_of_its_own(world, typed):
    _ekyc_member(world, world.x1)
    application = application_save_draft(
        actor=world.alice,
        address=address(world.a1),
        members=[head(aadhaar=KNOWN if typed else "")],
    )
    applicant = ApplicationMember.objects.select_related("application__area__local_body").get(
        application=application
    )

    with CaptureQueriesContext(connection) as queries:
        found = find_candidates(applicant)

    assert bool(found and found[0].same_aadhaar) is typed
    # the first search, the pending applications, the words' counts, the rest of the district
    assert len(queries) <= 4


def test_submission_checks_the_whole_family_once(world):
    _ekyc_member(world, world.x1)
    application = application_save_draft(
        actor=world.alice, address=address(world.a1), members=[head(aadhaar=KNOWN), wife()]
    )
    application_submit(actor=world.alice, application=application)
    assert (
        PossibleDuplicate.objects.filter(application=application, score=SAME_AADHAAR).count() == 1
    )


@pytest.mark.parametrize(("language", "said"), [("en", "same Aadhaar"), ("hi", "वही आधार")])
def test_the_verifier_sees_the_same_aadhaar_first(world, language, said):
    _ekyc_member(world, world.b1)
    application = submitted(world.alice, world.a1, [head(aadhaar=KNOWN)])
    carol = client_for(world.carol)
    carol.cookies["django_language"] = language

    body = carol.get(reverse("registration:detail", args=[application.number])).content.decode()

    assert said in body
    assert KNOWN not in body
