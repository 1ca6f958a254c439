"""Schemathesis' state machine over the served schema's OpenAPI links (api/v1/links.py): a
department's flows as sequences of calls, each next call fed by an earlier answer (ask for an
export, follow its status, download it; verify a Member ID, read the member and its family;
turn the change feed's pages). The worker writes each export as soon as it is asked for.

Checks every step as the per-operation test does (no server error; status, content type,
headers and body as documented); and that the flows were followed: an export asked for in the
run was downloaded through a link, and a read followed a verification. Bounded and
reproducible: derandomized, 40 scenarios of at most 8 steps (about 20 s)."""

from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, settings
from schemathesis.generation.stateful import run_state_machine_as_test
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput

from api.exports import export_write
from api.models import ApiExport
from tests.api.test_schemathesis import CHECKS, api_schema, in_test_transaction
from tests.identity_vault.conftest import development_vault_and_sandbox

# fixtures: the served schema with a token of every scope, its WSGI app in the test's
# transaction; the vault's development key and the UIDAI sandbox
__all__ = ["api_schema", "development_vault_and_sandbox", "in_test_transaction"]

pytestmark = pytest.mark.django_db

SCENARIOS = 40
STEPS = 8
EXPORTS = "POST /api/v1/exports"
EXPORT_FILE = "GET /api/v1/exports/{export_id}/file"


def test_the_linked_flows_answer_as_the_schema_says(api_schema: schemathesis.BaseSchema) -> None:
    auth = {"Authorization": f"Bearer {api_schema.token}"}  # type: ignore[attr-defined]
    checks = [getattr(schemathesis.checks, name) for name in CHECKS]
    asked: set[str] = set()  # exports asked for in this run
    downloaded: set[str] = set()
    statuses: Counter[tuple[str, int]] = Counter()
    # (operation, status) of the calls made with values from an earlier answer
    linked: Counter[tuple[str, int]] = Counter()
    base = api_schema.as_state_machine()

    class Department(base):  # type: ignore[valid-type, misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": auth}

        def step(self, input: StepInput) -> StepOutput:
            output = super().step(input)
            if input.transition is not None and input.is_applied:
                linked[input.case.operation.label, output.response.status_code] += 1
            return output

        def after_call(self, response: Any, case: schemathesis.Case) -> None:
            super().after_call(response, case)
            label = case.operation.label
            statuses[label, response.status_code] += 1
            if label == EXPORTS and response.status_code == 202:
                # the worker's part, as soon as the export is asked for
                public_id = response.json()["id"]
                asked.add(public_id)
                export_write(export_id=ApiExport.objects.get(public_id=public_id).pk)
            if label == EXPORT_FILE and response.status_code == 200:
                downloaded.add(case.path_parameters["export_id"])  # type: ignore[index]

        def validate_response(self, response: Any, case: schemathesis.Case, **kwargs: Any) -> None:
            case.validate_response(
                response, checks=checks, transport_kwargs=kwargs, recorder=self.recorder
            )

    # when the flows are run, scenario after scenario
    run_state_machine_as_test(
        Department,
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )
    # then every step answered as documented (validate_response), and the flows were followed:
    # an export asked for in the run was downloaded by its link
    assert asked & downloaded, (sorted(statuses.items()), linked)
    assert linked[EXPORT_FILE, 200] > 0, linked


def test_the_served_schema_links_the_flows() -> None:
    # given the schema as served
    schema = Client(HTTP_HOST="localhost").get("/api/v1/openapi.json").json()
    by_id = {
        operation["operationId"]: f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }
    # then every link names an operation of the schema
    targets = {}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                for name, link in answer.get("links", {}).items():
                    targets[f"{method.upper()} {path} {status} {name}"] = by_id[link["operationId"]]
    # and an export asked for links to its status and its file, by its id
    assert targets[f"{EXPORTS} 202 ExportStatus"] == "GET /api/v1/exports/{export_id}"
    assert targets[f"{EXPORTS} 202 ExportFile"] == EXPORT_FILE
    link = schema["paths"]["/api/v1/exports"]["post"]["responses"]["202"]["links"]["ExportFile"]
    assert link["parameters"] == {"export_id": "$response.body#/id"}
    # and a verified member to the member and its family
    verified = "GET /api/v1/members/{member_id}/status 200"
    assert targets[f"{verified} Member"] == "GET /api/v1/members/{member_id}"
    assert targets[f"{verified} FamilyStatus"] == "GET /api/v1/families/{family_id}/status"
