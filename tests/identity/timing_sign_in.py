"""How long asking for an OTP takes for real and for unknown identifiers, at each door that
sends one for typed identifiers (citizen sign-in, following a migration request, an official's
forgotten password).

Not collected with the suite (the name lacks ``test_``); run it on its own:

    SAMAGRA_DEBUG=1 uv run pytest -q -s tests/identity/timing_sign_in.py -p no:cacheprovider

(with DATABASE_URL=postgres://… for PostgreSQL). It posts each form many times, alternating real
and unknown identifiers, each from a fresh client address (so that no cap is reached), with the
production task queue (the database queue, as on a server), and prints the median time of each
and their ratio. A ratio near 1 means the time tells nothing."""

import statistics
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import OtpChallenge
from migration.models import MigrationRequest, MigrationType
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World

pytestmark = pytest.mark.django_db
ROUNDS = 300


@pytest.fixture
def database_task_queue(settings: object, tasks_run_at_once: None) -> None:
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sms"]}
    }


def _post(url: str, data: dict[str, str], address: str) -> float:
    client = Client(REMOTE_ADDR=address)
    started = time.perf_counter()
    response = client.post(url, data)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.content.decode()[:300]
    return elapsed


def _measure(name: str, url: str, real: dict[str, str], unknown: dict[str, str]) -> float:
    for n in range(20):  # warm up both paths
        _post(url, real, f"10.9.{n}.1")
        _post(url, unknown, f"10.9.{n}.2")
    times: dict[str, list[float]] = {"real": [], "unknown": []}
    for n in range(ROUNDS):
        OtpChallenge.objects.all().delete()  # no earlier request within the resend wait
        times["real"].append(_post(url, real, f"10.{n // 250}.{n % 250}.1"))
        times["unknown"].append(_post(url, unknown, f"10.{n // 250}.{n % 250}.2"))
    real_ms = statistics.median(times["real"]) * 1000
    unknown_ms = statistics.median(times["unknown"]) * 1000
    print(
        f"\n{name}, median of {ROUNDS}: real {real_ms:.2f} ms, unknown {unknown_ms:.2f} ms, "
        f"ratio {real_ms / unknown_ms:.2f}"
    )
    return real_ms / unknown_ms


def test_measure(world: World, database_task_queue: None) -> None:
    member = ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")
    _measure(
        "citizen sign-in",
        reverse("identity:citizen_sign_in"),
        {"family_id": member.family.family_id, "member_id": member.member_id},
        {"family_id": "12345678", "member_id": "123456789"},
    )
    request = MigrationRequest.objects.create(
        number="MIG-2026-TIME2345",
        family=member.family,
        requested_by_member_id=member.member_id,
        type=MigrationType.WITHIN_LOCAL_BODY,
        from_area=world.a1,
        to_area=world.b1,
        locality="Shivaji Nagar",
        pin_code="462016",
        auth_method="otp",
        auth_txn="SBXtime",
        auth_at=timezone.now(),
    )
    _measure(
        "migration status",
        reverse("migration:status"),
        {"number": request.number},
        {"number": "MIG-2026-NOPE2345"},
    )
    _measure(
        "official password reset",
        reverse("officials:password_reset"),
        {"user_id": world.alice.user_id},
        {"user_id": "no-such-official"},
    )
