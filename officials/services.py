"""Onboarding and managing officials, signing in, passwords."""

import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from audit.services import audit_record, diff
from core.validators import normalize_indian_mobile
from geography.models import Area, District, LocalBody
from identity.models import OtpChallenge
from identity.otp import (
    NO_LONGER_VALID,
    OtpError,
    OtpRateLimited,
    otp_issue,
    otp_release,
    otp_verify,
)
from officials import jurisdiction, throttle
from officials.models import DESIGNATIONS_BY_ROLE, Official, Role
from ops import metrics
from sms.models import SmsKind
from sms.services import sms_queue

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
PASSWORD_RESET_PURPOSE = "password_reset"  # noqa: S105 (an OTP purpose, not a secret)
logger = logging.getLogger(__name__)
USER_ID_PREFIX: dict[str, str] = {
    Role.STATE_ADMIN: "SA",
    Role.DISTRICT_OFFICER: "DO",
    Role.LOCAL_BODY_OFFICER: "LB",
    Role.FIELD_OFFICIAL: "FO",
}


class LoginRefused(Exception):
    """str(error) is the message to show, in the active language."""


def _random_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))


def _new_user_id(role: str) -> str:
    prefix = USER_ID_PREFIX[role]
    while True:
        candidate = f"{prefix}{secrets.randbelow(10**7):07d}"
        if not Official.objects.filter(user_id=candidate).exists():
            return candidate


def _snapshot(official: Official) -> dict[str, object]:
    return {
        "name": official.name,
        "name_hi": official.name_hi,
        "designation": official.designation,
        "mobile": official.masked_mobile,
        "role": official.role,
        "district": official.district,
        "local_body": official.local_body,
        "areas": [str(a) for a in official.areas.all()] if official.pk else [],
        "is_active": official.is_active,
    }


@dataclass(frozen=True)
class Placement:
    """Where an official works: what the role needs and nothing more."""

    role: str
    district: District | None = None
    local_body: LocalBody | None = None
    areas: tuple[Area, ...] = ()

    def trimmed(self) -> "Placement":
        """The same placement without the places the role does not have: the form offers a
        district, a local body and areas whatever the role, and a state admin with a district
        (or a district officer with a local body) would break the table's constraint."""
        return Placement(
            role=self.role,
            district=None if self.role == Role.STATE_ADMIN else self.district,
            local_body=self.local_body
            if self.role in (Role.LOCAL_BODY_OFFICER, Role.FIELD_OFFICIAL)
            else None,
            areas=self.areas if self.role == Role.FIELD_OFFICIAL else (),
        )


def _in_language(language: str, label: Callable[[], object]) -> str:
    with translation.override(language):
        return str(label())


def _check_placement(actor: Official, designation: str, placement: Placement) -> None:
    if placement.role not in jurisdiction.manageable_roles(actor):
        raise PermissionDenied
    errors: dict[str, object] = {}
    if designation not in DESIGNATIONS_BY_ROLE[placement.role]:
        errors["designation"] = _("This designation does not fit the role.")
    role = placement.role
    if role in (Role.DISTRICT_OFFICER, Role.LOCAL_BODY_OFFICER, Role.FIELD_OFFICIAL) and (
        placement.district is None
        or not jurisdiction.districts(actor).filter(pk=placement.district.pk).exists()
    ):
        errors["district"] = _("Choose a district within your jurisdiction.")
    if role in (Role.LOCAL_BODY_OFFICER, Role.FIELD_OFFICIAL):
        lb = placement.local_body
        if (
            lb is None
            or lb.district_id != getattr(placement.district, "pk", None)
            or not (jurisdiction.local_bodies(actor).filter(pk=lb.pk).exists())
        ):
            errors["local_body"] = _("Choose a local body within your jurisdiction.")
    if role == Role.FIELD_OFFICIAL:
        if not placement.areas:
            errors["areas"] = _("Choose at least one area.")
        elif any(
            a.local_body_id != getattr(placement.local_body, "pk", None) for a in placement.areas
        ):
            errors["areas"] = _("Every area must belong to the official's local body.")
    if errors:
        raise ValidationError(errors)


def _mobile_free(mobile: str, except_pk: int | None = None) -> None:
    if Official.objects.filter(mobile=mobile).exclude(pk=except_pk).exists():
        raise ValidationError(
            {"mobile": _("This mobile number is already registered to another official.")}
        )


