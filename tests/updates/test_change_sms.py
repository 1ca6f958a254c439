"""The family hears of a change to its registration, when it is asked for and when it is
decided: an SMS to its living head (else the first living member with a mobile), in the
language it was registered in, sent only once the request or the decision commits."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from registration.verification import application_approve
from registry.models import Relation
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.registration import builders
from tests.updates.support import birth_data, death_recorded, member, person_data, verma_family
from updates.models import ChangeKind
from updates.services import change_request_approve, change_request_reject, change_request_submit

AJAY_MOBILE = "9876500001"  # the Vermas' head (tests.updates.support)


def _birth(world, family):
    return change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.BIRTH,
        data=birth_data(member(family, "Sunita Verma")),
    )


def test_the_family_hears_of_a_request_while_it_waits_for_verification(world):
    family = verma_family(world)
    change = _birth(world, family)

    sms = SmsMessage.objects.get()
    assert sms.kind == SmsKind.CHANGE_REQUESTED and sms.mobile == AJAY_MOBILE
    assert change.number in sms.text and family.family_id in sms.text


def test_an_approved_change_is_sent_to_the_head_in_hindi(world):
    family = verma_family(world)
    change = change_request_approve(actor=world.carol, change=_birth(world, family))

    sms = SmsMessage.objects.get(kind=SmsKind.CHANGE_APPLIED)
    assert sms.kind == SmsKind.CHANGE_APPLIED and sms.mobile == AJAY_MOBILE
    assert sms.language == "hi" and sms.local_body == world.a1.local_body
    assert change.number in sms.text and family.family_id in sms.text
    assert sms.text.startswith("समग्र:") and "जन्म" in sms.text


def test_a_rejection_carries_its_coded_reason_not_the_officials_words(world):
    family = verma_family(world)
    change = change_request_reject(
        actor=world.carol,
        change=_birth(world, family),
        reason="No birth certificate",
        reason_code="DOCUMENTS_MISSING",
    )

    sms = SmsMessage.objects.get(kind=SmsKind.CHANGE_REJECTED)
    assert "No birth certificate" not in sms.text
    with translation.override(sms.language):
        assert str(SmsReason.DOCUMENTS_MISSING.label) in sms.text
    change.refresh_from_db()
    assert change.reason == "No birth certificate" and change.sms_reason == "DOCUMENTS_MISSING"


def test_a_change_that_applies_at_once_is_sent_at_once(world):
    family = verma_family(world)
    change_request_submit(
        actor=world.alice, family=family, kind=ChangeKind.CORRECT_FAMILY, data={"house_number": "9"}
    )
    assert SmsMessage.objects.get().kind == SmsKind.CHANGE_APPLIED


def test_after_the_heads_death_another_living_member_hears_or_nobody(world):
    family = verma_family(world)
    death_recorded(world, family, "Ajay Verma")
    applied = SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED)
    assert not applied.exists()  # nobody else in the family has a mobile

    sunita = member(family, "Sunita Verma")
    fix = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.CORRECT_MEMBER,
        member=sunita,
        data=person_data(sunita, mobile="9876500002"),
    )
    change_request_approve(actor=world.carol, change=fix)
    assert applied.get().mobile == "9876500002"


def test_a_family_registered_in_english_hears_in_english(world):
    application = builders.submitted(world.alice, world.a1)
    application.language = "en"
    application.save(update_fields=["language"])
    family = application_approve(actor=world.carol, application=application)
    SmsMessage.objects.all().delete()  # the registration's own
    head = family.members.get(relation=Relation.HEAD)

    change_request_submit(
        actor=world.carol,  # the local body officer's own request applies at once
        family=family,
        kind=ChangeKind.CORRECT_MEMBER,
        member=head,
        data=person_data(head, father_or_husband_name="Ramesh Patel"),
    )

    sms = SmsMessage.objects.get()
    assert sms.language == "en" and sms.mobile == head.mobile
    assert sms.text.startswith("Samagra portal:") and "Correction of a member" in sms.text


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_decision_does_not_commit(world):
    family = verma_family(world)
    change = _birth(world, family)
    family.members.filter(name_en="Sunita Verma").update(date_of_birth="2020-01-01")
    with pytest.raises(ValidationError):  # the mother is now too young: the change no longer fits
        change_request_approve(actor=world.carol, change=change)
    assert list(SmsMessage.objects.values_list("kind", flat=True)) == [SmsKind.CHANGE_REQUESTED]
