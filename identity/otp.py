"""The one service for every OTP the portal sends (password reset, citizen sign-in, following a
migration request, linking a mobile, an official's sign-in code). Codes come from `secrets`, are
stored only as a keyed hash, expire, are usable once, die after too many wrong tries, and are
rate-limited per client and identifiers asked for, per identifiers, per mobile and per client
(see _check_caps)."""

import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max, QuerySet
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend

from identity.models import OtpChallenge
from ops import metrics
from sms.models import SmsKind
from sms.services import sms_queue


class OtpError(Exception):
    """A user-facing refusal; str(error) is the message in the active language."""


class OtpRateLimited(OtpError):
    """A wait or a cap was reached. The message is the truth, told to whoever asked, and it is
    safe to tell: requests are counted by the identifiers as typed (real or not), so a cap is
    reached at the same count, with the same words, whether or not they exist."""


# Never an Indian mobile: counted for identifiers that have none, so that an unknown pair costs
# the same queries as a real one (the answer's timing must not tell them apart).
DECOY_MOBILE = "0000000000"


def _hash(token: str, code: str) -> str:
    return salted_hmac("samagra.otp", f"{token}:{code}", algorithm="sha256").hexdigest()


def asked_key(purpose: str, asked_for: str) -> str:
    """What the requests for the same identifiers are counted under (a keyed hash: the table
    keeps no typed IDs)."""
    return salted_hmac(
        "samagra.otp.asked", f"{purpose}:{asked_for}", algorithm="sha256"
    ).hexdigest()


def _leaves_at(requests: QuerySet[OtpChallenge], count: int, cap: int) -> str:
    """When ``count`` requests (at least ``cap``) in the hour fall below ``cap``, as HH:MM."""
    leaving = requests.order_by("created_at").values_list("created_at", flat=True)[count - cap]
    return formats.time_format(timezone.localtime(leaving + timedelta(hours=1)), "H:i")


def _capped(requests: QuerySet[OtpChallenge], count: int, cap: int) -> OtpRateLimited:
    return OtpRateLimited(
        _(
            "Too many codes have been requested for these details. Try again after %(time)s "
            "or visit the office."
        )
        % {"time": _leaves_at(requests, count, cap)}
    )


def _check_caps(*, key: str, mobile: str, client: str, now: datetime) -> None:
    """Raise OtpRateLimited if a wait or a cap stands in the way of one more request.

    The client and these identifiers have their own allowance, which requests from other clients
    do not spend: an attacker asking for a family's IDs elsewhere leaves the family's own phone
    its codes. The hard caps behind it (per identifiers from all clients, per mobile) bound what
    many clients together can send to one phone."""
    recent = OtpChallenge.objects.filter(created_at__gte=now - timedelta(hours=1))
    if client:
        by_client = recent.filter(client_address=client)
        count = by_client.count()
        if count >= settings.OTP_HOURLY_CAP_PER_CLIENT:
            raise OtpRateLimited(
                _("Too many codes have been requested from this device. Try again after %(time)s.")
                % {"time": _leaves_at(by_client, count, settings.OTP_HOURLY_CAP_PER_CLIENT)}
            )
    mine = recent.filter(asked_key=key, client_address=client)
    own = mine.aggregate(count=Count("id"), last=Max("created_at"))
    if own["last"] and (now - own["last"]).total_seconds() < settings.OTP_RESEND_SECONDS:
        raise OtpRateLimited(
            _(
                "A code was sent for these details a moment ago. Wait %(seconds)s seconds "
                "before asking for another."
            )
            % {"seconds": settings.OTP_RESEND_SECONDS}
        )
    if own["count"] >= settings.OTP_HOURLY_CAP_PER_REQUESTER:
        raise _capped(mine, own["count"], settings.OTP_HOURLY_CAP_PER_REQUESTER)
    for requests, cap in (
        (recent.filter(asked_key=key), settings.OTP_HOURLY_CAP_PER_IDENTIFIERS),
        (recent.filter(mobile=mobile or DECOY_MOBILE), settings.OTP_HOURLY_CAP_PER_MOBILE),
    ):
        count = requests.count()
        if count >= cap:
            raise _capped(requests, count, cap)


def otp_issue(
    *,
    purpose: str,
    purpose_label: str | Promise,
    subject: str,
    mobile: str,
    client_address: str,
    language: str,
    asked_for: str,
) -> OtpChallenge:
    """Create a challenge whose code the worker draws and SMSes (otp_send). With no mobile
    (unknown subject) nothing is sent, but the caller gets a challenge all the same, made with
    the same work, so that nobody can tell the difference. ``asked_for`` is what the requester
    typed (the IDs, the number): the waits and caps count requests by it. Raises
    OtpRateLimited."""
    now = timezone.now()
    key = asked_key(purpose, asked_for)
    try:
        _check_caps(key=key, mobile=mobile, client=client_address, now=now)
    except OtpRateLimited:
        metrics.otp_rate_limited(purpose=purpose)
        raise
    with transaction.atomic():
        challenge = OtpChallenge.objects.create(
            token=secrets.token_urlsafe(32),
            purpose=purpose,
            subject=subject,
            mobile=mobile,
            client_address=client_address,
            asked_key=key,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.OTP_VALID_SECONDS),
        )
        _send_later(challenge, _in_language(purpose_label, language), language)
    metrics.otp_issued(purpose=purpose)
    return challenge


