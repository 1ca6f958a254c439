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


# Every word of an element's text on one line (a word split across lines has boxes on two);
# a line may end after a hyphen, as in "Vishwakarma-" "Chaturvedi".
_WORDS_SPLIT = """element => {
  const split = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/[^\\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


def test_member_ids_and_names_break_only_between_words_on_a_phone(
    world: World, new_context: ContextFactory
) -> None:
    # given a family with a long name (long words too) in alice's area
    family = world.family_a1
    f.MemberFactory(
        family=family,
        name_en="Rajeshwari Kumari Vishwakarma-Chaturvedi Shrivastava",
        name_hi="राजेश्वरी कुमारी विश्वकर्मा-चतुर्वेदी श्रीवास्तव",
    )
    visit = Visit(new_context(viewport=PHONE).new_page(), axe=True)
    sign_in(visit, "alice")
    # when she opens the family's page on a 360 px phone
    visit.page.goto(f"/families/{family.family_id}/")
    visit.check()  # the page itself still fits: the table scrolls in its own box
    # then no Member ID and no word of a name is split across lines
    members = visit.page.locator("main table", has_text="Vishwakarma")
    cells = members.locator("tbody tr td:nth-child(-n+2)")
    assert cells.count() == 2 * family.members.count()
    for i in range(cells.count()):
        cell = cells.nth(i)
        assert cell.evaluate(_WORDS_SPLIT) == [], cell.inner_text()
