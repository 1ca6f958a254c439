"""Errors as RFC 9457 problem details, in the language the client asks for (Accept-Language:
hi or en; English when it names neither).

Every refusal of the API is an ``ApiProblem``: a status, a stable ``code`` (the end of ``type``,
a link to the reference page's list of problems), a title and a detail in the request's
language, and extension members (``merged_into``, ``retry_after``...).
"""

import json
import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/reference/#problem-"

# code -> (status, title): the whole list is on the reference page.
PROBLEMS: dict[str, tuple[int, Promise]] = {
    "invalid-request": (400, _("The request is not valid")),
    "invalid-id": (400, _("Not a valid Samagra ID")),
    "invalid-cursor": (400, _("The cursor was not given by this feed")),
    "unknown-field": (400, _("Unknown field group")),
    "unauthenticated": (401, _("A valid bearer token is needed")),
    "invalid-client": (401, _("Unknown client or wrong secret")),
    "token-expired": (401, _("The token has expired")),
    "client-revoked": (401, _("The client has been revoked")),
    "client-expired": (401, _("The client's validity has ended")),
    "scope-not-granted": (403, _("This client may not read these fields")),
    "purpose-not-registered": (403, _("This purpose is not registered for the client")),
    "outside-areas": (403, _("The record is outside the client's areas")),
    "not-found": (404, _("No such record")),
    "merged": (410, _("This ID was merged into another")),
    "export-not-ready": (409, _("The export is not ready")),
    "export-expired": (410, _("The export has expired")),
    "rate-limited": (429, _("Too many requests")),
}


class ApiProblem(Exception):
    def __init__(self, code: str, detail: str | Promise = "", **extensions: Any) -> None:
        super().__init__(code)
        self.code = code
        self.status, self.title = PROBLEMS[code]
        self.detail = detail
        self.extensions = extensions


def problem_body(problem: ApiProblem, instance: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"{TYPE_BASE}{problem.code}",
        "title": str(problem.title),
        "status": problem.status,
        "detail": str(problem.detail or problem.title),
        "instance": instance,
        "code": problem.code,
    }
    body.update({k: str(v) if isinstance(v, Promise) else v for k, v in problem.extensions.items()})
    return body


# A run of 10 or more digits in a path is no Samagra ID: it may be a mobile or an Aadhaar
# number sent where an ID goes, and is not echoed back.
LONG_DIGITS = re.compile(r"\d{10,}")


def problem_response(request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    instance = LONG_DIGITS.sub(lambda m: "X" * len(m.group()), request.path)
    response = HttpResponse(
        json.dumps(problem_body(problem, instance), ensure_ascii=False),
        status=problem.status,
        content_type=CONTENT_TYPE,
    )
    if problem.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="samagra"'
    if "retry_after" in problem.extensions:
        response["Retry-After"] = str(problem.extensions["retry_after"])
    return response
