from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.authz import officials_only, public
from core.forms import add_service_errors
from core.pagination import paginate
from officials.models import Official, Role
from scale.forms import ClusterDecisionForm
from scale.models import DuplicateCluster
from scale.selectors import cluster_for_official, cluster_people, open_clusters
from scale.services import decide_cluster


@public
def floor_view(request: HttpRequest) -> HttpResponse:
    """The same stack (middleware, templates, base layout) touching no database: the floor the
    lookup benchmark compares the family page with."""
    return render(request, "scale/floor.html")


@officials_only(Role.LOCAL_BODY_OFFICER)
def cluster_list_view(request: HttpRequest) -> HttpResponse:
    """Groups of probable duplicates from the statewide sweep, in the officer's local body."""
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, open_clusters(official))
    return render(request, "scale/cluster_list.html", {"page": page})


@officials_only(Role.LOCAL_BODY_OFFICER)
def cluster_detail_view(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The people of one group side by side, and the officer's decision."""
    official: Official = request.user  # type: ignore[assignment]
    cluster = cluster_for_official(official, cluster_id)
    form = ClusterDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decide_cluster(
                actor=official,
                cluster=cluster,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            if form.cleaned_data["status"] == DuplicateCluster.Status.CONFIRMED:
                # The same person: the next step is the merge, from the group's own page.
                return redirect("scale:cluster_detail", cluster.pk)
            return redirect("scale:cluster_list")
    return render(
        request,
        "scale/cluster_detail.html",
        {"cluster": cluster, "people": cluster_people(cluster), "form": form},
    )
