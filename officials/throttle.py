"""How fast an official's password may be guessed, without ever locking the owner out.

Three counts of failed sign-ins over the last LOGIN_WINDOW_MINUTES, all kept in LoginFailure:

* per account and client address: LOGIN_FREE_FAILURES free, then a wait that starts at
  LOGIN_DELAY_SECONDS and doubles with each further failure (up to LOGIN_MAX_DELAY_SECONDS);
* per account across clients: past LOGIN_ACCOUNT_MAX_FAILURES, every client that failed on the
  account waits until the count falls back; a client that has not failed still signs in (the
  owner at their own desk), and the official is sent a code that lifts the wait (services);
* per client across accounts (LOGIN_MAX_FAILURES_PER_CLIENT): one device guessing many accounts.

An attempt made while a wait runs is refused without checking the password, and is not counted.
Accounts are counted by a keyed hash of the user ID as typed, so an unknown user ID is slowed
exactly as a real one is. Two attempts at the same moment may both be let through before either
is counted: the waits bound guessing, they are not a lock, and no row lock is worth that here.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from officials.models import LoginFailure


def account_key(user_id: str) -> str:
    """The key failures of a user ID are counted under (typed or real, the same)."""
    normalised = user_id.strip().lower()
    return salted_hmac("samagra.sign_in.account", normalised, algorithm="sha256").hexdigest()


def _window_start(now: datetime) -> datetime:
    return now - timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)


def _until_below(failures: QuerySet[LoginFailure], count: int, limit: int, now: datetime) -> float:
    """Seconds until ``count`` failures (at least ``limit``) fall below ``limit`` as the oldest
    leave the window."""
    leaving = failures.order_by("at").values_list("at", flat=True)[count - limit]
    return (leaving + timedelta(minutes=settings.LOGIN_WINDOW_MINUTES) - now).total_seconds()


def _pair_wait(account: str, client: str, now: datetime) -> float:
    pair = LoginFailure.objects.filter(
        account=account, client_address=client, forgiven=False, at__gte=_window_start(now)
    ).aggregate(count=Count("id"), last=Max("at"))
    beyond = pair["count"] - settings.LOGIN_FREE_FAILURES
    if beyond < 0:
        return 0.0
    delay = min(settings.LOGIN_DELAY_SECONDS * 2**beyond, settings.LOGIN_MAX_DELAY_SECONDS)
    return (pair["last"] + timedelta(seconds=delay) - now).total_seconds()


def _ceiling_wait(account: str, client: str, now: datetime) -> float:
    failures = LoginFailure.objects.filter(
        account=account, forgiven=False, at__gte=_window_start(now)
    )
    count = failures.count()
    if count < settings.LOGIN_ACCOUNT_MAX_FAILURES:
        return 0.0
    if not failures.filter(client_address=client).exists():
        return 0.0  # a client that has not failed on this account: the owner's, perhaps
    return _until_below(failures, count, settings.LOGIN_ACCOUNT_MAX_FAILURES, now)


def _client_wait(client: str, now: datetime) -> float:
    failures = LoginFailure.objects.filter(client_address=client, at__gte=_window_start(now))
    count = failures.count()
    if count < settings.LOGIN_MAX_FAILURES_PER_CLIENT:
        return 0.0
    return _until_below(failures, count, settings.LOGIN_MAX_FAILURES_PER_CLIENT, now)


def wait_seconds(*, account: str, client: str) -> float:
    """How long this client must wait before trying this account again (0: it may try now)."""
    now = timezone.now()
    return max(
        _pair_wait(account, client, now),
        _ceiling_wait(account, client, now),
        _client_wait(client, now),
        0.0,
    )


def failure_record(*, account: str, client: str) -> int:
    """Count a failed sign-in; the account's failures in the window, this one included."""
    now = timezone.now()
    LoginFailure.objects.create(account=account, client_address=client, at=now)
    return LoginFailure.objects.filter(
        account=account, forgiven=False, at__gte=_window_start(now)
    ).count()


def failures_forgive(*, account: str, client: str | None = None) -> None:
    """Stop holding the account's failures (from one client, or from all) against it."""
    failures = LoginFailure.objects.filter(account=account, forgiven=False)
    if client is not None:
        failures = failures.filter(client_address=client)
    failures.update(forgiven=True)
