"""The pages of issues 19 and 20 no journey passes through, checked as the others (axe, CSP, ids,
reflow at phone width): the supervisors' lists and escalated work, and the public card check."""

from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from registry.card_verify import card_verify_url
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in
from tests.conftest import World

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_supervisors_lists_and_escalated_work_are_accessible(
    viewport: dict[str, int] | None, world: World, new_context: ContextFactory
) -> None:
    # given carol, a local body officer, and erin, a district officer
    for user_id in ("carol", "erin"):
        officer = Visit(new_context(viewport=viewport).new_page(), axe=True)
        sign_in(officer, user_id)
        # when each opens the lists, each list, a filtered one and the escalated work
        for url in (
            "/lists/",
            "/lists/families/",
            "/lists/pending-ekyc/",
            "/lists/audit/",
            "/escalation/",
        ):
            response = officer.page.goto(url)
            # then each passes the checks
            assert response is not None and response.status == 200, url
            officer.check()
        # and a filter the list cannot take is refused with a message that passes them too
        response = officer.page.goto("/lists/families/?date_from=1800-01-01")
        assert response is not None and response.status == 400
        officer.problems.remove(f"400 {response.url}")
        officer.check()
        assert officer.page.locator("[role=alert], .errorlist, .field.has-error").count() >= 1


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_public_card_check_is_accessible_genuine_and_not(
    lang: str, world: World, new_context: ContextFactory, live_server: Any
) -> None:
    # given the link a printed card's QR code holds
    family = world.family_a1
    request = RequestFactory().get("/", HTTP_HOST=live_server.url.split("//")[1])
    link = card_verify_url(request, family, list(family.members.all()), timezone.now())
    path = link[link.index("/verify/") :]
    # when anyone opens it on a phone, without signing in
    citizen = Visit(new_context(viewport=PHONE, locale=lang).new_page(), axe=True)
    response = citizen.page.goto(path)
    # then the card is genuine and the page passes the checks
    assert response is not None and response.status == 200
    citizen.check()
    assert family.family_id in citizen.page.locator("main").inner_text()
    # and a card whose signature was changed is not genuine, on a page that passes them too
    response = citizen.page.goto(path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"))
    assert response is not None
    if response.status != 200:
        citizen.problems.remove(f"{response.status} {response.url}")
    citizen.check()
