"""UIDAI's data disagrees with the register: the differences come back, nothing changes."""

from datetime import date

import pytest

from audit.models import AuditEvent
from identity.ekyc import BiometricProof, EkycMismatch, member_ekyc_complete
from identity.models import AadhaarVaultEntry, MemberEkyc
from identity.uidai.sandbox import SandboxUidai
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")
PROOF = BiometricProof("finger", SandboxUidai.enrolled_capture(RAMESH.aadhaar, "finger"))


def test_a_different_person_is_refused_with_the_differences(world):
    member = member_like(
        world.family_a1,
        RAMESH,
        name_en="Rakesh Kumar",
        name_hi="राकेश कुमार",
        date_of_birth=date(1980, 1, 1),
    )

    with pytest.raises(EkycMismatch) as caught:
        member_ekyc_complete(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar, proof=PROOF)

    assert caught.value.code == "ekyc_mismatch"
    assert [d.field for d in caught.value.comparison.differences] == ["name", "birth"]
    assert not MemberEkyc.objects.exists()
    assert not AadhaarVaultEntry.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_gender_difference_alone_is_enough_to_refuse(world):
    member = member_like(world.family_a1, RAMESH, gender="F")

    with pytest.raises(EkycMismatch) as caught:
        member_ekyc_complete(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar, proof=PROOF)

    assert [d.field for d in caught.value.comparison.differences] == ["gender"]
    assert not MemberEkyc.objects.exists()
