"""Linking a member's mobile (OTP to that number), and signing in with it."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from identity.citizen import SESSION_KEY
from identity.models import MobileChange, MobileLink, OtpChallenge
from sms.models import SmsKind, SmsMessage
from tests.citizen.support import ekyc_with_linked_mobile
from tests.identity_pages.support import (
    CITIZEN,
    OFFICIAL,
    citizen_client,
    ekyc_by_otp,
    link_mobile,
    official_client,
    text,
    url,
)
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, wrong

pytestmark = pytest.mark.django_db
RAMESH, SITA = resident("Ramesh Kumar"), resident("Sita Devi")
NEW_MOBILE = "9425012345"


def sign_in(family_id: str, member_id: str, mobile: str) -> Client:
    # a minute later: the mobile-link OTP does not hold back the sign-in OTP (resend wait)
    OtpChallenge.objects.update(created_at=F("created_at") - timedelta(minutes=2))
    client = Client()
    client.post(
        reverse("identity:citizen_sign_in"), {"family_id": family_id, "member_id": member_id}
    )
    client.post(reverse("identity:citizen_sign_in_verify"), {"code": otp_sent_to(mobile)})
    return client


def test_an_official_links_a_mobile_after_e_kyc_and_the_member_can_sign_in(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    ekyc_by_otp(client, OFFICIAL, member, RAMESH)

    done = link_mobile(client, OFFICIAL, member, NEW_MOBILE)

    assert "is now linked" in text(done) and "******2345" in text(done)
    link = MobileLink.objects.get(member=member)
    assert (link.mobile, link.linked_by) == (NEW_MOBILE, world.alice)
    event = AuditEvent.objects.get(event_type="member.mobile_linked")
    change = MobileChange.objects.get(member=member)
    assert event.changes == {"mobile": [None, "******2345"], "mobile_change": [None, change.number]}
    signed_in = sign_in(world.family_a1.family_id, member.member_id, NEW_MOBILE)
    assert signed_in.session[SESSION_KEY]["member_id"] == member.member_id


def test_the_citizen_replaces_a_linked_mobile(world):
    head = ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")
    client = citizen_client(world.family_a1, head)

    # the codes sent to the new number and to the one linked now (tests/identity/
    # test_mobile_change.py: without the old number's code nothing changes)
    verify = client.post(url(CITIZEN, "mobile_link", head), {"mobile": NEW_MOBILE})["Location"]
    client.post(verify, {"code": otp_sent_to(NEW_MOBILE), "old_code": otp_sent_to("9876543210")})

    link = MobileLink.objects.get(member=head)
    assert (link.mobile, link.linked_by) == (NEW_MOBILE, None)
    assert AuditEvent.objects.get(event_type="member.mobile_linked").changes["mobile"] == [
        "******3210",
        "******2345",
    ]
    # the sign-in OTP now goes to the new number; the old one was only told of the change
    signed_in = sign_in(world.family_a1.family_id, head.member_id, NEW_MOBILE)
    assert signed_in.session[SESSION_KEY]["member_id"] == head.member_id
    assert set(SmsMessage.objects.filter(mobile="9876543210").values_list("kind", flat=True)) == {
        SmsKind.OTP,
        SmsKind.CHANGE_APPLIED,
    }


def test_a_wrong_code_links_nothing(world):
    head = ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")
    client = official_client(world.alice)
    verify = client.post(
        url(OFFICIAL, "mobile_link", head), {"mobile": NEW_MOBILE, "reason": "New phone"}
    )["Location"]

    page = text(client.post(verify, {"code": wrong(otp_sent_to(NEW_MOBILE))}))

    assert "The OTP is not correct" in page
    assert MobileLink.objects.get(member=head).mobile == "9876543210"


def test_a_member_without_e_kyc_cannot_link_a_mobile_or_sign_in(world):
    member = member_like(world.family_a1, SITA)
    client = official_client(world.alice)

    page = text(client.get(url(OFFICIAL, "mobile_link", member)))
    response = client.post(url(OFFICIAL, "mobile_link", member), {"mobile": NEW_MOBILE})

    assert "Only a member whose Aadhaar e-KYC is complete" in page
    assert response.status_code == 200 and not SmsMessage.objects.exists()
    # a mobile linked somehow without e-KYC does not sign in either
    MobileLink.objects.create(member=member, mobile=NEW_MOBILE)
    client = Client()
    client.post(
        reverse("identity:citizen_sign_in"),
        {"family_id": world.family_a1.family_id, "member_id": member.member_id},
    )
    assert not SmsMessage.objects.exists()


def test_a_number_that_is_not_an_indian_mobile_is_refused(world):
    head = ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")
    client = official_client(world.alice)
    page = text(client.post(url(OFFICIAL, "mobile_link", head), {"mobile": "12345"}))
    assert "mobile" in page.lower() and not SmsMessage.objects.exists()


def test_the_otp_of_one_member_does_not_link_another(world):
    head = ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")
    client = official_client(world.alice)
    client.post(url(OFFICIAL, "mobile_link", head), {"mobile": NEW_MOBILE, "reason": "New phone"})
    other = member_like(world.family_a1, SITA)
    response = client.post(url(OFFICIAL, "mobile_link_verify", other), {"code": "123456"})
    assert response["Location"] == url(OFFICIAL, "mobile_link", other)
    assert MobileLink.objects.get(member=head).mobile == "9876543210"
