import csv
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from registry.models import Member
from registry.names import normalize_name
from scale import synth_vocab
from scale.importer import run_import
from scale.models import DuplicateCluster
from scale.services import decide_cluster, member_places, store_clusters
from scale.sweep import run, score
from scale.synth import generate
from tests import factories as f
from tests.scale.conftest import SMALL

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sweep_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sweep")
    generate(out, seed=11, families=400, duplicate_rate=0.03, **SMALL)
    return out


def _load(state: Path) -> set[frozenset[str]]:
    from geography.services import geography_import

    assert not geography_import(sorted((state / "geography").glob("*.csv"))).rejected
    assert not run_import(state / "families.csv", state / "members.csv").rejected
    with (state / "duplicates.csv").open(encoding="utf-8") as handle:
        return {frozenset(row) for row in list(csv.reader(handle))[1:]}


def test_the_sweep_finds_the_planted_duplicates(sweep_state: Path) -> None:
    planted = _load(sweep_state)
    # The weights are set, not learned: a small register is swept at the state's threshold.
    result = run()
    ids = member_places([pk for c in result.clusters for pk in c])
    found = [[ids[pk][0] for pk in c] for c in result.clusters]
    precision, recall = score(found, planted)
    assert len(planted) >= 30
    assert recall >= 0.9, (precision, recall)
    assert precision >= 0.9, (precision, recall)
    stored = store_clusters(actor=None, sweep="test", result=result)
    assert stored == DuplicateCluster.objects.count() == len(result.clusters)
    assert AuditEvent.objects.filter(event_type="duplicates.swept").count() == 1
    # A second sweep replaces the open groups and keeps decided ones out.
    cluster = DuplicateCluster.objects.first()
    assert cluster is not None
    officer = f.local_body_officer(cluster.area.local_body)
    decide_cluster(
        actor=officer, cluster=cluster, status=DuplicateCluster.Status.DISTINCT, reason="Twins."
    )
    store_clusters(actor=None, sweep="again", result=result)
    assert DuplicateCluster.objects.count() == stored
    assert (
        DuplicateCluster.objects.filter(status=DuplicateCluster.Status.OPEN).count() == stored - 1
    )


def _entered_again_with_another_surname() -> tuple[Member, Member]:
    """Someone of the register entered again in another family of the same area, their surname
    spelled otherwise in both scripts (Chouhan/Chauhan, चौहान/चोहान), a year off, no mobile."""
    latin, hindi = synth_vocab.variants()
    for original in Member.objects.select_related("family").order_by("pk"):
        first, *_middle, surname = original.name_en.split()
        first_hi, *_rest, surname_hi = original.name_hi.split()
        other = [v for v in latin.get(surname, ()) if normalize_name(v) != normalize_name(surname)]
        if _middle or not other or not hindi.get(surname_hi) or original.birth_year is None:
            continue
        copy = f.MemberFactory(
            family=f.FamilyFactory(area=original.family.area),
            name_en=f"{first} {other[0]}",
            name_hi=f"{first_hi} {hindi[surname_hi][0]}",
            gender=original.gender,
            birth_year=original.birth_year + 1,
            date_of_birth=None,
            father_or_husband_name=original.father_or_husband_name,
            mobile="",
        )
        return original, copy
    raise AssertionError("no member with a surname that has another spelling")


def test_the_sweep_finds_a_duplicate_whose_surname_is_spelled_otherwise(
    sweep_state: Path,
) -> None:
    _load(sweep_state)
    original, copy = _entered_again_with_another_surname()
    result = run()
    assert any({original.pk, copy.pk} <= set(cluster) for cluster in result.clusters)


def test_deciding_a_group_needs_jurisdiction_and_a_reason(sweep_state: Path) -> None:
    area = f.AreaFactory()
    cluster = DuplicateCluster.objects.create(sweep="s", area=area, size=2, best_probability=0.99)
    outsider = f.local_body_officer(f.LocalBodyFactory())
    with pytest.raises(PermissionDenied):
        decide_cluster(
            actor=outsider, cluster=cluster, status=DuplicateCluster.Status.DISTINCT, reason="x" * 9
        )
    officer = f.local_body_officer(area.local_body)
    with pytest.raises(ValidationError):
        decide_cluster(
            actor=officer, cluster=cluster, status=DuplicateCluster.Status.DISTINCT, reason=""
        )
    decided = decide_cluster(
        actor=officer,
        cluster=cluster,
        status=DuplicateCluster.Status.CONFIRMED,
        reason="Same Aadhaar.",
    )
    assert decided.status == DuplicateCluster.Status.CONFIRMED and decided.decided_by == officer
    assert AuditEvent.objects.filter(event_type="duplicates.cluster_decided").count() == 1
    with pytest.raises(ValidationError):
        decide_cluster(
            actor=officer, cluster=cluster, status=DuplicateCluster.Status.DISTINCT, reason="Again."
        )
