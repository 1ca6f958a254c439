"""Small helpers for the officials tests: what was saved, and what an SMS says."""

import re
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from officials.models import Official
from sms.models import SmsMessage

PERSONAS = ("alice", "bob", "carol", "dave", "erin", "frank", "sam")


def saved_counts() -> dict[str, int]:
    """How many officials, SMS and audit rows exist: compare before and after a refused write."""
    return {
        "officials": Official.objects.count(),
        "sms": SmsMessage.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def only_sms(mobile: str, kind: str) -> SmsMessage:
    """The one SMS of this kind sent to the mobile (fails if there are none or several)."""
    return SmsMessage.objects.get(mobile=mobile, kind=kind)


def password_in(text: str, official: Official) -> str:
    """The password an SMS gives, found by trying each 12-character word as the password, so that
    the test does not depend on the wording (or the language) of the message."""
    words = [
        w
        for w in re.findall(r"(?<![A-Za-z0-9])[A-Za-z0-9]{12}(?![A-Za-z0-9])", text)
        if official.check_password(w)
    ]
    assert len(words) == 1, f"no working password in {text!r}"
    return words[0]


def otp_in(text: str) -> str:
    codes = re.findall(r"(?<!\d)\d{6}(?!\d)", text)
    assert len(codes) == 1, f"expected one 6-digit code in {text!r}"
    return codes[0]


def english_client() -> Client:
    """A browser that asked for English pages (messages are then easy to read in asserts)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def sign_in(client: Client, user_id: str, password: str, next_url: str = "") -> HttpResponse:
    url = reverse("officials:login") + (f"?next={quote(next_url)}" if next_url else "")
    return client.post(url, {"user_id": user_id, "password": password})


def signed_in_pk(client: Client) -> str | None:
    return client.session.get("_auth_user_id")
