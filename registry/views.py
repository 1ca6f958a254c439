from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.authz import officials_only
from core.pagination import keyset_page, paginate
from core.pdf import render_pdf
from officials.models import Official
from officials.selectors import area_choices, current_area
from ops.replicas import replica_reads_on_get
from registry.card_verify import family_card_context
from registry.forms import SearchForm
from registry.ids import is_valid_family_id
from registry.search import members_search, retired_family_searched
from registry.selectors import (
    families_for_list,
    family_events,
    family_for_official,
    family_list_count,
    family_page,
    has_living_head,
)


@officials_only()
@replica_reads_on_get
def family_list_view(request: HttpRequest) -> HttpResponse:
    """The families of the official's jurisdiction by Family ID, a page at a time by key
    (core.pagination.keyset_page): the 480th page of a local body costs what the first does."""
    official: Official = request.user  # type: ignore[assignment]
    area = current_area(official, request.session.get("current_area"))
    families = families_for_list(official, area)
    page = keyset_page(
        request,
        families,
        key="family_id",
        valid_key=is_valid_family_id,
        count=lambda: family_list_count(official, area, families),
    )
    return render(request, "registry/family_list.html", {"page": page, "current_area": area})


@officials_only()
def family_detail_view(request: HttpRequest, family_id: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    family, members = family_page(official, family_id)
    application = getattr(family, "application", None)
    documents = (
        application.documents.select_related("document", "application")
        if application is not None
        else []
    )
    context = {
        "family": family,
        "members": members,
        "headless": not has_living_head(members),
        "application": application,
        "documents": documents,
        "events": paginate(request, family_events(family, members)),
    }
    return render(request, "registry/family_detail.html", context)


@officials_only()
def family_card_view(request: HttpRequest, family_id: str) -> HttpResponse:
    """The bilingual Samagra family card as a PDF, for officials within jurisdiction."""
    official: Official = request.user  # type: ignore[assignment]
    family = family_for_official(official, family_id)
    pdf = render_pdf("pdf/family_card.html", family_card_context(request, family))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="samagra-family-{family.family_id}.pdf"'
    )
    return response


@officials_only()
@replica_reads_on_get
def search_view(request: HttpRequest) -> HttpResponse:
    """Members of the register within the official's jurisdiction, by ID, mobile or name."""
    official: Official = request.user  # type: ignore[assignment]
    form = SearchForm(request.GET or None, areas=area_choices(official))
    page = retired = None
    if form.is_bound and form.is_valid():
        query = form.to_query()
        page = paginate(request, members_search(official, query))  # type: ignore[arg-type]
        retired = retired_family_searched(official, query)
    context = {"form": form, "page": page, "retired": retired}
    return render(request, "registry/search.html", context)
