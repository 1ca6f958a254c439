"""The pages the journeys do not pass through, checked the same way (axe, CSP, ids, reflow)."""

import pytest

from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in
from tests.conftest import World

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_every_page_of_the_officers_and_field_officials_is_accessible(
    viewport: dict[str, int] | None, world: World, new_context: ContextFactory
) -> None:
    # given sam, who may open every page
    sam = Visit(new_context(viewport=viewport).new_page(), axe=True)
    sign_in(sam, "sam")
    family = world.family_a1.family_id
    pages = [
        "/",
        "/officials/",
        "/officials/new/",
        f"/officials/{world.alice.pk}/",
        f"/officials/{world.alice.pk}/edit/",
        "/families/",
        f"/families/{family}/",
        "/audit/",
        "/sms/outbox/",
        "/password/",
        # The department API's pages (all of them: tests/browser/test_api_pages_accessible.py).
        "/api-clients/",
        "/api-clients/new/",
        "/api/v1/reference/",
    ]
    # when each is opened / then each passes the checks
    for url in pages:
        response = sam.page.goto(url)
        assert response is not None and response.status == 200, url
        sam.check()
    # and a form sent back with errors passes them too
    sam.page.goto("/officials/new/")
    sam.page.locator("main form button[type=submit]").click()
    sam.check()
    assert sam.page.locator(".field.has-error").count() >= 2

    # given alice, a field official
    alice = Visit(new_context(viewport=viewport).new_page(), axe=True)
    sign_in(alice, "alice")
    alice.check()
    # when she opens a page for officers, and one that does not exist
    for url, status in (("/officials/", 403), ("/no-such-page/", 404)):
        response = alice.page.goto(url)
        # then she gets the portal's own error page, which passes the checks
        assert response is not None and response.status == status
        alice.problems.remove(f"{status} {response.url}")
        alice.check()
