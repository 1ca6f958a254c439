"""The department API, version 1: ``/api/v1/``. Its OpenAPI 3.1 schema is generated from the
code (``/api/v1/openapi.json``); the reference page (``/api/v1/reference/``) is rendered from
that schema on the server and works offline."""

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Form, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api.auth import ClientToken, request_id
from api.problems import CONTENT_TYPE, ApiProblem, problem_response
from api.services import token_issue
from api.v1.links import add_links
from api.v1.records import router as records_router
from api.v1.schemas import Problem

DESCRIPTION = """
The State Population Register (Samagra) as a service to departments.

1. The state administrator registers your system as a *client* in the portal (Department API
   clients): the field groups (scopes) and districts it may read, its purposes, a rate limit,
   a validity. You receive a client ID and a secret, shown once.
2. `POST /api/v1/token` with `grant_type=client_credentials`, `client_id` and `client_secret`
   (form-encoded, or HTTP Basic) gives a bearer token valid for a few minutes.
3. Call the API with `Authorization: Bearer <token>` and state one of your registered
   purposes (`purpose`) in every request. Every record you read is logged, and the family can
   see who read its data, when and why.

Errors are RFC 9457 problem details (`application/problem+json`), in Hindi with
`Accept-Language: hi`. No answer ever holds an Aadhaar number.
"""


# What any operation behind a bearer token may answer before its own code runs (401, 429 from
# the token; 400 from validation) or in its first lines (403: scope and purpose).
AUTH_PROBLEMS = (400, 401, 403, 429)
PROBLEM_REF = "#/components/schemas/Problem"


class SamagraApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _document_problems(schema)
        add_links(schema)
        return schema

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return _finish(request, response)


def _document_problems(schema: Any) -> None:
    """Problems are served as application/problem+json (ninja would document them as
    application/json), and every operation behind a token documents the refusals of the token,
    the scope, the purpose, the rate and validation."""
    problem = {CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Problem", Problem.model_json_schema())
    for item in schema["paths"].values():
        for operation in item.values():
            responses = operation["responses"]
            for answer in responses.values():
                content = answer.get("content", {})
                if content.get("application/json", {}).get("schema") == {"$ref": PROBLEM_REF}:
                    answer["content"] = dict(problem)
            if operation.get("security"):
                documented = {str(status) for status in responses}
                for status in AUTH_PROBLEMS:
                    if str(status) not in documented:
                        responses[status] = {
                            "description": HTTPStatus(status).phrase,
                            "content": dict(problem),
                        }


def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    response["X-Request-Id"] = request_id(request)
    response["Cache-Control"] = "no-store"
    return response


api = SamagraApi(
    title="Samagra — department API",
    version="1.0.0",
    description=DESCRIPTION,
    # Included under the portal's "api" app (api/urls.py): ninja reverses its root (the schema
    # view) by this full name.
    urls_namespace="api:api-v1",
    auth=ClientToken(),
    docs_url=None,
    openapi_url="/openapi.json",
)


@api.exception_handler(ApiProblem)
def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return _finish(request, problem_response(request, exc))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"location": list(map(str, e.get("loc", ()))), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    problem = ApiProblem("invalid-request", _("Some values are missing or invalid."), errors=errors)
    return _finish(request, problem_response(request, problem))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _finish(request, problem_response(request, ApiProblem("unauthenticated")))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _finish(request, problem_response(request, ApiProblem("not-found")))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {404: "not-found", 401: "unauthenticated", 429: "rate-limited"}.get(
        exc.status_code, "invalid-request"
    )
    return _finish(request, problem_response(request, ApiProblem(code)))


class TokenOut(Schema):
    access_token: str
    token_type: str
    expires_in: int
    scope: str


@api.post(
    "/token",
    auth=None,
    response={200: TokenOut, 400: Problem, 401: Problem, 429: Problem},
    summary="Get a bearer token (OAuth 2.0 client credentials)",
    tags=["auth"],
)
def token(
    request: HttpRequest,
    grant_type: str = Form(..., description="Always client_credentials."),
    client_id: str = Form("", description="Or in HTTP Basic authentication."),
    client_secret: str = Form("", description="Or in HTTP Basic authentication."),
) -> TokenOut:
    """A bearer token for the client, valid for ``expires_in`` seconds. Ask for a new one
    when it expires; a revoked client or a replaced secret gets none."""
    if grant_type != "client_credentials":
        raise ApiProblem("invalid-request", _("Only grant_type=client_credentials is supported."))
    if not client_id:
        client_id, client_secret = _basic(request)
    issued = token_issue(client_id=client_id, client_secret=client_secret)
    return TokenOut(
        access_token=issued.access_token,
        token_type="Bearer",  # noqa: S106  (the OAuth token type, not a password)
        expires_in=issued.expires_in,
        scope=issued.scope,
    )


def _basic(request: HttpRequest) -> tuple[str, str]:
    import base64
    import binascii

    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        raise ApiProblem("invalid-client")
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise ApiProblem("invalid-client") from None
    client_id, _sep, secret = decoded.partition(":")
    return client_id, secret


api.add_router("/", records_router)
api.add_router("/", "api.v1.feed.router")
api.add_router("/", "api.v1.exports.router")
