"""The dashboard on each supervising official's home page."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboards.compute import figures_compute
from officials.models import Official
from tests import factories as f
from tests.conftest import World, client_for
from tests.dashboards.support import record_death, register_family
from tests.registration import builders


def _english(official: Official) -> Client:
    client = client_for(official)
    client.cookies["django_language"] = "en"
    return client


def _home(official: Official, query: str = "") -> str:
    response = _english(official).get(f"/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _computed(world: World) -> None:
    record_death(world.family_x1.members.get())
    figures_compute(day=timezone.localdate())


def test_the_state_admin_sees_every_district_and_can_open_one(world: World) -> None:
    _computed(world)
    page = _home(world.sam)
    assert world.d_a.name in page and world.d_x.name in page
    assert f"?in={world.d_a.lgd_code}" in page
    drilled = _home(world.sam, f"?in={world.d_x.lgd_code}")
    assert world.lb_x.name in drilled and world.lb_a.name not in drilled


def test_a_district_officer_sees_their_local_bodies_only(world: World) -> None:
    _computed(world)
    page = _home(world.erin)
    assert world.lb_a.name in page
    assert world.lb_x.name not in page and world.d_x.name not in page


def test_a_district_officer_cannot_open_another_district(world: World) -> None:
    _computed(world)
    for code in (world.d_x.lgd_code, world.lb_x.lgd_code):
        page = _home(world.erin, f"?in={code}")
        assert "There is no district or local body with that code in your area." in page
        assert world.lb_x.name not in page


def test_a_district_officers_figures_leave_out_other_districts(world: World) -> None:
    _computed(world)  # the one death is in district x
    response = client_for(world.erin).get("/")
    assert response.context["dashboard"].total.deaths == 0
    assert response.context["dashboard"].total.families == 2
    assert client_for(world.frank).get("/").context["dashboard"].total.deaths == 1


def test_a_local_body_officer_sees_their_areas(world: World) -> None:
    _computed(world)
    page = _home(world.carol)
    assert world.a1.name in page and world.b1.name in page and world.x1.name not in page
    page = _home(world.carol, f"?in={world.lb_a.lgd_code}")
    assert "There is no district or local body with that code in your area." in page


def test_a_bad_period_is_told_and_the_months_shown(world: World) -> None:
    response = _english(world.sam).get("/?period=fortnight")
    assert "Show the trend by month or by week." in response.content.decode()
    assert response.context["dashboard"].period == "month"


def test_the_trend_can_be_by_week(world: World) -> None:
    response = client_for(world.sam).get("/?period=week")
    assert response.context["dashboard"].period == "week"
    assert len(response.context["dashboard"].trend) == 12


def test_it_says_when_nothing_is_computed_yet(world: World) -> None:
    assert "have not been computed yet" in _home(world.sam)


def test_it_says_which_day_the_figures_are_for(world: World) -> None:
    _computed(world)
    assert timezone.localdate().strftime("%d-%m-%Y") in _home(world.sam)


def test_pending_registrations_show_per_area_and_holder(world: World) -> None:
    builders.submitted(world.alice, world.a1, [builders.head()])
    response = client_for(world.carol).get("/")
    pending = {p.kind.key: p for p in response.context["dashboard"].pending}
    assert pending["application"].total == 1
    assert [h.name for h in pending["application"].per_unit] == [world.a1.name]
    assert client_for(world.dave).get("/").context["dashboard"].pending[0].total == 0


def test_a_field_official_gets_no_dashboard(world: World) -> None:
    assert "dashboard" not in client_for(world.alice).get("/").context


def _queries(official: Official) -> int:
    client = client_for(official)
    client.get("/")  # the session's first read
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_its_queries_do_not_grow_with_the_areas(world: World) -> None:
    _computed(world)
    few = {o.pk: _queries(o) for o in (world.sam, world.erin, world.carol)}
    for _ in range(20):
        body = f.LocalBodyFactory(district=world.d_a)
        area = f.AreaFactory(local_body=world.lb_a)
        f.AreaFactory(local_body=body)
        f.DistrictFactory()
        register_family(area)
        builders.submitted(world.alice, world.a1, [builders.head()])
    figures_compute(day=timezone.localdate())
    assert {o.pk: _queries(o) for o in (world.sam, world.erin, world.carol)} == few


def test_a_bad_filter_is_told_in_hindi_too(world: World) -> None:
    page = client_for(world.erin).get(f"/?in={world.d_x.lgd_code}").content.decode()
    assert "आपके क्षेत्र में इस कोड का कोई ज़िला या स्थानीय निकाय नहीं है।" in page
