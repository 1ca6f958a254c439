"""Journey 2: a visitor finds that registration is always open, picks their area step by step
(a plain GET form, no JavaScript), sees whom to contact, and reads the user manual."""

from typing import Any

import pytest

from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, switch_language
from tests.conftest import World

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {"viewport": PHONE}, True, id="english-phone"),
    pytest.param("hi", {"java_script_enabled": False}, False, id="hindi-no-js"),
]


@pytest.mark.parametrize(("language", "options", "axe"), RUNS)
def test_a_visitor_finds_the_officials_of_their_area_and_the_manual(
    language: str, options: dict[str, Any], axe: bool, world: World, new_context: ContextFactory
) -> None:
    # given an anonymous visitor on the home page
    visitor = Visit(new_context(**options).new_page(), axe=axe)
    page = visitor.page
    page.goto("/")
    visitor.check()
    switch_language(visitor, language)
    visitor.check()

    # when they follow "Registration is always open" and pick district, local body and area
    page.locator("main a[href='/registration-is-open/']").click()
    visitor.check()
    assert page.locator("#pick-lb").count() == 0
    page.select_option("#pick-district", str(world.d_a.pk))
    page.locator("main form.picker button[type=submit]").click()
    visitor.check()
    page.select_option("#pick-lb", str(world.lb_a.pk))
    page.locator("main form.picker button[type=submit]").click()
    visitor.check()
    page.select_option("#pick-area", str(world.a1.pk))
    page.locator("main form.picker button[type=submit]").click()
    visitor.check()

    # then they see the officials of that area and how to call them, and nobody else's
    table = page.locator("main table")
    assert table.locator(f"a[href='tel:+91{world.alice.mobile}']").count() == 1
    assert table.locator(f"a[href='tel:+91{world.carol.mobile}']").count() == 1
    assert world.bob.mobile not in table.inner_text()
    assert world.dave.mobile not in table.inner_text()

    # and they can read the user manual, for citizens and for each role
    page.locator("header nav a[href='/manual/']").click()
    visitor.check()
    manual_links = page.locator("main a[href^='/manual/']")
    hrefs = [manual_links.nth(i).get_attribute("href") for i in range(manual_links.count())]
    assert "/manual/citizen/" in hrefs
    for href in hrefs:
        page.goto(href)  # type: ignore[arg-type]
        visitor.check()
    assert len(visitor.checked) == 7 + len(hrefs)