def _send_later(challenge: OtpChallenge, purpose_text: str, language: str) -> None:
    """Have the worker give the challenge its code and send it (otp_send). The request only
    writes the challenge and this task, for a real subject and an unknown one alike: what
    differs (the code's SMS) is not done while the asker waits, so the answer's time tells
    nothing. No code travels in the task: the worker draws it."""
    from identity.tasks import otp_send_task  # identity.tasks imports this module

    args = (challenge.pk, purpose_text, language)
    if isinstance(otp_send_task.get_backend(), DatabaseBackend | ImmediateBackend):
        # The database queue writes its row in this transaction (the challenge and its task are
        # kept together or not at all); the immediate one (tests) runs the task right here.
        otp_send_task.enqueue(*args)
    else:
        transaction.on_commit(lambda: otp_send_task.enqueue(*args))


def otp_send(*, challenge_id: int, purpose_text: str, language: str) -> None:
    """Draw the challenge's code, keep its keyed hash, and SMS it to the challenge's mobile (an
    unknown subject's challenge gets a hash too, of a code nobody is told). Once only: a task
    run twice finds the hash already there."""
    with transaction.atomic():
        # Locked so that a task run twice at once draws one code, not two.
        challenge = (
            OtpChallenge.objects.select_for_update().filter(pk=challenge_id, code_hash="").first()
        )
        if challenge is None:
            return
        code = f"{secrets.randbelow(10**6):06d}"
        challenge.code_hash = _hash(challenge.token, code)
        challenge.save(update_fields=["code_hash"])
        if challenge.mobile:
            sms_queue(
                kind=SmsKind.OTP,
                mobile=challenge.mobile,
                language=language,
                params={
                    "purpose": purpose_text,
                    "code": code,
                    "minutes": str(settings.OTP_VALID_SECONDS // 60),
                },
            )


def otp_verify(*, token: str, purpose: str, code: str) -> OtpChallenge:
    """Use up the challenge if the code is right; raise OtpError with the reason otherwise.

    A wrong code is counted in a committed transaction before the error is raised."""
    with transaction.atomic():
        # Locked so that two guesses at once cannot both slip under the attempt limit.
        challenge = (
            OtpChallenge.objects.select_for_update().filter(token=token, purpose=purpose).first()
        )
        error = _check(challenge, code)
        if challenge is not None and error == WRONG:
            OtpChallenge.objects.filter(pk=challenge.pk).update(attempts=F("attempts") + 1)
        elif challenge is not None and error is None:
            challenge.used_at = timezone.now()
            challenge.save(update_fields=["used_at"])
    if error is not None:
        metrics.otp_verify_failed(purpose=purpose, reason=FAILURE_REASONS[error])
        raise OtpError(_(error))
    assert challenge is not None  # noqa: S101 (narrowing for the type checker)
    return challenge


def otp_release(*, challenge: OtpChallenge) -> None:
    """Make a challenge whose right code was just used usable again: for when the action it
    guarded was refused for another reason (a weak new password) and nothing was done."""
    OtpChallenge.objects.filter(pk=challenge.pk).update(used_at=None)


NO_LONGER_VALID = gettext_noop("This OTP is no longer valid. Ask for a new one.")
WRONG = gettext_noop("The OTP is not correct.")
EXPIRED = gettext_noop("This OTP has expired. Ask for a new one.")
TOO_MANY_TRIES = gettext_noop("Too many wrong tries. Ask for a new OTP.")
# The reason a refusal is counted under (samagra_otp_verify_failures).
FAILURE_REASONS = {
    NO_LONGER_VALID: "no_longer_valid",
    WRONG: "wrong",
    EXPIRED: "expired",
    TOO_MANY_TRIES: "too_many_tries",
}


def _check(challenge: OtpChallenge | None, code: str) -> str | None:
    if challenge is None or challenge.used_at is not None:
        return NO_LONGER_VALID
    if challenge.expires_at <= timezone.now():
        return EXPIRED
    if challenge.attempts >= settings.OTP_MAX_ATTEMPTS:
        return TOO_MANY_TRIES
    matches = bool(challenge.code_hash) and hmac.compare_digest(
        challenge.code_hash, _hash(challenge.token, code.strip())
    )
    if not matches or not challenge.mobile:  # no code opens an unknown subject's challenge
        return WRONG
    return None


def _in_language(text: str | Promise, language: str) -> str:
    """A lazy label rendered in the SMS's language, not the request's."""
    with override(language):
        return str(text)
