"""A planted SQL injection that only the scan's portal serves (security/scan_urls.py, named by
security/scan_settings.py; never the portal's own URLconf), so that every scan proves that sqlmap,
run with the options the scan gives it, still finds an injection on pages like the portal's.

Two pages, each with the flaw the scan exists to catch, a value put into SQL as text:
- GET /scan-canary/districts/?code=...: the districts whose LGD code is the value (a query
  parameter, as the portal's searches take them);
- POST /scan-canary/district/: a form like the portal's (a masked CSRF token that differs on every
  answer, the submitted number shown again in its field, an error message under it) that shows
  the district with that number.

security/scan.py attacks both with every other target and fails when sqlmap does not report both
as injectable: a scan that could no longer find this could not find one in the portal either.
"""

from contextlib import suppress

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.template import engines

from core.authz import public
from geography.models import District

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Scan canary</title></head>
<body><main>
<h1>Districts</h1>
<p><a href="/scan-canary/districts/?code={{ first.lgd_code }}">{{ first.name_en }}</a></p>
<form method="post" action="/scan-canary/district/">{% csrf_token %}
<label for="number">District number</label>
<input type="text" name="number" id="number" value="{{ number }}">
{% if error %}<p class="error">{{ error }}</p>{% endif %}
<button type="submit">Show</button>
</form>
<ul>{% for name in names %}<li>{{ name }}</li>{% empty %}<li>No district.</li>{% endfor %}</ul>
</main></body></html>
"""


def _names(where: str) -> list[str]:
    with connection.cursor() as cursor:
        # The planted flaw: the visitor's value written into the SQL text (never do this).
        cursor.execute(
            "SELECT name_en FROM geography_district WHERE " + where + " ORDER BY name_en"  # noqa: S608
        )
        return [row[0] for row in cursor.fetchall()]


def _page(request: HttpRequest, number: str, names: list[str], error: str) -> HttpResponse:
    template = engines["django"].from_string(PAGE)
    first = District.objects.order_by("id").first()
    context = {
        "number": number or (first.pk if first else ""),
        "names": names,
        "error": error,
        "first": first,
    }
    return HttpResponse(template.render(context, request))


@public
def canary_districts_view(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")
    try:
        names = _names(f"lgd_code = '{code}'")
    except DatabaseError:  # a broken query shows as an empty list, as a careless page's would
        names = []
    return _page(request, "", names, "")


@public
def canary_district_view(request: HttpRequest) -> HttpResponse:
    number = request.POST.get("number", "") if request.method == "POST" else ""
    names: list[str] = []
    if number:
        with suppress(DatabaseError):  # as above: a broken query finds nothing
            names = _names(f"id = {number}")
    return _page(request, number, names, "No such district." if number and not names else "")
