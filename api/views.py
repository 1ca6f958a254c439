"""The API's reference page: the OpenAPI schema rendered on the server (no JavaScript)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from api.main import api
from api.problems import PROBLEMS
from core.authz import public


@public
def reference_view(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = [
        {"method": method.upper(), "path": path_, **op}
        for path_, item in schema["paths"].items()
        for method, op in item.items()
    ]
    problems = [
        {"code": code, "status": status, "title": title}
        for code, (status, title) in PROBLEMS.items()
    ]
    return render(
        request,
        "api/reference.html",
        {"schema": schema, "operations": operations, "problems": problems},
    )
