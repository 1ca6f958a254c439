"""One Aadhaar belongs to one member: the same number in two families is caught."""

import pytest
from django.core.exceptions import ValidationError

from identity.ekyc import BiometricProof, member_ekyc_complete, member_ekyc_request_otp
from identity.models import MemberEkyc
from identity.uidai.sandbox import SandboxUidai
from sms.models import SmsMessage
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")


def _proof(person) -> BiometricProof:
    return BiometricProof("finger", SandboxUidai.enrolled_capture(person.aadhaar, "finger"))


def test_an_aadhaar_verified_in_one_family_is_refused_in_another(world):
    first = member_like(world.family_a1, RAMESH)
    member_ekyc_complete(
        actor=world.carol, member=first, aadhaar=RAMESH.aadhaar, proof=_proof(RAMESH)
    )
    second = member_like(world.family_b1, RAMESH)

    with pytest.raises(ValidationError) as caught:
        member_ekyc_request_otp(actor=world.carol, member=second, aadhaar=RAMESH.aadhaar)
    assert caught.value.error_dict["aadhaar"][0].code == "aadhaar_linked"
    assert not SmsMessage.objects.exists()

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.carol, member=second, aadhaar=RAMESH.aadhaar, proof=_proof(RAMESH)
        )
    assert caught.value.error_dict["aadhaar"][0].code == "aadhaar_linked"
    assert MemberEkyc.objects.get().member == first


def test_a_verified_member_keeps_their_aadhaar(world):
    member = member_like(world.family_a1, RAMESH)
    member_ekyc_complete(
        actor=world.alice, member=member, aadhaar=RAMESH.aadhaar, proof=_proof(RAMESH)
    )
    sita = resident("Sita Devi")

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice, member=member, aadhaar=sita.aadhaar, proof=_proof(sita)
        )

    error = caught.value.error_dict["aadhaar"][0]
    assert error.code == "member_has_other_aadhaar"
    assert f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}" in str(error.message)
    assert MemberEkyc.objects.get().vault_entry.last4 == RAMESH.aadhaar[-4:]
