"""The API's authorisation matrix: every operation of the served schema behind a bearer token, by
every way a request must be refused (no token, an unknown one, an expired one; a client
expired, revoked, over its rate; a scope not granted, a purpose not registered, a record
outside the client's districts) → the right status and problem code, and nothing read, logged
as read or created.

The operations are not listed by hand: they come from the schema (api.main.api), and each
names the scopes it needs in its ``x-scope`` (api.v1.records.scope). A new operation whose
parameters the matrix cannot fill fails here by name until it is taught them.

The portal's page matrix (tests/security/test_authz_matrix.py) leaves the routes marked
``authz = "api-client"`` to this one."""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiExport, ApiRead, ApiToken, DepartmentClient
from api.problems import CONTENT_TYPE
from api.services import Credentials, client_revoke
from tests.api.gates import (
    Operation,
    Register,
    ekyc_done,
    fresh_rate_limits,
    operations,
    register_of,
    resolve,
)
from tests.api.support import ALL_SCOPES, PURPOSE, register, token_for
from tests.conftest import World
from tests.identity_vault.conftest import development_vault_and_sandbox
from tests.uidai.support import resident

__all__ = ["development_vault_and_sandbox"]  # the vault's development key, the UIDAI sandbox

pytestmark = pytest.mark.django_db


def scopes_of(operation: Operation) -> list[str]:
    return operation.scopes


@dataclass
class Setting:
    """A client of district d_a with every scope, its token, and records in and out of it."""

    world: World
    data: Register
    outside_aadhaar: str
    credentials: Credentials
    token: str
    export_id: str

    @property
    def client(self) -> DepartmentClient:
        return self.credentials.client


def _written_export(client: DepartmentClient) -> str:
    from api.exports import export_request, export_write

    export = export_request(client=client, purpose=PURPOSE, export_format="csv", criteria={})
    export_write(export_id=export.pk)
    return export.public_id


@pytest.fixture
def setting(world: World, settings: Any, tmp_path: Path) -> Setting:
    settings.STORAGES = {
        **settings.STORAGES,
        "api_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "exports")},
        },
    }
    fresh_rate_limits()
    data = register_of(world)
    _member, outside_aadhaar = ekyc_done(world, resident("Sita Devi"), outside=True)
    credentials = register(world.sam, districts=[world.d_a], scopes=ALL_SCOPES)
    return Setting(
        world=world,
        data=data,
        outside_aadhaar=outside_aadhaar,
        credentials=credentials,
        token=token_for(Client(), credentials),
        export_id=_written_export(credentials.client),
    )


# --- A request for each operation, from its schema -------------------------------------------


def _values(setting: Setting, outside: bool) -> dict[str, Any]:
    """What each parameter or body field is filled with: a record of the client's districts,
    or (``outside``) one of another district."""
    world, data = setting.world, setting.data
    x1_member = world.family_x1.members.order_by("pk").first()
    assert x1_member is not None
    return {
        "member_id": x1_member.member_id if outside else data.active.member_id,
        "family_id": world.family_x1.family_id if outside else data.active.family.family_id,
        "aadhaar": setting.outside_aadhaar if outside else data.aadhaar,
        "district": world.d_x.lgd_code if outside else world.d_a.lgd_code,
        "export_id": setting.export_id,
        "purpose": PURPOSE,
    }


# Fields that name a record or an area: the outside case changes them.
OUTSIDE_FIELDS = ("member_id", "family_id", "aadhaar", "district")


def _body_fields(operation: Operation) -> dict[str, dict[str, Any]]:
    """The body's fields, nested objects' too (an export's criteria.district)."""
    schema = operation.body_schema()
    if schema is None:
        return {}
    found: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any], prefix: tuple[str, ...]) -> None:
        for name, prop in node.get("properties", {}).items():
            for part in [prop, *prop.get("allOf", []), *prop.get("anyOf", [])]:
                sub = resolve(part)
                if sub.get("properties"):
                    walk(sub, (*prefix, name))
            found[".".join((*prefix, name))] = prop

    walk(schema, ())
    return found


def names_outside(operation: Operation) -> bool:
    names = {p["name"] for p in operation.parameters("path")}
    names |= {k.rsplit(".", 1)[-1] for k in _body_fields(operation)}
    return bool(names & set(OUTSIDE_FIELDS))


def has_purpose(operation: Operation) -> bool:
    return any(p["name"] == "purpose" for p in operation.parameters("query")) or (
        "purpose" in _body_fields(operation)
    )


