"""Only officials whose jurisdiction holds the member, or the member's own family, may e-KYC."""

import pytest
from django.core.exceptions import PermissionDenied

from identity.actors import Citizen
from identity.ekyc import BiometricProof, member_ekyc_complete, member_ekyc_request_otp
from identity.models import AadhaarVaultEntry, MemberEkyc
from identity.uidai.sandbox import SandboxUidai
from sms.models import SmsMessage
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")
PROOF = BiometricProof("finger", SandboxUidai.enrolled_capture(RAMESH.aadhaar, "finger"))


def _outsiders(world):
    other_family = Citizen(family_id=world.family_b1.family_id, member_id="000000000")
    return [world.bob, world.dave, world.frank, other_family, None]


def test_outsiders_cannot_ask_for_the_otp(world):
    member = member_like(world.family_a1, RAMESH)

    for actor in _outsiders(world):
        with pytest.raises(PermissionDenied):
            member_ekyc_request_otp(actor=actor, member=member, aadhaar=RAMESH.aadhaar)

    assert not SmsMessage.objects.exists()
    assert not AadhaarVaultEntry.objects.exists()


def test_outsiders_cannot_complete_an_ekyc(world):
    member = member_like(world.family_a1, RAMESH)

    for actor in _outsiders(world):
        with pytest.raises(PermissionDenied):
            member_ekyc_complete(actor=actor, member=member, aadhaar=RAMESH.aadhaar, proof=PROOF)

    assert not MemberEkyc.objects.exists()


def test_a_deactivated_official_cannot_ekyc(world):
    member = member_like(world.family_a1, RAMESH)
    world.alice.is_active = False
    world.alice.save()

    with pytest.raises(PermissionDenied):
        member_ekyc_complete(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar, proof=PROOF)


def test_officials_above_the_area_may_ekyc(world):
    for official in (world.carol, world.erin, world.sam):
        member = member_like(world.family_a1, RAMESH)
        MemberEkyc.objects.all().delete()

        ekyc = member_ekyc_complete(
            actor=official, member=member, aadhaar=RAMESH.aadhaar, proof=PROOF
        )

        assert ekyc.verified_by == official
