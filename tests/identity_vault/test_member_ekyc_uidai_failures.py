"""UIDAI's refusals and time-outs: a clear message on the right field, nothing stored."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from identity.ekyc import BiometricProof, member_ekyc_complete, member_ekyc_request_otp
from identity.models import AadhaarVaultEntry, MemberEkyc
from sms.models import SmsMessage
from tests.identity_vault.support import member_like
from tests.uidai.support import resident, valid_aadhaar

pytestmark = pytest.mark.django_db


def _request(world, person, aadhaar=None) -> ValidationError:
    member = member_like(world.family_a1, person)
    with pytest.raises(ValidationError) as caught:
        member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=aadhaar or person.aadhaar)
    assert not SmsMessage.objects.exists()
    assert not AadhaarVaultEntry.objects.exists()
    return caught.value


def test_a_number_uidai_does_not_know_is_an_error_on_the_aadhaar_field(world):
    error = _request(world, resident("Ramesh Kumar"), aadhaar=valid_aadhaar(1))

    assert error.error_dict["aadhaar"][0].code == "uidai_998"


def test_a_number_failing_verhoeff_never_reaches_uidai(world):
    number = resident("Ramesh Kumar").aadhaar
    error = _request(
        world, resident("Ramesh Kumar"), aadhaar=number[:-1] + str((int(number[-1]) + 3) % 10)
    )

    assert error.error_dict["aadhaar"][0].code == "aadhaar_checksum"


def test_an_internal_error_at_uidai_concerns_the_whole_request(world):
    error = _request(world, resident("Anjali Ahirwar"))

    assert error.error_dict[NON_FIELD_ERRORS][0].code == "uidai_999"


def test_a_time_out_is_a_clear_error(world):
    with translation.override("en"):
        error = _request(world, resident("Rajesh Singh"))

    item = error.error_dict[NON_FIELD_ERRORS][0]
    assert item.code == "uidai_timeout"
    with translation.override("en"):
        assert "did not answer in time" in str(item.message)


def test_a_time_out_while_completing_changes_nothing(world, settings):
    ramesh = resident("Ramesh Kumar")
    member = member_like(world.family_a1, ramesh)
    settings.UIDAI_SANDBOX_TIMEOUT = True

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice,
            member=member,
            aadhaar=ramesh.aadhaar,
            proof=BiometricProof("finger", b"capture"),
        )

    assert caught.value.error_dict[NON_FIELD_ERRORS][0].code == "uidai_timeout"
    assert not MemberEkyc.objects.exists()
    assert not AadhaarVaultEntry.objects.exists()


def test_a_failure_is_logged_without_the_number(world, caplog):
    person = resident("Anjali Ahirwar")

    _request(world, person)

    assert "UIDAI error 999" in caplog.text
    assert person.aadhaar not in caplog.text
