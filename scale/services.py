"""Writes of the scale app: the duplicate sweep's clusters and the officers' decisions on them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from geography.models import State
from officials import jurisdiction
from officials.models import Official
from registry.models import Member
from scale.models import DuplicateCluster, DuplicateClusterMember
from scale.sweep import SweepResult


def _chunks(values: list[int], size: int = 900) -> list[list[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def member_places(pks: list[int]) -> dict[int, tuple[str, int]]:
    """Member pk → (Member ID, area pk), read in bounded chunks."""
    out: dict[int, tuple[str, int]] = {}
    for chunk in _chunks(pks):
        for pk, member_id, area in Member.objects.filter(pk__in=chunk).values_list(
            "pk", "member_id", "family__area_id"
        ):
            out[pk] = (member_id, area)
    return out


def store_clusters(*, actor: Official | None, sweep: str, result: SweepResult) -> int:
    """Replace the open clusters of earlier sweeps by this sweep's; groups already decided
    (the same people) are not raised again. One transaction, one audit row."""
    places = member_places([pk for ids in result.clusters for pk in ids])
    decided = {
        frozenset(c.rows.values_list("member_id", flat=True))
        for c in DuplicateCluster.objects.exclude(status=DuplicateCluster.Status.OPEN).only("pk")
    }
    with transaction.atomic():
        DuplicateCluster.objects.filter(status=DuplicateCluster.Status.OPEN).delete()
        new = []
        kept: list[list[int]] = []
        for index, ids in enumerate(result.clusters):
            if frozenset(ids) in decided or ids[0] not in places:
                continue
            new.append(
                DuplicateCluster(
                    sweep=sweep,
                    area_id=places[ids[0]][1],
                    size=len(ids),
                    best_probability=result.best.get(index, 0.0),
                )
            )
            kept.append(ids)
        created = DuplicateCluster.objects.bulk_create(new, batch_size=2000)
        DuplicateClusterMember.objects.bulk_create(
            [
                DuplicateClusterMember(cluster=cluster, member_id=pk)
                for cluster, ids in zip(created, kept, strict=True)
                for pk in ids
            ],
            batch_size=5000,
        )
        state = State.objects.order_by("pk").first()
        if state is not None:
            audit_record(
                actor=actor,
                event_type="duplicates.swept",
                subject=state,
                changes={
                    "sweep": [None, sweep],
                    "members": [None, result.members],
                    "clusters": [None, len(created)],
                },
            )
    return len(created)


def decide_cluster(
    *, actor: Official, cluster: DuplicateCluster, status: str, reason: str
) -> DuplicateCluster:
    """A local body officer's decision: the same person (to be merged through the register's
    correction process) or different people (the group is not raised again)."""
    if not jurisdiction.scope(actor, DuplicateCluster.objects.filter(pk=cluster.pk)).exists():
        raise PermissionDenied
    if status not in (DuplicateCluster.Status.DISTINCT, DuplicateCluster.Status.CONFIRMED):
        raise ValidationError({"status": _("Choose a decision.")})
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    with transaction.atomic():
        locked = DuplicateCluster.objects.select_for_update().get(pk=cluster.pk)
        if locked.status != DuplicateCluster.Status.OPEN:
            raise ValidationError(_("This group has already been decided."))
        locked.status, locked.reason = status, reason
        locked.decided_by, locked.decided_at = actor, timezone.now()
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            event_type="duplicates.cluster_decided",
            subject=locked,
            changes={"status": [DuplicateCluster.Status.OPEN, status], "reason": [None, reason]},
            area=locked.area,
        )
    return locked


def demo_clusters() -> int:
    """For the demo state: in each local body, the first two heads of family with the same
    name and year in different families become a group to review (what a sweep would raise)."""
    from collections import defaultdict

    created = 0
    seen: dict[tuple[int, str, int | None], list[Member]] = defaultdict(list)
    heads = Member.objects.filter(relation="HEAD").select_related("family__area").order_by("pk")
    for member in heads:
        area = member.family.area
        seen[(area.local_body_id, member.name_en, member.birth_year)].append(member)
    groups = {}
    for (local_body, _name, _year), people in seen.items():
        if len(people) > 1 and local_body not in groups:
            groups[local_body] = people[:2]
    for people in groups.values():
        cluster = DuplicateCluster.objects.create(
            sweep="demo", area=people[0].family.area, size=2, best_probability=0.99
        )
        DuplicateClusterMember.objects.bulk_create(
            [DuplicateClusterMember(cluster=cluster, member=m) for m in people]
        )
        created += 1
    return created
