"""The citizen's "who saw my data": every read of the family's data by a department's system."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from api import selectors
from api.labels import operation_label, purpose_label, scope_labels
from core.authz import citizens_only
from core.pagination import paginate


@citizens_only
def citizen_reads_view(request: HttpRequest) -> HttpResponse:
    family_id: str = request.citizen.family_id  # type: ignore[attr-defined]
    page = paginate(request, selectors.reads_of_family(family_id))
    rows = [
        {
            "read": read,
            "operation": operation_label(read.operation),
            "purpose": purpose_label(read.purpose),
            "groups": scope_labels(read.scopes),
        }
        for read in page
    ]
    return render(
        request,
        "api/citizen_reads.html",
        {"page": page, "rows": rows, "family_id": family_id},
    )
