"""Department clients: registering, rotating and revoking them (the state admin), issuing
bearer tokens (OAuth 2.0 client credentials), authenticating a request, and logging each read.

Secrets and tokens are random (256 bits) and kept only as their sha256: a stolen database gives
no usable credential. A revoked or expired client's tokens stop working at once, because every
request reads its client.
"""

import hashlib
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiRead, ApiToken, DepartmentClient, Scope
from api.problems import ApiProblem
from audit.services import audit_record
from core.prepared import PreparedInsert, PreparedQuery
from core.ratelimit import rate_limit_hit
from geography.models import District
from officials.models import Official, Role

PURPOSE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CLIENT_ID_PREFIX = "dept-"
CLIENT_ID = re.compile(r"^dept-[0-9a-f]{16}\Z")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class Credentials:
    """What the state admin is shown once and hands to the department."""

    client: DepartmentClient
    client_id: str
    client_secret: str


def _require_state_admin(actor: Official) -> None:
    if not actor.is_active or actor.role != Role.STATE_ADMIN:
        raise PermissionDenied


def _require_not_revoked(client: DepartmentClient) -> None:
    """A revocation is final: a revoked client is neither changed nor given a new secret (the
    department is registered again, with a new client ID)."""
    if client.revoked_at is not None:
        raise ValidationError(_("This client has been revoked; register the system again."))


def clean_purposes(values: Iterable[str]) -> list[str]:
    purposes = sorted({v.strip().lower() for v in values if v.strip()})
    bad = [p for p in purposes if not PURPOSE.match(p) or len(p) > 60]
    if bad:
        raise ValidationError(
            _("A purpose is written in small letters, digits and hyphens (%(bad)s).")
            % {"bad": ", ".join(bad)}
        )
    if not purposes:
        raise ValidationError(_("Give at least one purpose."))
    return purposes


def _clean_scopes(values: Iterable[str]) -> list[str]:
    scopes = sorted(set(values))
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown or not scopes:
        raise ValidationError(_("Choose at least one scope from the list."))
    return scopes


class AlreadyRegistered(Exception):
    """The registration form was sent a second time: its client exists already."""

    def __init__(self, client: DepartmentClient) -> None:
        super().__init__(client.client_id)
        self.client = client


def client_register(
    *,
    actor: Official,
    name: str,
    department: str,
    scopes: Sequence[str],
    purposes: Sequence[str],
    statewide: bool,
    districts: Sequence[District],
    rate_per_minute: int,
    expires_on: date,
    contact_email: str = "",
    request_key: str = "",
) -> Credentials:
    """Register a client and make its secret (shown once). ``request_key`` is the form's
    one-time key: a second registration with it raises AlreadyRegistered with the first
    client, whose secret cannot be shown again."""
    _require_state_admin(actor)
    request_key = request_key.strip()[:64]
    if request_key:
        made = DepartmentClient.objects.filter(request_key=request_key).first()
        if made is not None:
            raise AlreadyRegistered(made)
    if not statewide and not districts:
        raise ValidationError(_("Choose the whole state or at least one district."))
    if expires_on < timezone.localdate():
        raise ValidationError(_("The validity must end today or later."))
    secret = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            client = DepartmentClient.objects.create(
                name=name,
                department=department,
                contact_email=contact_email,
                client_id=CLIENT_ID_PREFIX + secrets.token_hex(8),
                secret_hash=_digest(secret),
                scopes=_clean_scopes(scopes),
                purposes=clean_purposes(purposes),
                statewide=statewide,
                rate_per_minute=rate_per_minute,
                expires_on=expires_on,
                created_by=actor,
                request_key=request_key,
            )
            if not statewide:
                client.districts.set(districts)
            audit_record(
                actor=actor,
                event_type="api.client_registered",
                subject=client,
                changes=_described(client, {}),
            )
    except IntegrityError:
        # The same form sent twice at the same instant: the constraint let one through.
        made = DepartmentClient.objects.filter(request_key=request_key).first()
        if not request_key or made is None:
            raise
        raise AlreadyRegistered(made) from None
    return Credentials(client, client.client_id, secret)


def _described(client: DepartmentClient, old: dict[str, Any]) -> dict[str, list[Any]]:
    from audit.services import diff

    new = {
        "name": client.name,
        "department": client.department,
        "scopes": client.scopes,
        "purposes": client.purposes,
        "statewide": client.statewide,
        "districts": [d.name_en for d in client.districts.all()] if client.pk else [],
        "rate_per_minute": client.rate_per_minute,
        "expires_on": client.expires_on.isoformat(),
    }
    return diff(old, new)