def official_register(
    *,
    actor: Official,
    name: str,
    designation: str,
    mobile: str,
    placement: Placement,
    language: str = "hi",
    name_hi: str = "",
) -> Official:
    """Register an official, and SMS them their new user ID and a random password."""
    try:
        mobile = normalize_indian_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from None
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the official's name.")})
    placement = placement.trimmed()
    _check_placement(actor, designation, placement)
    _mobile_free(mobile)
    password = _random_password()
    try:
        with transaction.atomic():
            official = Official(
                user_id=_new_user_id(placement.role),
                name=name,
                name_hi=" ".join(name_hi.split()),
                mobile=mobile,
                role=placement.role,
                designation=designation,
                district=placement.district,
                local_body=placement.local_body,
                language=language,
                created_by=actor,
                must_change_password=True,
            )
            official.set_password(password)
            official.save()
            official.areas.set(placement.areas)
            audit_record(
                actor=actor,
                event_type="official.registered",
                subject=official,
                changes=diff({}, _snapshot(official)),
                local_body=official.local_body,
                district=official.district,
            )
            sms_queue(
                kind=SmsKind.OFFICIAL_WELCOME,
                mobile=mobile,
                language=language,
                params={
                    # In the message's language, not the registering officer's page's.
                    "designation": _in_language(language, official.get_designation_display),
                    "user_id": official.user_id,
                    "password": password,
                },
                local_body=official.local_body,
            )
    except IntegrityError:
        # Two officers registering the same mobile at once: the unique index decides.
        raise ValidationError(
            {"mobile": _("This mobile number is already registered to another official.")}
        ) from None
    return official


def official_update(
    *,
    actor: Official,
    official: Official,
    name: str,
    designation: str,
    mobile: str,
    areas: tuple[Area, ...],
    name_hi: str | None = None,
) -> Official:
    """Change an official's name, designation, mobile or (field officials) areas; the name in
    Devanagari too unless `name_hi` is None."""
    if not jurisdiction.manageable_officials(actor).filter(pk=official.pk).exists():
        raise PermissionDenied
    try:
        mobile = normalize_indian_mobile(mobile)
    except ValidationError as exc:
        raise ValidationError({"mobile": exc.messages}) from None
    placement = Placement(
        role=official.role, district=official.district, local_body=official.local_body, areas=areas
    )
    _check_placement(actor, designation, placement)
    _mobile_free(mobile, except_pk=official.pk)
    with transaction.atomic():
        official = Official.objects.select_for_update().get(pk=official.pk)
        before = _snapshot(official)
        old_mobile = official.mobile
        official.name = " ".join(name.split()) or official.name
        if name_hi is not None:
            official.name_hi = " ".join(name_hi.split())
        official.designation = designation
        official.mobile = mobile
        official.save()
        if official.role == Role.FIELD_OFFICIAL:
            official.areas.set(areas)
        changes = diff(before, _snapshot(official))
        if official.mobile != old_mobile and "mobile" not in changes:
            # The audit keeps mobiles masked; a new number with the same last four digits
            # would otherwise leave no trace.
            changes["mobile"] = [before["mobile"], official.masked_mobile]
        if changes:
            audit_record(
                actor=actor,
                event_type="official.updated",
                subject=official,
                changes=changes,
                local_body=official.local_body,
                district=official.district,
            )
    return official


def official_set_active(*, actor: Official, official: Official, active: bool) -> Official:
    if not jurisdiction.manageable_officials(actor).filter(pk=official.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        official = Official.objects.select_for_update().get(pk=official.pk)
        if official.is_active == active:
            return official
        official.is_active = active
        official.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            event_type="official.activated" if active else "official.deactivated",
            subject=official,
            changes={"is_active": [not active, active]},
            local_body=official.local_body,
            district=official.district,
        )
    return official


def official_reset_password(*, actor: Official, official: Official) -> None:
    """Give the official a new random password by SMS; they must change it at login."""
    if not jurisdiction.manageable_officials(actor).filter(pk=official.pk).exists():
        raise PermissionDenied
    password = _random_password()
    with transaction.atomic():
        official = Official.objects.select_for_update().get(pk=official.pk)
        official.set_password(password)
        official.must_change_password = True
        official.save()
        throttle.failures_forgive(account=throttle.account_key(official.user_id))
        audit_record(
            actor=actor,
            event_type="official.password_reset",
            subject=official,
            local_body=official.local_body,
            district=official.district,
        )
        sms_queue(
            kind=SmsKind.PASSWORD_RESET,
            mobile=official.mobile,
            language=official.language,
            params={"user_id": official.user_id, "password": password},
            local_body=official.local_body,
        )


SIGN_IN_CODE_PURPOSE = "official_sign_in_code"
# Short: an OTP SMS carries it in one variable of at most 30 characters (sms/dlt.py).
SIGN_IN_CODE_LABEL = gettext_lazy("sign-in after wrong passwords")
SIGN_IN_FAILED = gettext_noop(
    "Sign-in failed. Check the user ID and password; if it keeps failing, ask the officer who "
    "registered you."
)


def _refusal(wait: float) -> LoginRefused:
    """The one message for every failure (unknown user ID, wrong password, deactivated account,
    a wait), with the wait when there is one."""
    if wait <= 0:
        return LoginRefused(_(SIGN_IN_FAILED))
    seconds = math.ceil(wait)
    if seconds < 120:
        return LoginRefused(
            _(
                "Sign-in failed. Check the user ID and password; if it keeps failing, ask the "
                "officer who registered you. Try again in %(seconds)s seconds."
            )
            % {"seconds": seconds}
        )
    return LoginRefused(
        _(
            "Sign-in failed. Check the user ID and password; if it keeps failing, ask the "
            "officer who registered you. Try again in %(minutes)s minutes."
        )
        % {"minutes": math.ceil(seconds / 60)}
    )