def _request(
    operation: Operation, setting: Setting, *, outside: bool = False, purpose: str = PURPOSE
) -> tuple[str, dict[str, Any], Any]:
    """The operation's URL, query and JSON body, filled in."""
    values = {**_values(setting, outside), "purpose": purpose}
    path = operation.path
    for parameter in operation.parameters("path"):
        name = parameter["name"]
        assert name in values, f"{operation.id}: teach the matrix how to fill {name}"
        path = path.replace(f"{{{name}}}", str(values[name]))
    query = {}
    for parameter in operation.parameters("query"):
        name = parameter["name"]
        if name in values:
            query[name] = values[name]
        else:
            assert not parameter.get("required"), f"{operation.id}: teach the matrix {name}"
    body: Any = None
    fields = _body_fields(operation)
    if operation.body_schema() is not None:
        body = {}
        schema = operation.body_schema() or {}
        for name in schema.get("required", []):
            assert name in values, f"{operation.id}: teach the matrix the body's {name}"
            body[name] = values[name]
        if outside or "district" in fields:
            for dotted in fields:
                *parents, leaf = dotted.split(".")
                if leaf in OUTSIDE_FIELDS and parents:
                    body.setdefault(parents[0], {})[leaf] = values[leaf]
    return path, query, body


def _send(
    operation: Operation, path: str, query: dict[str, Any], body: Any, token: str | None
) -> Any:
    http = Client(headers={"Accept-Language": "en"})
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    if operation.method == "get":
        return http.get(path, query, headers=headers)
    url = path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return http.generic(
        operation.method.upper(),
        url,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )


# --- The ways to be refused --------------------------------------------------------------------


def _other_client(setting: Setting, **options: Any) -> tuple[Credentials, str]:
    credentials = register(setting.world.sam, districts=[setting.world.d_a], **options)
    return credentials, token_for(Client(), credentials)


def no_token(operation: Operation, setting: Setting) -> HttpResponse:
    return _send(operation, *_request(operation, setting), token=None)


def unknown_token(operation: Operation, setting: Setting) -> HttpResponse:
    return _send(operation, *_request(operation, setting), token="x" * 43)


def token_expired(operation: Operation, setting: Setting) -> HttpResponse:
    ApiToken.objects.filter(client=setting.client).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    return _send(operation, *_request(operation, setting), token=setting.token)


def client_expired(operation: Operation, setting: Setting) -> HttpResponse:
    DepartmentClient.objects.filter(pk=setting.client.pk).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )
    return _send(operation, *_request(operation, setting), token=setting.token)


def client_revoked(operation: Operation, setting: Setting) -> HttpResponse:
    client_revoke(actor=setting.world.sam, client=setting.client, reason="Matrix")
    return _send(operation, *_request(operation, setting), token=setting.token)


def client_revoked_token_kept(operation: Operation, setting: Setting) -> HttpResponse:
    """Revoked between the token's check and the client's (its tokens not yet deleted)."""
    DepartmentClient.objects.filter(pk=setting.client.pk).update(revoked_at=timezone.now())
    return _send(operation, *_request(operation, setting), token=setting.token)


def rate_limited(operation: Operation, setting: Setting) -> HttpResponse:
    # One request a minute: the token takes it, and the request must fall in the same one-minute
    # window. Late in a window, wait for the next one first (one client, one token, whatever the
    # machine's load; a client made and then thrown away would leave a token more).
    if time.time() % 60 > 40:
        time.sleep(61 - time.time() % 60)
    _credentials, token = _other_client(setting, rate=1)
    return _send(operation, *_request(operation, setting), token=token)


def scope_not_granted(operation: Operation, setting: Setting) -> HttpResponse:
    needed = scopes_of(operation)
    assert needed, f"{operation.id}: declare the scopes it needs (openapi_extra x-scope)"
    _credentials, token = _other_client(setting, scopes=[s for s in ALL_SCOPES if s not in needed])
    return _send(operation, *_request(operation, setting), token=token)


def outside_areas(operation: Operation, setting: Setting) -> HttpResponse:
    return _send(operation, *_request(operation, setting, outside=True), token=setting.token)


def purpose_not_registered(operation: Operation, setting: Setting) -> HttpResponse:
    request = _request(operation, setting, purpose="tax-collection")
    return _send(operation, *request, token=setting.token)


@dataclass(frozen=True)
class Refusal:
    name: str
    send: Callable[[Operation, Setting], HttpResponse]
    status: int
    code: str
    applies: Callable[[Operation], bool] = lambda operation: True


REFUSALS = [
    Refusal("no-token", no_token, 401, "unauthenticated"),
    Refusal("unknown-token", unknown_token, 401, "unauthenticated"),
    Refusal("token-expired", token_expired, 401, "token-expired"),
    Refusal("client-expired", client_expired, 401, "client-expired"),
    # A revoked client's tokens are deleted with it: they are unknown from then on.
    Refusal("client-revoked", client_revoked, 401, "unauthenticated"),
    Refusal("client-revoked-token-kept", client_revoked_token_kept, 401, "client-revoked"),
    Refusal("rate-limited", rate_limited, 429, "rate-limited"),
    Refusal("scope-not-granted", scope_not_granted, 403, "scope-not-granted"),
    Refusal(
        "purpose-not-registered", purpose_not_registered, 403, "purpose-not-registered", has_purpose
    ),
    Refusal("outside-areas", outside_areas, 403, "outside-areas", names_outside),
]
# Whether another district's member holds an Aadhaar number is not the client's to know.
OUTSIDE_NOT_FOUND = {"/api/v1/members/lookup-by-aadhaar"}

