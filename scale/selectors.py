"""Reads for the statewide duplicate sweep's work: the open groups and their people."""

from django.db.models import Prefetch, QuerySet

from officials import jurisdiction
from officials.models import Official
from registry.models import Member
from scale.models import DuplicateCluster, DuplicateClusterMember


def open_clusters(official: Official) -> QuerySet[DuplicateCluster]:
    """Open groups, most probable first; each with its people (one query for the page)."""
    people = Prefetch(
        "rows",
        queryset=DuplicateClusterMember.objects.select_related("member").order_by("pk"),
    )
    return jurisdiction.scope(
        official,
        DuplicateCluster.objects.filter(status=DuplicateCluster.Status.OPEN)
        .select_related("area")
        .prefetch_related(people)
        .order_by("-best_probability", "pk"),
    )


def cluster_people(cluster: DuplicateCluster) -> list[Member]:
    """The group's people with their families and places, for the side-by-side view."""
    return list(
        Member.objects.filter(pk__in=cluster.rows.values("member_id"))
        .select_related("family__area", "family__village")
        .order_by("pk")[:20]
    )


def cluster_for_official(official: Official, pk: int) -> DuplicateCluster:
    return jurisdiction.get_or_404(
        jurisdiction.scope(official, DuplicateCluster.objects.select_related("area__local_body")),
        pk=pk,
    )
