"""Long names do not widen a page past a phone's screen (WCAG 1.4.10). A register's names are
long ("Gram Panchayat Chhindwara Kalan"); in a long test run the factories' numbers grow too, and
the field official's area list once widened the home page by 8 px at 360 px."""

import pytest

from tests import factories as f
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in
from tests.conftest import World

pytestmark = pytest.mark.browser


@pytest.fixture
def long_names() -> None:
    for factory in (f.DistrictFactory, f.LocalBodyFactory, f.AreaFactory, f.VillageFactory):
        factory.reset_sequence(10082)


@pytest.mark.parametrize("who", ["alice", "carol", "sam"])
def test_a_home_page_with_long_area_names_fits_a_phone(
    who: str, long_names: None, world: World, new_context: ContextFactory
) -> None:
    visit = Visit(new_context(viewport=PHONE).new_page(), axe=True)
    sign_in(visit, who)
    visit.page.goto("/")
    visit.check()  # fails when the page scrolls sideways
