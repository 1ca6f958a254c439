"""OTP caps cannot be turned against the owner, and say so truthfully when they are reached.

Three doors send an OTP for identifiers someone types: citizen sign-in (Family ID + Member ID),
following a migration request (its number) and an official's forgotten password (user ID).
Each counts requests per client and identifiers (the owner's own allowance, which other clients
do not spend) and per identifiers from every client (a hard cap), for real and unknown
identifiers alike, so that a cap tells nothing about whether they exist."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import OtpChallenge
from migration.models import MigrationRequest, MigrationType
from registry.models import Member
from sms.models import SmsKind, SmsMessage
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.django_db
CAPPED = "Too many codes have been requested for these details. Try again after {time} or visit the office."
MOBILE = "9876543210"


@dataclass(frozen=True)
class Door:
    name: str
    ask_url: str
    verify_url: str
    real: dict[str, str]
    unknown: dict[str, str]
    verify_field: str
    landing: str  # where the right code leads


def _citizen_door(member: Member) -> Door:
    return Door(
        name="citizen sign-in",
        ask_url=reverse("identity:citizen_sign_in"),
        verify_url=reverse("identity:citizen_sign_in_verify"),
        real={"family_id": member.family.family_id, "member_id": member.member_id},
        unknown={"family_id": "12345678", "member_id": "123456789"},
        verify_field="code",
        landing=reverse("identity:citizen_family"),
    )


def _migration_door(member: Member, world: World) -> Door:
    request = MigrationRequest.objects.create(
        number="MIG-2026-CAPS2345",
        family=member.family,
        requested_by_member_id=member.member_id,
        type=MigrationType.WITHIN_LOCAL_BODY,
        from_area=world.a1,
        to_area=world.b1,
        locality="Shivaji Nagar",
        pin_code="462016",
        auth_method="otp",
        auth_txn="SBXcaps",
        auth_at=timezone.now(),
    )
    return Door(
        name="migration status",
        ask_url=reverse("migration:status"),
        verify_url=reverse("migration:status_verify"),
        real={"number": request.number},
        unknown={"number": "MIG-2026-NOPE2345"},
        verify_field="code",
        landing=reverse("migration:status_detail", args=[request.number]),
    )


def _official_door(world: World) -> Door:
    return Door(
        name="password reset",
        ask_url=reverse("officials:password_reset"),
        verify_url=reverse("officials:password_reset_verify"),
        real={"user_id": world.alice.user_id},
        unknown={"user_id": "no-such-official"},
        verify_field="otp-code",
        landing=reverse("officials:login"),
    )


@pytest.fixture(params=["citizen", "migration", "official"])
def door(request: pytest.FixtureRequest, world: World) -> tuple[Door, str]:
    """A door and the mobile its real identifiers send codes to."""
    if request.param == "official":
        return _official_door(world), world.alice.mobile
    member = ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    if request.param == "citizen":
        return _citizen_door(member), MOBILE
    return _migration_door(member, world), MOBILE


def browser(address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def ask(client: Client, door: Door, data: dict[str, str]) -> tuple[bool, str]:
    """(did the page say the code was sent?, the error shown otherwise)."""
    response = client.post(door.ask_url, data)
    if response.status_code == 302:
        assert response["Location"] == door.verify_url
        return True, ""
    return False, " ".join(response.context["form"].non_field_errors())


def past_the_resend_wait() -> None:
    """Every request so far moved back past the resend wait, staying within the hour."""
    OtpChallenge.objects.update(
        created_at=timezone.now() - timedelta(seconds=settings.OTP_RESEND_SECONDS + 1)
    )


def enter(client: Client, door: Door, code: str) -> str:
    data = {door.verify_field: code}
    if door.name == "password reset":
        data.update(
            {"pw-new_password1": "Narmada-Valley-1987", "pw-new_password2": "Narmada-Valley-1987"}
        )
    response = client.post(door.verify_url, data)
    return response.get("Location", "")


def test_other_clients_cannot_spend_the_owners_allowance(door: tuple[Door, str]) -> None:
    the_door, mobile = door
    # given an attacker who asks for the owner's identifiers from many clients
    for n in range(settings.OTP_HOURLY_CAP_PER_REQUESTER + 1):
        past_the_resend_wait()
        ask(browser(f"203.0.113.{n}"), the_door, the_door.real)
    sent_before = SmsMessage.objects.filter(mobile=mobile, kind=SmsKind.OTP).count()
    past_the_resend_wait()

    # when the owner asks from their own phone
    owner = browser("192.0.2.10")
    sent, _error = ask(owner, the_door, the_door.real)

    # then a code is really sent, and it works
    assert sent
    assert SmsMessage.objects.filter(mobile=mobile, kind=SmsKind.OTP).count() == sent_before + 1
    assert enter(owner, the_door, otp_sent_to(mobile)) == the_door.landing


def test_reaching_the_cap_is_told_truthfully(door: tuple[Door, str]) -> None:
    the_door, _mobile = door
    client = browser("203.0.113.20")
    for _ in range(settings.OTP_HOURLY_CAP_PER_REQUESTER):
        past_the_resend_wait()
        assert ask(client, the_door, the_door.real)[0]
    sms_before = SmsMessage.objects.count()
    first = OtpChallenge.objects.order_by("created_at").first()
    assert first is not None
    past_the_resend_wait()

    sent, error = ask(client, the_door, the_door.real)

    assert not sent  # the page does not pretend a code was sent
    until = timezone.localtime(first.created_at + timedelta(hours=1))
    assert error == CAPPED.format(time=until.strftime("%H:%M"))
    assert SmsMessage.objects.count() == sms_before


def test_real_and_unknown_identifiers_are_capped_at_the_same_count(door: tuple[Door, str]) -> None:
    the_door, _mobile = door
    answers: dict[str, list[tuple[bool, str]]] = {"real": [], "unknown": []}
    for kind, data in (("real", the_door.real), ("unknown", the_door.unknown)):
        client = browser(f"203.0.113.{30 if kind == 'real' else 31}")
        for _ in range(settings.OTP_HOURLY_CAP_PER_REQUESTER + 2):
            past_the_resend_wait()
            answers[kind].append(ask(client, the_door, data))

    assert [sent for sent, _e in answers["real"]] == [sent for sent, _e in answers["unknown"]]
    assert [e.split(" after ")[0] for _s, e in answers["real"]] == [
        e.split(" after ")[0] for _s, e in answers["unknown"]
    ]
    assert answers["real"][-1][1].startswith("Too many codes have been requested")


def test_a_repeat_within_the_wait_is_told_the_same_for_real_and_unknown(
    door: tuple[Door, str],
) -> None:
    the_door, _mobile = door
    replies = []
    for n, data in enumerate((the_door.real, the_door.unknown)):
        client = browser(f"203.0.113.{40 + n}")
        ask(client, the_door, data)
        replies.append(ask(client, the_door, data))

    assert replies[0] == replies[1]
    assert not replies[0][0]
    assert "a moment ago" in replies[0][1]


def test_the_hard_cap_counts_every_client_for_real_and_unknown_alike(
    door: tuple[Door, str], settings: object
) -> None:
    the_door, _mobile = door
    settings.OTP_HOURLY_CAP_PER_IDENTIFIERS = 4  # type: ignore[attr-defined]
    outcomes = {}
    for kind, data in (("real", the_door.real), ("unknown", the_door.unknown)):
        for n in range(4):
            past_the_resend_wait()
            assert ask(browser(f"198.51.100.{n}"), the_door, data)[0], (kind, n)
        past_the_resend_wait()
        outcomes[kind] = ask(browser("192.0.2.77"), the_door, data)

    assert not outcomes["real"][0] and not outcomes["unknown"][0]
    # the same words (the time in them is when each one's first request leaves the hour)
    assert outcomes["real"][1].split(" after ")[0] == outcomes["unknown"][1].split(" after ")[0]
    assert outcomes["real"][1].startswith("Too many codes have been requested")


def test_an_unknown_pair_is_given_the_same_work_as_a_real_one(world: World) -> None:
    """The timing is equalised by doing the same work: an unknown pair's challenge carries an
    OTP hash too (of a code nobody is told), so that it costs the same to make."""
    member = ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    the_door = _citizen_door(member)
    ask(browser("203.0.113.90"), the_door, the_door.real)
    ask(browser("203.0.113.91"), the_door, the_door.unknown)

    real, unknown = OtpChallenge.objects.order_by("id")
    assert len(real.code_hash) == len(unknown.code_hash) == 64
    assert unknown.mobile == "" and unknown.subject == ""