SECURED = sorted((op for op in operations() if op.secured), key=lambda op: op.id)
CASES = [
    pytest.param(operation, refusal, id=f"{operation.id}-{refusal.name}")
    for operation in SECURED
    for refusal in REFUSALS
    if refusal.applies(operation)
]


def api_route_paths() -> dict[str, str]:
    """The API's URL names, as the pages' URL walk finds them, and the schema path of each."""
    from tests.security.urlconf import ROUTES

    return {
        route.name: unquote(reverse(route.name, kwargs={p: f"{{{p}}}" for p in route.params}))
        for route in ROUTES
        if route.is_api
    }


def _problem(response: HttpResponse) -> dict[str, Any]:
    assert response["Content-Type"] == CONTENT_TYPE, response.content[:300]
    body: dict[str, Any] = response.json()  # type: ignore[attr-defined]
    return body


def test_the_matrix_covers_every_operation_behind_a_token() -> None:
    # given the served schema / then every operation behind a token is in the matrix
    assert len(SECURED) >= 5
    covered = {case.values[0].id for case in CASES}  # type: ignore[union-attr]
    assert {op.id for op in SECURED} == covered
    # and each declares the scopes it needs
    undeclared = [op.id for op in SECURED if not scopes_of(op)]
    assert undeclared == [], "declare x-scope (api.v1.records.scope) on these operations"


@pytest.mark.parametrize("operation", SECURED, ids=lambda op: op.id)
def test_the_client_is_answered_when_nothing_is_wrong(
    operation: Operation, setting: Setting
) -> None:
    """The control: the matrix's requests, from its own client, succeed."""
    response = _send(operation, *_request(operation, setting), token=setting.token)
    assert 200 <= response.status_code < 300, response.content[:500]


@pytest.mark.parametrize(("operation", "refusal"), CASES)
def test_it_refuses_and_reads_nothing(
    operation: Operation, refusal: Refusal, setting: Setting
) -> None:
    # given a request that must be refused
    reads, exports, tokens = (
        ApiRead.objects.count(),
        ApiExport.objects.count(),
        ApiToken.objects.count(),
    )
    # when it is sent
    response = refusal.send(operation, setting)
    # then it is refused with the right status and problem
    status, code = refusal.status, refusal.code
    if refusal.name == "outside-areas" and operation.path in OUTSIDE_NOT_FOUND:
        status, code = 404, "not-found"
    assert response.status_code == status, response.content[:500]
    problem = _problem(response)
    assert (problem["status"], problem["code"]) == (status, code)
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    if status == 429:
        assert int(response["Retry-After"]) > 0
    # and nothing was read, logged as read or created
    assert ApiRead.objects.count() == reads
    assert ApiExport.objects.count() == exports
    new_tokens = 1 if refusal.name in ("rate-limited", "scope-not-granted") else 0
    assert ApiToken.objects.count() <= tokens + new_tokens


# --- The token endpoint ----------------------------------------------------------------------


def _token(credentials: Credentials, secret: str | None = None) -> Any:
    return Client().post(
        "/api/v1/token",
        {
            "grant_type": "client_credentials",
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret if secret is None else secret,
        },
    )


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("wrong-secret", "invalid-client"),
        ("unknown-client", "invalid-client"),
        ("client-expired", "client-expired"),
        ("client-revoked", "client-revoked"),
        ("rate-limited", "rate-limited"),
    ],
)
def test_no_token_is_given_to_a_client_that_may_not_have_one(
    case: str, code: str, world: World
) -> None:
    # given a client that may not have a token
    fresh_rate_limits()
    credentials = register(world.sam, statewide=True, rate=1 if case == "rate-limited" else 600)
    secret = None
    if case == "wrong-secret":
        secret = credentials.client_secret[:-1] + "x"
    elif case == "unknown-client":
        DepartmentClient.objects.filter(pk=credentials.client.pk).update(client_id="dept-gone")
    elif case == "client-expired":
        DepartmentClient.objects.filter(pk=credentials.client.pk).update(
            expires_on=timezone.localdate() - timedelta(days=1)
        )
    elif case == "client-revoked":
        client_revoke(actor=world.sam, client=credentials.client, reason="Matrix")
    elif case == "rate-limited":
        assert _token(credentials).status_code == 200
    tokens = ApiToken.objects.count()
    # when it asks for one
    response = _token(credentials, secret)
    # then it is refused and none is made
    problem = _problem(response)
    assert (response.status_code, problem["code"]) == (429 if code == "rate-limited" else 401, code)
    assert ApiToken.objects.count() == tokens


def test_the_schema_is_open_and_holds_no_data(setting: Setting) -> None:
    """/api/v1/openapi.json is public (the reference), and names no record."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    body = response.content.decode()
    assert setting.data.active.member_id not in body
    assert setting.data.aadhaar not in body
