"""Register searches that stay fast at state size: by ID and mobile on unique or plain indexes,
by name (either script) within a local body on the name key, always bounded and scoped."""

from django.db.models import Prefetch, QuerySet
from rapidfuzz import fuzz

from officials import jurisdiction
from officials.models import Official
from registry.models import Member
from registry.names import name_keys, normalize_name
from scale.models import DuplicateCluster, DuplicateClusterMember

SCAN_LIMIT = 500  # rows read at most for one name search
RESULTS = 25


def _members(official: Official) -> QuerySet[Member]:
    return jurisdiction.scope(official, Member.objects.select_related("family__area"))


def member_by_id(official: Official, member_id: str) -> Member | None:
    return _members(official).filter(member_id=member_id).first()


def members_by_family_id(official: Official, family_id: str) -> list[Member]:
    return list(_members(official).filter(family__family_id=family_id)[:RESULTS])


def members_by_mobile(official: Official, mobile: str) -> list[Member]:
    return list(_members(official).filter(mobile=mobile).order_by("pk")[:RESULTS])


def members_by_name(official: Official, *, local_body_id: int, query: str) -> list[Member]:
    """The closest names in one local body: candidates share a name key (index on name_key,
    family), then rank by similarity in either script."""
    keys = name_keys(query)
    if not keys:
        return []
    candidates = list(
        _members(official)
        .filter(name_key__in=keys, family__area__local_body_id=local_body_id)
        .order_by("pk")[:SCAN_LIMIT]
    )
    wanted = normalize_name(query)

    def closeness(m: Member) -> float:
        # Both scripts normalize to one rough Latin spelling; the Latin name is the cheap side.
        return fuzz.token_set_ratio(wanted, normalize_name(m.name_en))

    ranked = sorted(candidates, key=lambda m: (-closeness(m), m.pk))
    return ranked[:RESULTS]


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