def client_state(client: DepartmentClient) -> dict[str, Any]:
    return {k: v[1] for k, v in _described(client, {}).items()}


def client_update(
    *,
    actor: Official,
    client: DepartmentClient,
    scopes: Sequence[str],
    purposes: Sequence[str],
    statewide: bool,
    districts: Sequence[District],
    rate_per_minute: int,
    expires_on: date,
) -> DepartmentClient:
    _require_state_admin(actor)
    if not statewide and not districts:
        raise ValidationError(_("Choose the whole state or at least one district."))
    with transaction.atomic():
        client = DepartmentClient.objects.select_for_update().get(pk=client.pk)
        _require_not_revoked(client)
        old = client_state(client)
        client.scopes = _clean_scopes(scopes)
        client.purposes = clean_purposes(purposes)
        client.statewide = statewide
        client.rate_per_minute = rate_per_minute
        client.expires_on = expires_on
        client.save()
        client.districts.set([] if statewide else districts)
        audit_record(
            actor=actor,
            event_type="api.client_changed",
            subject=client,
            changes=_described(client, old),
        )
    return client


def client_rotate_secret(*, actor: Official, client: DepartmentClient) -> Credentials:
    """A new secret; the old one and every token issued under it stop working at once."""
    _require_state_admin(actor)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        client = DepartmentClient.objects.select_for_update().get(pk=client.pk)
        _require_not_revoked(client)
        client.secret_hash = _digest(secret)
        client.secret_set_at = timezone.now()
        client.save(update_fields=["secret_hash", "secret_set_at"])
        client.tokens.all().delete()
        audit_record(actor=actor, event_type="api.secret_rotated", subject=client)
    return Credentials(client, client.client_id, secret)


def client_revoke(*, actor: Official, client: DepartmentClient, reason: str) -> DepartmentClient:
    """Stop a client at once: its tokens are deleted and no new one is issued."""
    _require_state_admin(actor)
    with transaction.atomic():
        client = DepartmentClient.objects.select_for_update().get(pk=client.pk)
        if client.revoked_at is None:
            client.revoked_at = timezone.now()
            client.save(update_fields=["revoked_at"])
            client.tokens.all().delete()
            audit_record(
                actor=actor,
                event_type="api.client_revoked",
                subject=client,
                changes={"reason": [None, reason]},
            )
    return client


# --- Tokens ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str


def _usable(client: DepartmentClient) -> None:
    if client.revoked_at is not None:
        raise ApiProblem("client-revoked")
    if client.expires_on < timezone.localdate():
        raise ApiProblem("client-expired")


def token_issue(*, client_id: str, client_secret: str) -> IssuedToken:
    """OAuth 2.0 client credentials: a bearer token for SAMAGRA_API_TOKEN_SECONDS."""
    client = (
        DepartmentClient.objects.filter(client_id=client_id).first()
        if CLIENT_ID.match(client_id)
        else None  # not one the portal made (nor text the database takes: a NUL byte)
    )
    if client is None or not secrets.compare_digest(client.secret_hash, _digest(client_secret)):
        raise ApiProblem("invalid-client")
    _usable(client)
    _rate(client)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    life = settings.API_TOKEN_SECONDS
    ApiToken.objects.filter(client=client, expires_at__lt=now).delete()
    ApiToken.objects.create(
        client=client,
        token_hash=_digest(token),
        issued_at=now,
        expires_at=now + timedelta(seconds=life),
    )
    return IssuedToken(token, life, " ".join(client.scopes))


# The client's every column, read with the token's expiry in one query on every API request:
# written by the ORM once (core.prepared), as the ORM's own building of it cost more than the
# query.
_CLIENT_FIELDS = [f.attname for f in DepartmentClient._meta.concrete_fields]
_TOKEN_CLIENT = PreparedQuery(
    ApiToken,
    1,
    lambda token_hash: (
        ApiToken.objects.filter(token_hash=token_hash)
        .order_by()
        .values_list("expires_at", *(f"client__{name}" for name in _CLIENT_FIELDS))[:1]
    ),
)


