"""The request that asks for an OTP writes the challenge and a task, the same for real and
unknown identifiers; the worker draws the code and writes the SMS. So the asker's wait tells
nothing (tests/identity/timing_sign_in.py measures it), and no code travels in the task."""

from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from identity.models import OtpChallenge
from identity.otp import otp_send, otp_verify
from sms.models import SmsMessage
from tests.identity.support import MOBILE, PURPOSE, code_sent_to, issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_task_queue(settings: Any, tasks_run_at_once: None) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }


def run_otp_tasks() -> None:
    """What the worker does with the queued OTP tasks."""
    for row in DBTaskResult.objects.filter(task_path="identity.tasks.otp_send_task"):
        challenge_id, purpose_text, language = row.args_kwargs["args"]
        otp_send(challenge_id=challenge_id, purpose_text=purpose_text, language=language)


def test_the_request_writes_the_same_for_a_real_and_an_unknown_subject() -> None:
    issue()
    issue(mobile="", subject="", asked_for="nobody")

    assert not SmsMessage.objects.exists()
    assert DBTaskResult.objects.filter(task_path="identity.tasks.otp_send_task").count() == 2
    assert set(OtpChallenge.objects.values_list("code_hash", flat=True)) == {""}


def test_no_code_is_in_the_task() -> None:
    issue()
    run_otp_tasks()

    code = code_sent_to()
    task = DBTaskResult.objects.get(task_path="identity.tasks.otp_send_task")
    assert code not in str(task.args_kwargs)


def test_the_worker_sends_a_code_that_opens_the_challenge() -> None:
    challenge = issue()

    run_otp_tasks()

    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 1
    assert otp_verify(token=challenge.token, purpose=PURPOSE, code=code_sent_to()).pk == (
        challenge.pk
    )


def test_a_task_run_twice_sends_one_code() -> None:
    issue()

    run_otp_tasks()
    run_otp_tasks()

    assert SmsMessage.objects.filter(mobile=MOBILE).count() == 1


def test_an_unknown_subjects_challenge_gets_a_hash_and_no_sms() -> None:
    issue(mobile="", subject="", asked_for="nobody")

    run_otp_tasks()

    assert not SmsMessage.objects.exists()
    assert len(OtpChallenge.objects.get().code_hash) == 64
