"""SOP step 5: Aadhaar e-authentication of the signed-in member through the UIDAI port."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from identity.actors import Citizen
from identity.ekyc import BiometricProof, OtpProof
from identity.uidai.sandbox import SandboxUidai
from migration.eauth import migration_eauth_complete, migration_eauth_request_otp
from migration.models import AadhaarAuthentication
from tests.migration.support import UIDAI_MOBILE, Mig
from tests.uidai.support import otp_sent_to, resident, wrong


def test_the_otp_goes_to_the_aadhaar_mobile_and_authenticates(mig: Mig) -> None:
    txn = migration_eauth_request_otp(citizen=mig.citizen)
    done = migration_eauth_complete(
        citizen=mig.citizen, proof=OtpProof(txn=txn, otp=otp_sent_to(UIDAI_MOBILE))
    )
    assert done.member_id == mig.citizen.member_id and done.method == "otp"
    # the number was revealed from the vault for the purpose, audited
    assert AuditEvent.objects.filter(
        event_type="aadhaar.revealed", changes__purpose=[None, "migration e-auth"]
    ).exists()


def test_a_wrong_otp_is_refused_and_nothing_is_kept(mig: Mig) -> None:
    txn = migration_eauth_request_otp(citizen=mig.citizen)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        migration_eauth_complete(
            citizen=mig.citizen, proof=OtpProof(txn=txn, otp=wrong(otp_sent_to(UIDAI_MOBILE)))
        )
    assert "not correct" in caught.value.message_dict["otp"][0]
    assert not AadhaarAuthentication.objects.exists()


def test_biometric_authentication(mig: Mig) -> None:
    capture = SandboxUidai.enrolled_capture(resident("Ramesh Kumar").aadhaar, "finger")
    done = migration_eauth_complete(
        citizen=mig.citizen, proof=BiometricProof(modality="finger", capture=capture)
    )
    assert done.method == "biometric"


def test_a_biometric_mismatch_is_refused(mig: Mig) -> None:
    with pytest.raises(ValidationError):
        migration_eauth_complete(
            citizen=mig.citizen, proof=BiometricProof(modality="finger", capture=b"not me")
        )
    assert not AadhaarAuthentication.objects.exists()


def test_a_member_without_ekyc_cannot_authenticate(mig: Mig) -> None:
    other = mig.world.family_b1
    citizen = Citizen(family_id=other.family_id, member_id=other.members.get().member_id)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        migration_eauth_request_otp(citizen=citizen)
    assert "e-KYC" in caught.value.messages[0]
