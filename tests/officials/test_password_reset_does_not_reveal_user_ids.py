"""Asking for an OTP answers the same whether or not the user ID exists, so the page cannot be
used to find out who has an account."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import OtpChallenge
from officials.models import Official
from sms.models import SmsKind, SmsMessage
from tests.conftest import World
from tests.officials.support import english_client, only_sms, otp_in

pytestmark = pytest.mark.django_db


def answer(client: Client, user_id: str) -> tuple[int, str, list[str]]:
    response = client.post(reverse("officials:password_reset"), {"user_id": user_id})
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code, response.get("Location", ""), shown


def test_a_known_and_an_unknown_user_id_get_the_same_answer(world: World) -> None:
    known = answer(english_client(), "alice")
    unknown = answer(english_client(), "no-such-official")

    assert known == unknown
    assert known[0] == 302
    assert known[2] == ["If the user ID is registered, an OTP has been sent to its mobile number."]


def test_only_the_known_user_id_gets_an_sms(world: World) -> None:
    answer(english_client(), "alice")
    answer(english_client(), "no-such-official")

    assert list(SmsMessage.objects.values_list("mobile", flat=True)) == [world.alice.mobile]


def test_the_next_page_looks_the_same_for_both(world: World) -> None:
    pages = []
    for user_id in ("alice", "no-such-official"):
        client = english_client()
        answer(client, user_id)
        page = client.get(reverse("officials:password_reset_verify"))
        pages.append(
            (
                page.status_code,
                sorted(page.context["otp_form"].fields),
                sorted(page.context["password_form"].fields),
            )
        )

    assert pages[0] == pages[1]


def test_asking_twice_in_a_row_still_answers_the_same(world: World) -> None:
    # a known mobile has a resend wait; an unknown user ID has none. The answers must not differ.
    known_client, unknown_client = english_client(), english_client()
    answer(known_client, "alice")
    answer(unknown_client, "no-such-official")

    known_again = answer(known_client, "alice")
    unknown_again = answer(unknown_client, "no-such-official")

    assert known_again == unknown_again


def test_asking_past_the_hourly_cap_still_answers_the_same(world: World) -> None:
    answers = {}
    for user_id in ("alice", "no-such-official"):
        client = english_client()
        for _ in range(settings.OTP_HOURLY_CAP_PER_REQUESTER + 1):
            # each time, past the resend wait but within the hour
            OtpChallenge.objects.update(
                created_at=timezone.now() - timedelta(seconds=settings.OTP_RESEND_SECONDS + 1)
            )
            result = answer(client, user_id)
        answers[user_id] = result

    # both are told the cap truthfully (tests/identity/test_otp_caps.py reads the words)
    assert answers["alice"] == answers["no-such-official"]
    assert SmsMessage.objects.filter(kind=SmsKind.OTP).count() == (
        settings.OTP_HOURLY_CAP_PER_REQUESTER
    )


def test_a_known_user_id_gets_a_working_code_after_a_repeat_request(world: World) -> None:
    # given alice asks, then asks again at once (the second SMS is not sent)
    client = english_client()
    answer(client, "alice")
    answer(client, "alice")
    code = otp_in(only_sms(world.alice.mobile, SmsKind.OTP).text)

    # then the code she received still works in her browser
    response = client.post(
        reverse("officials:password_reset_verify"),
        {
            "otp-code": code,
            "pw-new_password1": "Narmada-Valley-1987",
            "pw-new_password2": "Narmada-Valley-1987",
        },
    )

    assert response["Location"] == reverse("officials:login")
    assert Official.objects.get(pk=world.alice.pk).check_password("Narmada-Valley-1987")
