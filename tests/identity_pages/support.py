"""Helpers for the e-KYC and mobile-link pages: walk them as an official or a citizen would."""

import re

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from identity.actors import Citizen
from identity.uidai.residents import Resident
from identity.uidai.sandbox import SandboxUidai
from officials.models import Official
from registry.models import Family, Member
from tests.conftest import client_for
from tests.security.test_authz_matrix import citizen_login_in
from tests.uidai.support import otp_sent_to

OFFICIAL, CITIZEN = "identity:", "identity:citizen_"


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def official_client(official: Official) -> Client:
    return english(client_for(official))


def citizen_client(family: Family, member: Member | None = None) -> Client:
    client = Client()
    member = member or family.members.first()
    assert member is not None
    citizen_login_in(client, Citizen(family_id=family.family_id, member_id=member.member_id))
    return english(client)


def url(door: str, step: str, member: Member) -> str:
    return reverse(f"{door}{step}", kwargs={"member_id": member.member_id})


def text(response: HttpResponse) -> str:
    return response.content.decode()


def start(
    client: Client, door: str, member: Member, aadhaar: str, method: str = "otp"
) -> HttpResponse:
    return client.post(url(door, "ekyc_start", member), {"aadhaar": aadhaar, "method": method})


def ekyc_by_otp(client: Client, door: str, member: Member, person: Resident) -> HttpResponse:
    """The whole OTP flow with the right code; the final response (followed)."""
    response = start(client, door, member, person.aadhaar)
    assert response.status_code == 302, text(response)[:2000]
    assert response["Location"] == url(door, "ekyc_otp", member)
    return client.post(response["Location"], {"otp": otp_sent_to(person.mobile)}, follow=True)


def ekyc_by_biometric(
    client: Client, door: str, member: Member, person: Resident, device: str = "enrolled"
) -> HttpResponse:
    response = start(client, door, member, person.aadhaar, "biometric")
    assert response.status_code == 302, text(response)[:2000]
    assert response["Location"] == url(door, "ekyc_biometric", member)
    return client.post(
        response["Location"], {"modality": "finger", "sandbox_device": device}, follow=True
    )


def pasted_capture(person: Resident, modality: str = "finger") -> str:
    return SandboxUidai.enrolled_capture(person.aadhaar, modality).decode()  # type: ignore[arg-type]


def link_mobile(client: Client, door: str, member: Member, mobile: str) -> HttpResponse:
    response = client.post(url(door, "mobile_link", member), {"mobile": mobile})
    assert response.status_code == 302, text(response)[:2000]
    return client.post(response["Location"], {"code": otp_sent_to(mobile)}, follow=True)


TWELVE_DIGITS = re.compile(r"(?<![0-9A-Za-z])(\d{4})[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])")
