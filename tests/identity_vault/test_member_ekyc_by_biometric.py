"""An official e-KYCs a member with a fingerprint or iris capture."""

import pytest
from django.core.exceptions import ValidationError

from identity.ekyc import BiometricProof, member_ekyc_complete
from identity.models import AadhaarVaultEntry, EkycMethod, MemberEkyc
from identity.uidai.sandbox import SandboxUidai
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db


def _proof(person, modality="finger") -> BiometricProof:
    return BiometricProof(modality, SandboxUidai.enrolled_capture(person.aadhaar, modality))


@pytest.mark.parametrize("modality", ["finger", "iris"])
def test_a_matching_capture_verifies_the_member(world, modality):
    ramesh = resident("Ramesh Kumar")
    member = member_like(world.family_a1, ramesh)

    ekyc = member_ekyc_complete(
        actor=world.alice, member=member, aadhaar=ramesh.aadhaar, proof=_proof(ramesh, modality)
    )

    assert (ekyc.method, ekyc.verified_by, ekyc.uidai_txn) == (
        EkycMethod.BIOMETRIC,
        world.alice,
        "",
    )
    assert ekyc.vault_entry.last4 == ramesh.aadhaar[-4:]


@pytest.mark.parametrize(
    ("name", "code"), [("Mohan Singh", "uidai_330"), ("Kamla Bai", "uidai_300")]
)
def test_a_refused_capture_is_a_clear_error_and_stores_nothing(world, name, code):
    person = resident(name)
    member = member_like(world.family_a1, person)

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice, member=member, aadhaar=person.aadhaar, proof=_proof(person)
        )

    assert caught.value.error_dict["biometric"][0].code == code
    assert not MemberEkyc.objects.exists()
    assert not AadhaarVaultEntry.objects.exists()
