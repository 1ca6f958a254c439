"""Each supervising official's home page dashboard, in English and in Hindi on a phone: the
charts and their tables, a drill-down and the weekly trend, axe clean and no sideways scroll."""

from typing import Any

import pytest
from django.utils import timezone

from dashboards.compute import figures_compute
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World
from tests.dashboards.support import migrate, record_birth, record_death, register_family
from tests.registration import builders

pytestmark = pytest.mark.browser
RUNS = [
    pytest.param("en", id="english-phone"),
    pytest.param("hi", id="hindi-phone"),
]


def _some_figures(world: World) -> None:
    register_family(world.a2)
    record_birth(world.family_a1)
    record_death(world.family_x1.members.get())
    migrate(world.family_b1, world.x1)
    builders.submitted(world.alice, world.a1, [builders.head()])
    figures_compute(day=timezone.localdate())


def _name(place: Any, language: str) -> str:
    return str(place.name_hi if language == "hi" else place.name_en)


def _open_every_detail(visit: Visit) -> None:
    summaries = visit.page.locator("details.dash-kind summary")
    for n in range(summaries.count()):
        summaries.nth(n).click()


@pytest.mark.parametrize("language", RUNS)
def test_every_supervising_home_shows_its_dashboard(
    language: str, world: World, new_context: ContextFactory, settings: Any
) -> None:
    _some_figures(world)
    visit = Visit(new_context(viewport=PHONE).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    for official, own, other in (
        (world.sam, world.d_x, None),
        (world.erin, world.lb_a, world.lb_x),
        (world.carol, world.a1, world.x1),
    ):
        sign_in(visit, official.user_id)
        visit.check()
        assert page.locator("svg.chart").count() == 3
        assert page.locator("#dash-units").count() == 1
        shown = page.locator("section.dashboard").inner_text()
        assert _name(own, language) in shown
        if other is not None:
            assert _name(other, language) not in shown
        _open_every_detail(visit)
        visit.check()
        page.goto("/?period=week")
        visit.check()
        sign_out(visit)
    sign_in(visit, world.sam.user_id)
    page.locator("section.dashboard table a", has_text=_name(world.d_x, language)).first.click()
    visit.check()
    assert _name(world.lb_x, language) in page.locator("section.dashboard").inner_text()
