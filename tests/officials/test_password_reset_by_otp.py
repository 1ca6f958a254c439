"""Forgotten password: the user ID, an OTP to the official's mobile, and a new password."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from identity.models import OtpChallenge
from officials.models import Official
from sms.models import SmsKind, SmsMessage
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, only_sms, otp_in, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Narmada-Valley-1987"


def ask_for_otp(client: Client, user_id: str) -> None:
    response = client.post(reverse("officials:password_reset"), {"user_id": user_id})
    assert response.status_code == 302
    assert response["Location"] == reverse("officials:password_reset_verify")


def submit(client: Client, code: str, password: str = NEW_PASSWORD) -> object:
    return client.post(
        reverse("officials:password_reset_verify"),
        {"otp-code": code, "pw-new_password1": password, "pw-new_password2": password},
    )


def challenge_of(client: Client) -> OtpChallenge:
    return OtpChallenge.objects.get(token=client.session["password_reset_token"])


@pytest.fixture
def alice_asked(world: World) -> tuple[Client, str]:
    """Alice asked for an OTP; her browser, and the code from the SMS outbox."""
    client = english_client()
    ask_for_otp(client, "alice")
    return client, otp_in(only_sms(world.alice.mobile, SmsKind.OTP).text)


def test_the_otp_arrives_by_sms_in_the_officials_language(world: World) -> None:
    ask_for_otp(english_client(), "alice")

    sms = only_sms(world.alice.mobile, SmsKind.OTP)
    assert sms.language == world.alice.language
    assert len(otp_in(sms.text)) == 6
    assert otp_in(sms.text) not in sms.redacted_text


def test_the_right_otp_and_a_new_password_let_the_official_sign_in(
    world: World, alice_asked: tuple[Client, str]
) -> None:
    client, code = alice_asked

    response = submit(client, code)

    assert response["Location"] == reverse("officials:login")  # type: ignore[index]
    assert "password_reset_token" not in client.session
    sign_in(client, "alice", PASSWORD)
    assert signed_in_pk(client) is None
    sign_in(client, "alice", NEW_PASSWORD)
    assert signed_in_pk(client) == str(world.alice.pk)
    # the official chose this password, so there is no forced change after it
    assert not Official.objects.get(pk=world.alice.pk).must_change_password


def test_the_otp_cannot_be_used_twice(world: World, alice_asked: tuple[Client, str]) -> None:
    client, code = alice_asked
    token = client.session["password_reset_token"]
    submit(client, code)

    # when someone replays the same token and code
    session = client.session
    session["password_reset_token"] = token
    session.save()
    response = submit(client, code, "Another-Password-2024")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["otp_form"].errors["code"]  # type: ignore[attr-defined]
    assert Official.objects.get(pk=world.alice.pk).check_password(NEW_PASSWORD)


def test_a_wrong_otp_is_refused_and_counted(world: World, alice_asked: tuple[Client, str]) -> None:
    client, code = alice_asked
    wrong = f"{(int(code) + 1) % 10**6:06d}"

    response = submit(client, wrong)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "The OTP is not correct." in response.content.decode()  # type: ignore[attr-defined]
    assert challenge_of(client).attempts == 1
    assert Official.objects.get(pk=world.alice.pk).check_password(PASSWORD)


def test_after_too_many_wrong_otps_the_right_one_fails(
    world: World, alice_asked: tuple[Client, str]
) -> None:
    client, code = alice_asked
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.OTP_MAX_ATTEMPTS):
        submit(client, wrong)

    response = submit(client, code)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["otp_form"].errors["code"]  # type: ignore[attr-defined]
    assert Official.objects.get(pk=world.alice.pk).check_password(PASSWORD)


def test_a_weak_new_password_does_not_use_up_the_otp(
    world: World, alice_asked: tuple[Client, str]
) -> None:
    client, code = alice_asked

    response = submit(client, code, "1234567890")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["password_form"].errors["new_password1"]  # type: ignore[attr-defined]
    challenge = challenge_of(client)
    assert challenge.used_at is None
    assert challenge.attempts == 0
    # and the same OTP then works with a good password
    assert submit(client, code)["Location"] == reverse("officials:login")  # type: ignore[index]
    assert Official.objects.get(pk=world.alice.pk).check_password(NEW_PASSWORD)


def test_a_password_like_the_officials_own_details_does_not_use_up_the_otp(
    world: World, alice_asked: tuple[Client, str], settings: object
) -> None:
    # given the similarity check looks at the official's own user ID and name
    settings.AUTH_PASSWORD_VALIDATORS = [  # type: ignore[attr-defined]
        {
            "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
            "OPTIONS": {"user_attributes": ["user_id", "name"]},
        },
    ]
    client, code = alice_asked

    response = submit(client, code, "AliceAhirwar")

    assert response.context["password_form"].errors["new_password1"]  # type: ignore[attr-defined]
    assert challenge_of(client).used_at is None


def test_the_second_step_without_the_first_goes_back_to_it(world: World) -> None:
    response = english_client().get(reverse("officials:password_reset_verify"))

    assert response.status_code == 302
    assert response["Location"] == reverse("officials:password_reset")


def test_the_otp_of_one_browser_does_not_work_in_another(
    world: World, alice_asked: tuple[Client, str]
) -> None:
    # given an attacker asks for bob and types alice's code in their own session
    _, code = alice_asked
    attacker = english_client()
    ask_for_otp(attacker, "bob")

    submit(attacker, code)

    assert Official.objects.get(pk=world.bob.pk).check_password(PASSWORD)
    assert Official.objects.get(pk=world.alice.pk).check_password(PASSWORD)


def test_no_sms_goes_to_a_deactivated_official(world: World) -> None:
    Official.objects.filter(pk=world.alice.pk).update(is_active=False)

    ask_for_otp(english_client(), "alice")

    assert not SmsMessage.objects.filter(mobile=world.alice.mobile).exists()
