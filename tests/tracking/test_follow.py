"""Every request traceable (issue 18, item 3): the public status page opens an application, a
change request, a migration request or a grievance by its number and an OTP to the family's
mobile; a signed-in family sees all its requests on one page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db.models import F
from django.test import Client

from grievances.services import grievance_file
from identity.models import OtpChallenge
from registration.models import Application
from registration.self_application import self_application_file, self_application_send_back
from registration.verification import application_return_for_correction
from tests.conftest import World
from tests.identity_pages.support import citizen_client
from tests.registration import builders
from tracking.requests import find, of_family

OTHER = "9123456780"


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def _client() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _open(client: Client, number: str, mobile: str) -> str:
    """The page the OTP opens, or "" when no code can open one."""
    from sms.models import SmsKind, SmsMessage

    before = SmsMessage.objects.filter(kind=SmsKind.OTP).count()
    response = client.post("/status/", {"number": number, "mobile": mobile})
    assert response.status_code == 302, response.content.decode()[:500]
    sent = SmsMessage.objects.filter(kind=SmsKind.OTP, mobile=mobile).order_by("-id").first()
    if sent is None or SmsMessage.objects.filter(kind=SmsKind.OTP).count() == before:
        return ""
    code = re.search(r"\b(\d{6})\b", sent.text).group(1)  # type: ignore[union-attr]
    response = client.post("/status/verify/", {"code": code})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_an_application_is_told_with_its_holder_and_what_to_do(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    application_return_for_correction(
        actor=world.carol, application=application, reason="Wrong PIN code"
    )
    page = _open(_client(), application.number.lower(), builders.HEAD_MOBILE)
    assert "Returned for correction" in page and "Wrong PIN code" in page
    assert world.alice.get_designation_display() in page and world.a1.name in page
    assert "corrects it and sends it again" in page
    for private in ("Suresh", "Nehru Nagar", world.alice.name, world.alice.mobile):
        assert private not in page


def test_a_familys_own_application_is_followed_from_the_mobile_it_proved(world: World) -> None:
    application = self_application_file(
        mobile=OTHER,
        address=builders.address(world.a1),
        members=[builders.head(mobile="")],
        language="en",
    )
    page = _open(_client(), application.number, OTHER)
    assert "Received" in page and "papers ready" in page
    self_application_send_back(actor=world.alice, application=application, reason="Other ward")
    OtpChallenge.objects.update(created_at=F("created_at") - timedelta(minutes=5))
    page = _open(_client(), application.number, OTHER)
    assert "Returned to the family" in page and "Other ward" in page and "apply again" in page


def test_a_grievance_and_a_change_are_followed_alike(world: World) -> None:
    head = world.family_a1.members.get()
    head.mobile = OTHER
    head.save()
    from identity.actors import Citizen

    grievance = grievance_file(
        actor=Citizen(family_id=world.family_a1.family_id, member_id=head.member_id),
        family=world.family_a1,
        category="no_action",
        description="Nobody answered",
    )
    page = _open(_client(), grievance.number, OTHER)
    assert grievance.number in page and "Grievance" in page and "must answer" in page


def test_a_wrong_mobile_a_wrong_number_and_a_draft_send_no_code(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    draft = builders.draft(world.alice, world.a1)
    client = _client()
    assert _open(client, application.number, OTHER) == ""
    assert _open(client, "APP-2026-AAAAAAAA", builders.HEAD_MOBILE) == ""
    assert _open(client, draft.number, builders.HEAD_MOBILE) == ""
    # the answer is the same page whatever was wrong: "an OTP has been sent to ******6780"
    page = client.get("/status/verify/").content.decode()
    assert "******" in page


def test_a_page_is_open_only_to_the_session_that_gave_its_otp(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    assert _open(_client(), application.number, builders.HEAD_MOBILE)
    stranger = _client().get(f"/status/{application.number}/")
    assert stranger.status_code == 302 and stranger["Location"] == "/status/"


def test_a_code_opens_once(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = _client()
    client.post("/status/", {"number": application.number, "mobile": builders.HEAD_MOBILE})
    from tests.uidai.support import otp_sent_to

    code = otp_sent_to(builders.HEAD_MOBILE)
    assert client.post("/status/verify/", {"code": code}).status_code == 302
    # the old code no longer opens anything, in this session or with its token again
    again = client.post("/status/verify/", {"code": code})
    assert again.status_code == 302 and again["Location"] == "/status/"
    from identity.otp import OtpError
    from tracking.follow import follow_verify

    token = OtpChallenge.objects.latest("id").token
    with pytest.raises(OtpError):
        follow_verify(token=token, code=code)


def test_lookups_are_limited_per_client(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.STATUS_LOOKUPS_PER_HOUR = 3
    application = builders.submitted(world.alice, world.a1)
    client = _client()
    for _ in range(3):
        client.post("/status/", {"number": "APP-2026-AAAAAAAA", "mobile": OTHER})
    response = client.post(
        "/status/", {"number": application.number, "mobile": builders.HEAD_MOBILE}
    )
    assert response.status_code == 429
    other = _client().post(
        "/status/",
        {"number": application.number, "mobile": builders.HEAD_MOBILE},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_a_signed_in_family_sees_all_its_requests(world: World) -> None:
    head = world.family_a1.members.get()
    from identity.actors import Citizen

    grievance = grievance_file(
        actor=Citizen(family_id=world.family_a1.family_id, member_id=head.member_id),
        family=world.family_a1,
        category="no_action",
        description="Nobody answered",
    )
    elsewhere = grievance_file(
        actor=world.bob, family=world.family_b1, category="no_action", description="Elsewhere"
    )
    numbers = [t.number for t in of_family(world.family_a1)]
    assert numbers == [grievance.number]
    client = citizen_client(world.family_a1, head)
    page = client.get("/citizen/requests/").content.decode()
    assert grievance.number in page and elsewhere.number not in page
    assert find("XYZ123") is None and not Application.objects.exists()
