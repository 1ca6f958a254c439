"""Schemathesis against the served schema (/api/v1/openapi.json) of the portal's WSGI app: every
operation the schema has, with a token of a client holding every scope statewide, on a register
with records of every kind (IDs, purpose and Aadhaar drawn from it half the time, from the
schema the rest). Checks: no server error; the status code, content type, headers and body as
the schema documents them.

Bounded and reproducible: a few dozen examples an operation, derandomized, no deadline."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from api.services import Credentials
from tests.api.gates import Register, fresh_rate_limits, operations, register_of
from tests.api.support import ALL_SCOPES, PURPOSE, register, token_for
from tests.conftest import World
from tests.identity_vault.conftest import development_vault_and_sandbox

__all__ = ["development_vault_and_sandbox"]  # the vault's development key, the UIDAI sandbox

pytestmark = pytest.mark.django_db

SCHEMA_PATH = "/api/v1/openapi.json"
EXAMPLES = 30
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]


class InTestTransaction(WSGIHandler):
    """The portal's WSGI app, keeping the database connection open after each request (as
    django.test.Client does) so that the requests see the test's data in its transaction.
    The test Client connects the closing again after each of its own requests: so, each call."""

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        return super().__call__(environ, start_response)


@pytest.fixture
def in_test_transaction() -> Iterator[WSGIHandler]:
    try:
        yield InTestTransaction()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _written_export(credentials: Credentials) -> str:
    """An eligibility list of the client's, written (the worker's part run here)."""
    from api.exports import export_request, export_write

    export = export_request(
        client=credentials.client, purpose=PURPOSE, export_format="csv", criteria={}
    )
    export_write(export_id=export.pk)
    return export.public_id


def _real_values(world: World, data: Register, credentials: Credentials) -> dict[str, list[Any]]:
    """Parameter and body field names (at any depth), and values from the register for them."""
    return {
        "member_id": data.member_ids(),
        "family_id": data.family_ids(),
        "export_id": [_written_export(credentials)],
        "purpose": [PURPOSE],
        "aadhaar": [data.aadhaar],
        "fields": ["", "identity", "family,identity,ekyc", "address,contact,social,disability"],
        "district": [world.d_a.lgd_code, world.d_x.lgd_code],
        "local_body": [world.lb_a.lgd_code],
        "grant_type": ["client_credentials"],
        "client_id": [credentials.client_id],
        "client_secret": [credentials.client_secret],
    }


def _with_real(values: dict[str, list[Any]]) -> Any:
    """A before_generate_* hook: a named value is, most of the time, one from the register;
    otherwise as generated."""

    def replaced(generated: Any) -> st.SearchStrategy[Any]:
        if not isinstance(generated, dict):
            return st.just(generated)
        parts = {
            key: st.sampled_from([*values[key] * 3, value]) if key in values else replaced(value)
            for key, value in generated.items()
        }
        return st.fixed_dictionaries(parts)

    def hook(context: Any, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return strategy.flatmap(replaced)

    return hook


@pytest.fixture
def api_schema(
    world: World, settings: Any, tmp_path: Path, in_test_transaction: WSGIHandler
) -> schemathesis.BaseSchema:
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "api_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "exports")},
        },
    }
    fresh_rate_limits()
    data = register_of(world)
    credentials = register(world.sam, statewide=True, scopes=ALL_SCOPES, rate=1_000_000)
    token = token_for(Client(), credentials)
    schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, in_test_transaction)
    values = _real_values(world, data, credentials)
    hook = _with_real(values)
    for where in ("path_parameters", "query", "body"):
        schema.hooks.register_hook_with_name(hook, f"before_generate_{where}")
    schema.token = token  # type: ignore[attr-defined]
    schema.real_values = values  # type: ignore[attr-defined]
    return schema


def _real_cases(operation: Any, values: dict[str, list[Any]]) -> Iterator[schemathesis.Case]:
    """Explicit cases: every combination of the register's values for the operation's path
    parameters, with its query and body fields named in ``values`` filled in too."""
    spec = operation.definition.raw
    params = spec.get("parameters", [])
    path_names = [p["name"] for p in params if p["in"] == "path"]
    query = {
        p["name"]: values[p["name"]][0]
        for p in params
        if p["in"] == "query" and p["name"] in values
    }
    content = spec.get("requestBody", {}).get("content", {})
    media_type = next(iter(content), None)
    body: Any = schemathesis.core.NOT_SET
    if media_type:
        schema = content[media_type]["schema"]
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = operation.schema.raw_schema["components"]["schemas"][name]
        body = {k: values[k][0] for k in schema.get("properties", {}) if k in values}
    combos: list[dict[str, Any]] = [{}]
    for name in path_names:
        combos = [{**c, name: v} for c in combos for v in values.get(name, ["0"])]
    for path_parameters in combos:
        yield operation.Case(
            path_parameters=path_parameters, query=query, body=body, media_type=media_type
        )


# One test per operation of the schema (as served: new endpoints are covered as they come).
# schemathesis' own pytest plugin (schemathesis.pytest.from_fixture) fails under pytest 9.2
# (it reads Node._nodeid, gone), so each operation's strategy drives hypothesis directly.
OPERATIONS = sorted(op.id for op in operations())


@pytest.mark.parametrize("operation_id", OPERATIONS)
def test_every_operation_answers_as_its_schema_says(
    operation_id: str, api_schema: schemathesis.BaseSchema
) -> None:
    method, path = operation_id.split(" ", 1)
    operation = api_schema[path][method]
    auth = {"Authorization": f"Bearer {api_schema.token}"}  # type: ignore[attr-defined]
    checks = [getattr(schemathesis.checks, name) for name in CHECKS]
    statuses: list[int] = []

    # given the register's own IDs, purpose and Aadhaar number
    for case in _real_cases(operation, api_schema.real_values):  # type: ignore[attr-defined]
        statuses.append(case.call_and_validate(headers=auth, checks=checks).status_code)
    # and values drawn from the schema (valid and not), the register's half the time
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, headers=auth),
        operation.as_strategy(GenerationMode.NEGATIVE, headers=auth),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def run(case: schemathesis.Case) -> None:
        statuses.append(case.call_and_validate(headers=auth, checks=checks).status_code)

    # when each is sent / then each answer is as the schema documents it
    run()
    # and the register's data was read, not only refused
    assert any(200 <= s < 300 for s in statuses), f"{operation_id}: {sorted(set(statuses))}"


def test_the_served_schema_is_openapi_3_1_with_a_bearer_and_problems() -> None:
    # given the schema as served
    schema = Client().get(SCHEMA_PATH).json()
    # then it is OpenAPI 3.1 with the bearer scheme
    assert schema["openapi"].startswith("3.1")
    schemes = schema["components"]["securitySchemes"]
    assert {(s["type"], s["scheme"]) for s in schemes.values()} == {("http", "bearer")}
    # and every operation behind it documents the refusals as problem details
    secured = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not operation.get("security"):
                continue
            secured += 1
            for status in ("400", "401", "403", "429"):
                answer = operation["responses"].get(status)
                assert answer, f"{method.upper()} {path} does not document {status}"
                assert list(answer["content"]) == ["application/problem+json"], (method, path)
    assert secured >= 5
