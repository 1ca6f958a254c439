"""Keyboard only: the skip link comes first, and signing in needs no mouse."""

import pytest

from tests.browser.conftest import ContextFactory
from tests.browser.support import Visit
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _focused(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id || e.className || e.getAttribute('name') || e.tagName; }"
    )


def test_the_first_tab_reaches_the_skip_link_which_is_then_visible(
    new_context: ContextFactory, db: None
) -> None:
    # given a page opened fresh
    visit = Visit(new_context().new_page(), axe=False)
    visit.page.goto("/login/")
    # when the first Tab is pressed
    visit.page.keyboard.press("Tab")
    # then the skip link has the focus and is on screen, and it leads to the main content
    skip = visit.page.locator("a.skip")
    assert skip.evaluate("e => e === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate("() => document.activeElement.id") == "main"


def test_an_official_signs_in_with_the_keyboard_alone(
    world: World, new_context: ContextFactory
) -> None:
    # given the sign-in page
    visit = Visit(new_context().new_page(), axe=False)
    page = visit.page
    page.goto("/login/")
    # when carol tabs to the user ID, types, tabs on, and presses Enter on the button
    for _ in range(30):
        page.keyboard.press("Tab")
        if _focused(page) == "id_user_id":
            break
    assert _focused(page) == "id_user_id"
    page.keyboard.type("carol")
    page.keyboard.press("Tab")
    assert _focused(page) == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    # then she is signed in and home
    page.wait_for_url(lambda url: not url.endswith("/login/"))
    visit.check()
    assert page.locator("header .who").inner_text().startswith(world.carol.name)
