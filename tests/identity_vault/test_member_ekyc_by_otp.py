"""An official e-KYCs a member of their area with the Aadhaar OTP."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from identity.actors import Citizen
from identity.ekyc import OtpProof, member_ekyc_complete, member_ekyc_request_otp
from identity.models import EkycMethod, MemberEkyc
from identity.vault import mask, vault_token_for
from sms.models import SmsMessage
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, wrong

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")


def test_the_otp_goes_to_the_mobile_registered_with_aadhaar(world):
    member = member_like(world.family_a1, RAMESH)

    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar)

    assert SmsMessage.objects.get().mobile == RAMESH.mobile
    assert sent.masked_aadhaar == f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}"
    assert sent.vault_token == vault_token_for(RAMESH.aadhaar)
    assert not MemberEkyc.objects.exists()


def test_a_match_marks_the_member_verified_with_the_vault_token(world):
    member = member_like(world.family_a1, RAMESH)
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar)

    ekyc = member_ekyc_complete(
        actor=world.alice,
        member=member,
        vault_token=sent.vault_token,
        proof=OtpProof(txn=sent.txn, otp=otp_sent_to(RAMESH.mobile)),
    )

    ekyc.refresh_from_db()
    assert ekyc.member == member
    assert ekyc.method == EkycMethod.OTP
    assert ekyc.verified_by == world.alice
    assert ekyc.verified_at is not None
    assert ekyc.vault_entry.token == sent.vault_token
    assert ekyc.uidai_txn == sent.txn
    assert ekyc.name_score == 100
    assert mask(ekyc.vault_entry.token) == f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}"


def test_the_verification_is_audited_in_the_members_area(world):
    member = member_like(world.family_a1, RAMESH)
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar)

    member_ekyc_complete(
        actor=world.alice,
        member=member,
        vault_token=sent.vault_token,
        proof=OtpProof(txn=sent.txn, otp=otp_sent_to(RAMESH.mobile)),
    )

    event = AuditEvent.objects.get(event_type="member.ekyc_verified")
    assert (event.actor, event.area, event.subject_id) == (world.alice, world.a1, str(member.pk))
    assert event.changes["method"] == [None, "otp"]
    assert event.changes["aadhaar"] == [None, f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}"]
    # Decrypting the number for UIDAI was audited too, with its purpose.
    revealed = AuditEvent.objects.get(event_type="aadhaar.revealed")
    assert revealed.changes["purpose"] == [None, "member e-KYC with UIDAI"]
    # and the change feed tells it (departments with the e-KYC scope), without the number
    from registry.models import ChangeKind, RegisterChange

    told = RegisterChange.objects.get(kind=ChangeKind.EKYC_DONE)
    assert told.member_id == member.member_id and told.details == {"method": "otp"}


def test_a_wrong_otp_is_a_clear_error_and_changes_nothing(world):
    member = member_like(world.family_a1, RAMESH)
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar)

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice,
            member=member,
            vault_token=sent.vault_token,
            proof=OtpProof(txn=sent.txn, otp=wrong(otp_sent_to(RAMESH.mobile))),
        )

    assert caught.value.error_dict["otp"][0].code == "uidai_400"
    assert not MemberEkyc.objects.exists()
    assert not AuditEvent.objects.filter(event_type="member.ekyc_verified").exists()


def test_the_otp_cannot_be_used_twice(world):
    member = member_like(world.family_a1, RAMESH)
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=RAMESH.aadhaar)
    proof = OtpProof(txn=sent.txn, otp=otp_sent_to(RAMESH.mobile))
    member_ekyc_complete(
        actor=world.alice, member=member, vault_token=sent.vault_token, proof=proof
    )

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice, member=member, vault_token=sent.vault_token, proof=proof
        )

    assert caught.value.error_dict["otp"][0].code == "uidai_400"


def test_an_unknown_vault_token_asks_for_the_number_again(world):
    member = member_like(world.family_a1, RAMESH)

    with pytest.raises(ValidationError) as caught:
        member_ekyc_complete(
            actor=world.alice,
            member=member,
            vault_token="forged",
            proof=OtpProof(txn="x", otp="123456"),
        )

    assert caught.value.error_dict["aadhaar"][0].code == "aadhaar_token_unknown"


def test_the_citizen_can_ekyc_a_member_of_their_own_family(world):
    member = member_like(world.family_a1, RAMESH)
    citizen = Citizen(family_id=world.family_a1.family_id, member_id=member.member_id)
    sent = member_ekyc_request_otp(actor=citizen, member=member, aadhaar=RAMESH.aadhaar)

    ekyc = member_ekyc_complete(
        actor=citizen,
        member=member,
        vault_token=sent.vault_token,
        proof=OtpProof(txn=sent.txn, otp=otp_sent_to(RAMESH.mobile)),
    )

    assert ekyc.verified_by is None
    event = AuditEvent.objects.get(event_type="member.ekyc_verified")
    assert event.actor is None
    assert event.actor_label == f"Citizen (member {member.member_id})"


def test_a_verified_member_can_be_verified_again_with_the_same_aadhaar(world):
    member = member_like(world.family_a1, RAMESH)
    for official in (world.alice, world.carol):
        sent = member_ekyc_request_otp(actor=official, member=member, aadhaar=RAMESH.aadhaar)
        SmsMessage.objects.exclude(pk=SmsMessage.objects.latest("id").pk).delete()
        member_ekyc_complete(
            actor=official,
            member=member,
            vault_token=sent.vault_token,
            proof=OtpProof(txn=sent.txn, otp=otp_sent_to(RAMESH.mobile)),
        )

    assert MemberEkyc.objects.get().verified_by == world.carol
    assert AuditEvent.objects.filter(event_type="member.ekyc_verified").count() == 2