def authenticate(token: str) -> DepartmentClient:
    """The client of a bearer token; a problem (401) when it is unknown, expired or revoked,
    and 429 when the client is over its rate. The client is read again on every request, so a
    revocation, a rotation or a change of its scopes or districts holds from the next one."""
    rows = _TOKEN_CLIENT.rows(_digest(token[:200]))
    if not rows:
        raise ApiProblem("unauthenticated")
    expires_at, *values = rows[0]
    if expires_at <= timezone.now():
        raise ApiProblem("token-expired")
    client = DepartmentClient.from_db(router.db_for_read(ApiToken), _CLIENT_FIELDS, values)
    _usable(client)
    _rate(client)
    return client


def _rate(client: DepartmentClient) -> None:
    if not rate_limit_hit(f"api:{client.pk}", limit=client.rate_per_minute, window_seconds=60):
        raise ApiProblem(
            "rate-limited",
            _("At most %(n)d requests a minute are allowed for this client.")
            % {"n": client.rate_per_minute},
            retry_after=60 - int(timezone.now().timestamp()) % 60,
        )


# --- What a client may read -----------------------------------------------------------------


def require_purpose(client: DepartmentClient, purpose: str) -> str:
    if purpose not in client.purposes:
        raise ApiProblem(
            "purpose-not-registered",
            _("Registered purposes: %(purposes)s.") % {"purposes": ", ".join(client.purposes)},
        )
    return purpose


def require_scopes(client: DepartmentClient, *needed: str) -> None:
    missing = [s for s in needed if s not in client.scopes]
    if missing:
        raise ApiProblem(
            "scope-not-granted",
            _("Not granted: %(scopes)s.") % {"scopes": ", ".join(missing)},
            missing_scopes=missing,
        )


def district_ids(client: DepartmentClient) -> list[int] | None:
    """The districts a client may read; None for the whole state."""
    if client.statewide:
        return None
    # By the through table, which ops.replicas keeps on the primary (a district taken from a
    # client holds at once); ``client.districts`` would be a read of geography's districts.
    grants = DepartmentClient.districts.through.objects.filter(departmentclient_id=client.pk)
    return list(grants.values_list("district_id", flat=True))


def area_filter(client: DepartmentClient, path: str) -> models.Q:
    """A filter on ``path`` (a lookup to a District's id) for the client's districts."""
    allowed = district_ids(client)
    return models.Q() if allowed is None else models.Q(**{f"{path}__in": allowed})


def require_area(client: DepartmentClient, district_id: int) -> None:
    allowed = district_ids(client)
    if allowed is not None and district_id not in allowed:
        raise ApiProblem("outside-areas")


READ_COLUMNS = (
    "client_id",
    "purpose",
    "operation",
    "family_id",
    "member_ids",
    "scopes",
    "read_at",
    "request_id",
)
_READ_INSERT = PreparedInsert(ApiRead, list(READ_COLUMNS))


def log_reads(
    client: DepartmentClient,
    *,
    purpose: str,
    operation: str,
    scopes: Sequence[str],
    families: Iterable[tuple[str, Sequence[str]]],
    request_id: str = "",
) -> int:
    """One row per family read, with the member IDs read of it. In batches: an export logs
    every family it wrote."""
    common = {
        "client_id": client.pk,
        "purpose": purpose,
        "operation": operation,
        "scopes": list(scopes),
        "read_at": timezone.now(),
        "request_id": request_id,
    }
    if isinstance(families, list) and len(families) == 1:
        # One family (a verify, a read): one INSERT in autocommit, not bulk_create's BEGIN,
        # INSERT, COMMIT (two round trips fewer on the API's busiest call), written once.
        ((family_id, member_ids),) = families
        _READ_INSERT.insert(family_id=family_id, member_ids=list(member_ids), **common)
        return 1
    rows = (
        ApiRead(family_id=family_id, member_ids=list(member_ids), **common)
        for family_id, member_ids in families
    )
    if connection.vendor == "postgresql":
        return _copy_reads(rows)
    count = 0
    batch: list[ApiRead] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 2000:
            ApiRead.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        ApiRead.objects.bulk_create(batch)
        count += len(batch)
    return count


def _copy_reads(rows: Iterable[ApiRead]) -> int:
    """Many reads at once (a feed page, an export's chunk) by COPY: about a tenth of the time
    of bulk_create's INSERT of the same rows, which made most of a feed page's time."""
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        table = ApiRead._meta.db_table
        with raw.copy(f"COPY {table} ({', '.join(READ_COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    (
                        row.client_id,
                        row.purpose,
                        row.operation,
                        row.family_id,
                        json.dumps(row.member_ids),
                        json.dumps(row.scopes),
                        row.read_at,
                        row.request_id,
                    )
                )
                count += 1
    return count
