"""Citizen sign-in: Family ID + Member ID → OTP to the linked mobile → a session of one family."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from identity.citizen import SESSION_KEY, citizen_sign_in_start
from identity.models import OtpChallenge
from registry.models import Member
from sms.models import SmsMessage
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.uidai.support import otp_sent_to, wrong

pytestmark = pytest.mark.django_db
MOBILE = "9876543210"


@pytest.fixture
def member(world: World) -> Member:
    return ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)


def ask(client: Client, family_id: str, member_id: str, next_url: str = "") -> str:
    response = client.post(
        reverse("identity:citizen_sign_in"),
        {"family_id": family_id, "member_id": member_id, "next": next_url},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == reverse("identity:citizen_sign_in_verify")
    return client.get(response["Location"]).content.decode()


def enter(client: Client, code: str) -> object:
    return client.post(reverse("identity:citizen_sign_in_verify"), {"code": code})


def test_the_right_otp_opens_the_members_family_and_nothing_else(member: Member) -> None:
    client = Client()
    page = ask(client, member.family.family_id, member.member_id)
    # the mobile is shown masked, and the OTP goes to it
    assert "******3210" in page and MOBILE not in page
    response = enter(client, otp_sent_to(MOBILE))
    assert response.status_code == 302
    assert response["Location"] == reverse("identity:citizen_family")
    family_page = client.get(response["Location"]).content.decode()
    assert member.member_id in family_page
    assert client.session[SESSION_KEY]["family_id"] == member.family.family_id


def test_unknown_ids_get_the_same_answer_and_no_sms(world: World, member: Member) -> None:
    other = world.family_b1.members.get()  # exists, but has no e-KYC and no linked mobile
    pages = []
    for family_id, member_id in [
        (world.family_b1.family_id, other.member_id),
        ("12345678", "123456789"),
        (member.family.family_id, other.member_id),  # a member of another family
    ]:
        page = ask(Client(), family_id, member_id)
        pages.append(page)
        assert "******" in page
    assert not SmsMessage.objects.exists()
    # the decoy mobile stays the same for the same IDs, so asking twice (from another phone:
    # the same one must wait, as for real IDs) reveals nothing
    again = ask(Client(REMOTE_ADDR="192.0.2.44"), "12345678", "123456789")
    assert _masked(again) == _masked(pages[1])


def _masked(page: str) -> str:
    start = page.index("******")
    return page[start : start + 10]


def test_no_code_opens_an_unknown_members_challenge(world: World) -> None:
    client = Client()
    ask(client, "12345678", "123456789")
    for code in ("000000", "123456", "999999"):
        response = enter(client, code)
        assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_wrong_otp_is_refused_in_the_users_language(member: Member) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    ask(client, member.family.family_id, member.member_id)
    response = enter(client, wrong(otp_sent_to(MOBILE)))
    assert "The OTP is not correct." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_otp_cannot_be_used_twice(member: Member) -> None:
    client = Client()
    ask(client, member.family.family_id, member.member_id)
    code = otp_sent_to(MOBILE)
    enter(client, code)
    client.post(reverse("identity:citizen_sign_out"))
    assert SESSION_KEY not in client.session
    # the same code again, in the same browser
    response = enter(client, code)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_a_thousand_guesses_cannot_get_in(member: Member) -> None:
    """The challenge dies after a few wrong tries and new ones are capped per hour, so a
    brute-force run against the sign-in never succeeds: the cap stops new challenges after the
    fifth, and a thousand guesses (forty times what five challenges take) go on long after it."""
    client = Client()
    real_codes = []
    signed_in = False
    for guess in range(1_000):
        if guess % 5 == 0:
            client.post(
                reverse("identity:citizen_sign_in"),
                {"family_id": member.family.family_id, "member_id": member.member_id},
            )
            if SmsMessage.objects.filter(mobile=MOBILE).count() > len(real_codes):
                real_codes.append(otp_sent_to(MOBILE))
        code = f"{guess:06d}"
        if code in real_codes:
            continue  # the attacker does not read the victim's SMS
        enter(client, code)
        if SESSION_KEY in client.session:
            signed_in = True
            break
    assert not signed_in
    assert len(real_codes) <= 5  # the hourly cap per client and IDs


def test_the_session_ends_after_its_time(member: Member, settings: object) -> None:
    client = Client()
    ask(client, member.family.family_id, member.member_id)
    enter(client, otp_sent_to(MOBILE))
    session = client.session
    session[SESSION_KEY]["expires"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    session.save()
    response = client.get(reverse("identity:citizen_family"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:citizen_sign_in"))


def test_signing_in_goes_on_to_the_page_that_asked_for_it(member: Member) -> None:
    client = Client()
    ask(client, member.family.family_id, member.member_id, next_url="/citizen/family/?x=1")
    response = enter(client, otp_sent_to(MOBILE))
    assert response["Location"] == "/citizen/family/?x=1"


def test_an_outside_next_address_is_ignored(member: Member) -> None:
    client = Client()
    ask(client, member.family.family_id, member.member_id, next_url="https://evil.example/")
    response = enter(client, otp_sent_to(MOBILE))
    assert response["Location"] == reverse("identity:citizen_family")


def test_a_link_removed_after_the_otp_voids_it(member: Member) -> None:
    with override("en"):
        challenge = citizen_sign_in_start(
            family_id=member.family.family_id,
            member_id=member.member_id,
            client="10.0.0.1",
            language="en",
        )
    member.mobile_link.delete()
    client = Client()
    session = client.session
    session["samagra_citizen_sign_in"] = {
        "token": challenge.token,
        "masked_mobile": "x",
        "next": "",
    }
    session.save()
    client.cookies["sessionid"] = session.session_key
    enter(client, otp_sent_to(MOBILE))
    assert SESSION_KEY not in client.session
    assert OtpChallenge.objects.get(token=challenge.token).used_at is not None
