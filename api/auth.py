"""Bearer-token authentication of department clients (api.services.authenticate)."""

import uuid
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from api.models import DepartmentClient
from api.problems import ApiProblem
from api.services import authenticate


class ClientToken(HttpBearer):
    """``Authorization: Bearer <token>`` from ``POST /api/v1/token``. Unlike ninja's own
    HttpBearer, never writes the header to a log."""

    openapi_description = (
        "A bearer token from POST /api/v1/token (OAuth 2.0 client credentials), valid for a "
        "few minutes."
    )

    def __call__(self, request: HttpRequest) -> Any:
        value = request.headers.get("Authorization", "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiProblem("unauthenticated")
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> DepartmentClient:
        client = authenticate(token)
        request.api_client = client  # type: ignore[attr-defined]
        return client


def request_id(request: HttpRequest) -> str:
    """One ID per API request: in the response's X-Request-Id and in each logged read; the
    request's own (ops.middleware: the proxy's, or a new one), so that the logs and the read
    log name it alike."""
    found: str | None = getattr(request, "request_id", None) or getattr(
        request, "api_request_id", None
    )
    if found is None:
        found = uuid.uuid4().hex
        request.api_request_id = found  # type: ignore[attr-defined]
    return found


def client_of(request: HttpRequest) -> DepartmentClient:
    client: DepartmentClient = request.auth  # type: ignore[attr-defined]
    return client