def official_authenticate(
    *, user_id: str, password: str, client_address: str = "", code: str = ""
) -> Official:
    """The official, if the user ID and password are right and the account may sign in;
    LoginRefused otherwise, with the same words whatever the reason.

    While this client must wait (officials/throttle.py) the password is not checked at all,
    unless ``code`` is the sign-in code the official was sent by SMS when their account reached
    the ceiling of failures: it proves the official's phone, and lifts the wait."""
    account = throttle.account_key(user_id)
    official = Official.objects.filter(user_id__iexact=user_id.strip()).first()
    wait = throttle.wait_seconds(account=account, client=client_address)
    if wait > 0 and not (code and _sign_in_code_opens(official, code)):
        metrics.sign_in_failed(flow="official_waiting")
        raise _refusal(wait)
    if official is None:
        Official().set_password(password)  # the same work as a real check, against timing
        right = False
    else:
        right = official.check_password(password) and official.is_active
    if not right:
        metrics.sign_in_failed(flow="official_password")
        failures = throttle.failure_record(account=account, client=client_address)
        if official is not None and failures >= settings.LOGIN_ACCOUNT_MAX_FAILURES:
            _sign_in_alert(official, failures)
        raise _refusal(throttle.wait_seconds(account=account, client=client_address))
    assert official is not None  # noqa: S101 (narrowing for the type checker)
    throttle.failures_forgive(account=account, client=client_address)
    return official


def _sign_in_code_opens(official: Official | None, code: str) -> bool:
    """Whether ``code`` is the official's latest sign-in code (used up if so). A wrong code
    counts against that code's tries, as any OTP."""
    challenge = (
        OtpChallenge.objects.filter(
            purpose=SIGN_IN_CODE_PURPOSE,
            subject=str(official.pk) if official else "-",
            used_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )
    if challenge is None:
        return False
    try:
        otp_verify(token=challenge.token, purpose=SIGN_IN_CODE_PURPOSE, code=code)
    except OtpError:
        return False
    return True


def _sign_in_alert(official: Official, failures: int) -> None:
    """Tell the official, once per window, that their account reached the ceiling of failed
    sign-ins: an audit row, and an SMS (after commit) with a code that lets them in from a
    client that must otherwise wait."""
    now = timezone.now()
    window = timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)
    with transaction.atomic():
        # Locked so that two failures crossing the ceiling together send one SMS, not two.
        locked = Official.objects.select_for_update().get(pk=official.pk)
        if locked.sign_in_alert_at is not None and locked.sign_in_alert_at > now - window:
            return
        locked.sign_in_alert_at = now
        locked.save(update_fields=["sign_in_alert_at"])
        audit_record(
            actor=None,
            event_type="official.sign_in_paused",
            subject=locked,
            changes={"failed_sign_ins": [None, failures]},
            local_body=locked.local_body,
            district=locked.district,
        )
        try:
            otp_issue(
                purpose=SIGN_IN_CODE_PURPOSE,
                purpose_label=SIGN_IN_CODE_LABEL,
                subject=str(locked.pk),
                mobile=locked.mobile,
                client_address="",
                language=locked.language,
                asked_for=str(locked.pk),
            )
        except OtpRateLimited:
            # The phone had all the codes an hour allows; the audit row stays, and the waits
            # hold as they are.
            logger.warning("sign-in code for official %s not sent: OTP cap", locked.pk)


def password_change(
    *, official: Official, new_password: str, current_password: str | None = None
) -> None:
    """The official's own new password (after the SMS one, or whenever they like). Signed in,
    they must also give the current password (``None`` only after an OTP proved them)."""
    if current_password is not None and not official.check_password(current_password):
        raise ValidationError(
            {"current_password": _("This is not your current password.")}, code="wrong_password"
        )
    try:
        validate_password(new_password, official)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    with transaction.atomic():
        official.set_password(new_password)
        official.must_change_password = False
        official.save(update_fields=["password", "must_change_password"])
        audit_record(
            actor=official,
            event_type="official.password_changed",
            subject=official,
            local_body=official.local_body,
            district=official.district,
        )


def password_reset_by_otp(*, token: str, code: str, new_password: str) -> Official:
    """Set a new password once the OTP sent to the official's own mobile is verified.

    The password is checked first, so that a weak one does not use up the OTP."""
    try:
        validate_password(new_password)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    challenge = otp_verify(token=token, purpose=PASSWORD_RESET_PURPOSE, code=code)
    official = Official.objects.filter(pk=int(challenge.subject), is_active=True).first()
    if official is None:  # deactivated since the OTP was sent
        raise OtpError(_(NO_LONGER_VALID))
    try:
        # Checked again against the official's own details, which only a right code may learn.
        password_change(official=official, new_password=new_password)
    except ValidationError:
        otp_release(challenge=challenge)
        raise
    # The owner proved their phone: the failures of whoever guessed no longer hold them back.
    throttle.failures_forgive(account=throttle.account_key(official.user_id))
    return official
