"""The API's reference page: the OpenAPI schema rendered on the server (no JavaScript), so it
works offline and reads on a phone."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from api import reference
from api.main import api
from api.models import Scope
from api.problems import PROBLEMS
from core.authz import public


@public
def reference_view(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    base = request.build_absolute_uri("/").rstrip("/")
    operations = reference.operations(schema, base)
    problems = [
        {"code": code, "status": status, "title": title}
        for code, (status, title) in PROBLEMS.items()
    ]
    return render(
        request,
        "api/reference.html",
        {
            "schema": schema,
            "description": reference.blocks(schema["info"].get("description", "")),
            "base": base,
            "operations": operations,
            "steps": reference.getting_started(operations),
            "schemas": reference.schemas(schema),
            "problems": problems,
            "scopes": Scope.choices,
            "token_seconds": settings.API_TOKEN_SECONDS,
            "example_purpose": reference.EXAMPLE_PURPOSE,
        },
    )
