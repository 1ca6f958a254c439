"""dashboards.compute: a day's figures per area from the register and the change feed."""

from datetime import timedelta

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboards.compute import figures_compute
from dashboards.models import AreaDayFigures, DistrictDayFigures, LocalBodyDayFigures
from tests import factories as f
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.dashboards.support import migrate, record_birth, record_death, register_family


def _row(area: object) -> AreaDayFigures:
    return AreaDayFigures.objects.get(area=area, day=timezone.localdate())


def test_it_counts_each_areas_families_members_and_ekyc(world: World) -> None:
    ekyc_with_linked_mobile(world.family_a1.members.get())
    figures_compute(day=timezone.localdate())
    a1 = _row(world.a1)
    assert (a1.families, a1.members, a1.ekyc_done) == (1, 1, 1)
    assert (_row(world.a2).families, _row(world.x1).ekyc_done) == (0, 0)


def test_a_registered_family_shows_in_the_next_computation(world: World) -> None:
    figures_compute(day=timezone.localdate())
    register_family(world.a2)
    figures_compute(day=timezone.localdate())
    a2 = _row(world.a2)
    assert (a2.families, a2.members, a2.families_registered) == (1, 1, 1)


def test_a_death_and_a_birth_count_where_the_family_lives(world: World) -> None:
    record_death(world.family_a1.members.get())
    record_birth(world.family_a1)
    figures_compute(day=timezone.localdate())
    a1 = _row(world.a1)
    assert (a1.deaths, a1.births, a1.members) == (1, 1, 1)


def test_a_migration_counts_out_where_it_left_and_in_where_it_went(world: World) -> None:
    migrate(world.family_a1, world.b1)  # same district: one feed row
    migrate(world.family_x1, world.a2)  # another district: a feed row on each side
    figures_compute(day=timezone.localdate())
    assert (_row(world.a1).moved_out, _row(world.b1).moved_in) == (1, 1)
    assert (_row(world.x1).moved_out, _row(world.a2).moved_in) == (1, 1)
    assert (_row(world.b1).families, _row(world.a1).families) == (2, 0)
    assert sum(r.moved_in for r in AreaDayFigures.objects.all()) == 2


def test_recomputing_a_day_replaces_its_rows(world: World) -> None:
    figures_compute(day=timezone.localdate())
    figures_compute(day=timezone.localdate())
    assert AreaDayFigures.objects.count() == 4


def test_a_day_counts_only_that_days_changes(world: World) -> None:
    register_family(world.a2)
    figures_compute(day=timezone.localdate() - timedelta(days=1))
    assert AreaDayFigures.objects.get(area=world.a2).families_registered == 0


def _queries_to_compute() -> int:
    with CaptureQueriesContext(connection) as queries:
        figures_compute(day=timezone.localdate())
    return len(queries)


def test_its_queries_do_not_grow_with_the_areas(world: World) -> None:
    few = _queries_to_compute()
    for _ in range(20):
        register_family(f.AreaFactory(local_body=world.lb_a))
    assert _queries_to_compute() == few


def test_the_command_computes_recent_days(world: World) -> None:
    call_command("dashboards_compute", "--days", "2")
    assert AreaDayFigures.objects.count() == 8


def test_a_local_bodys_row_is_the_sum_of_its_areas(world: World) -> None:
    register_family(world.a2)
    migrate(world.family_x1, world.a2)
    figures_compute(day=timezone.localdate())
    body = LocalBodyDayFigures.objects.get(local_body=world.lb_a, day=timezone.localdate())
    assert (body.families, body.members, body.families_registered, body.moved_in) == (4, 4, 1, 1)
    other = LocalBodyDayFigures.objects.get(local_body=world.lb_x)
    assert (other.families, other.moved_out) == (0, 1)


def test_a_districts_row_is_the_sum_of_its_local_bodies(world: World) -> None:
    register_family(world.a2)
    migrate(world.family_x1, world.a2)
    figures_compute(day=timezone.localdate())
    for district in {world.lb_a.district, world.lb_x.district}:
        row = DistrictDayFigures.objects.get(district=district, day=timezone.localdate())
        bodies = LocalBodyDayFigures.objects.filter(local_body__district=district)
        for name in ("families", "members", "families_registered", "moved_in", "moved_out"):
            assert getattr(row, name) == sum(getattr(b, name) for b in bodies)
    assert DistrictDayFigures.objects.filter(families__gt=0).exists()
