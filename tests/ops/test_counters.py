"""SMS, OTPs and sign-ins are counted where their outcome is recorded."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.test import Client

from identity.otp import OtpError, OtpRateLimited, otp_issue, otp_verify
from sms.models import SmsKind, SmsMessage
from sms.services import sms_queue
from tests.ops.conftest import Sample
from tests.sms.conftest import FakeGateway, db_task_queue, gateway  # noqa: F401 (fixtures)

Capture = Callable[..., Any]

pytestmark = pytest.mark.django_db


def _reset_sms(mobile: str = "9826012345") -> SmsMessage:
    return sms_queue(
        kind=SmsKind.PASSWORD_RESET,
        mobile=mobile,
        language="hi",
        params={"user_id": "ramesh.k", "password": "Xy7-secret-PW"},
    )


def test_an_sms_sent_counts_as_queued_and_sent_by_kind(
    settings: Any, sample: Sample, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.SMS_GATEWAY = "outbox"
    kind = {"kind": "password_reset"}
    queued = sample("samagra_sms_total", outcome="queued", **kind)
    sent = sample("samagra_sms_total", outcome="sent", **kind)

    with django_capture_on_commit_callbacks(execute=True):
        message = _reset_sms()

    message.refresh_from_db()
    assert message.status == SmsMessage.Status.DELIVERED
    assert sample("samagra_sms_total", outcome="queued", **kind) == queued + 1
    assert sample("samagra_sms_total", outcome="sent", **kind) == sent + 1
    assert sample("samagra_sms_total", outcome="sent", kind="otp") == sample(
        "samagra_sms_total", outcome="sent", kind="otp"
    )


def test_an_sms_the_gateway_refuses_counts_as_failed_once_given_up(
    settings: Any,
    gateway: FakeGateway,  # noqa: F811
    sample: Sample,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given: a gateway that refuses everything, and one attempt allowed
    gateway.status = 500
    settings.SMS_MAX_ATTEMPTS = 1
    failed = sample("samagra_sms_total", kind="password_reset", outcome="failed")
    sent = sample("samagra_sms_total", kind="password_reset", outcome="sent")

    with django_capture_on_commit_callbacks(execute=True):
        message = _reset_sms()

    message.refresh_from_db()
    assert message.status == SmsMessage.Status.FAILED
    assert sample("samagra_sms_total", kind="password_reset", outcome="failed") == failed + 1
    assert sample("samagra_sms_total", kind="password_reset", outcome="sent") == sent


def _issue(client: str = "192.0.2.1") -> Any:
    return otp_issue(
        purpose="test_sign_in",
        purpose_label="a test",
        subject="s-1",
        mobile="9826012345",
        client_address=client,
        language="en",
        asked_for="s-1",
    )


def test_otps_issued_refused_and_failed_are_counted_by_purpose(sample: Sample) -> None:
    purpose = {"purpose": "test_sign_in"}
    issued = sample("samagra_otps_issued_total", **purpose)
    limited = sample("samagra_otps_rate_limited_total", **purpose)
    wrong = sample("samagra_otp_verify_failures_total", reason="wrong", **purpose)

    challenge = _issue()
    with pytest.raises(OtpRateLimited):
        _issue()  # at once again: the resend wait
    with pytest.raises(OtpError):
        otp_verify(token=challenge.token, purpose="test_sign_in", code="000000x")

    assert sample("samagra_otps_issued_total", **purpose) == issued + 1
    assert sample("samagra_otps_rate_limited_total", **purpose) == limited + 1
    assert sample("samagra_otp_verify_failures_total", reason="wrong", **purpose) == wrong + 1


def test_a_failed_official_sign_in_is_counted(world: Any, sample: Sample) -> None:
    before = sample("samagra_sign_in_failures_total", flow="official_password")

    response = Client().post(
        "/login/", {"user_id": world.alice.user_id, "password": "not-her-password"}
    )

    assert response.status_code == 200  # the form again, with the refusal
    assert sample("samagra_sign_in_failures_total", flow="official_password") == before + 1


def test_a_right_password_is_not_counted_as_a_failure(world: Any, sample: Sample) -> None:
    world.alice.set_password("Right-Password-2026")
    world.alice.save()
    before = sample("samagra_sign_in_failures_total", flow="official_password")

    Client().post("/login/", {"user_id": world.alice.user_id, "password": "Right-Password-2026"})

    assert sample("samagra_sign_in_failures_total", flow="official_password") == before


def test_djangos_login_failed_signal_is_counted(sample: Sample) -> None:
    before = sample("samagra_sign_in_failures_total", flow="django")
    assert authenticate(username="nobody", password="nothing") is None
    assert sample("samagra_sign_in_failures_total", flow="django") == before + 1
