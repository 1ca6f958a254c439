"""The department API's pages: the state admin's clients (list, register with errors and the
credentials shown once, a client's page with figures, change, replace the secret, revoke), the
citizen's "who saw my data", and the public reference. Checked as every page is (axe, CSP, ids,
reflow at 360 px), in English and in Hindi on a phone."""

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from api.services import log_reads
from tests.api.support import PURPOSE, register
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.conftest import World
from tests.security.test_authz_matrix import citizen_client

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", None), ("hi", PHONE)], ids=["en", "hi-phone"]
)
def test_the_api_pages_are_accessible(
    language: str,
    viewport: dict[str, int] | None,
    world: World,
    new_context: ContextFactory,
    live_server: Any,
) -> None:
    cache.clear()
    credentials = register(world.sam, districts=[world.d_a])
    member = world.family_a1.members.get()
    for purpose in (PURPOSE, PURPOSE, "widow-pension"):
        log_reads(
            credentials.client,
            purpose=purpose,
            operation="member.read",
            scopes=["identity", "address", "ekyc"],
            families=[(world.family_a1.family_id, [member.member_id])],
        )

    # given sam, the state admin, in the language of the case
    sam = Visit(new_context(viewport=viewport).new_page(), axe=True)
    page = sam.page
    page.goto("/")
    switch_language(sam, language)
    sign_in(sam, "sam")
    sam.check()
    # when he opens the clients' pages / then each passes the checks
    cid = credentials.client_id
    for url in (
        "/api-clients/",
        f"/api-clients/{cid}/",
        f"/api-clients/{cid}/edit/",
        f"/api-clients/{cid}/secret/",
        f"/api-clients/{cid}/revoke/",
        "/api/v1/reference/",
        "/manual/state-admin/",
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        sam.check()
    # and the registration form, sent back with errors, then sent right
    page.goto("/api-clients/new/")
    sam.check()
    page.locator("main form button[type=submit]").click()
    sam.check()
    assert page.locator(".field.has-error").count() >= 3
    page.fill("#id_name", "Scholarship Portal")
    page.fill("#id_department", "School Education")
    page.locator("input[name=scopes][value=identity]").check()
    page.fill("#id_purposes", "post-matric-scholarship")
    page.locator("input[name=area][value=state]").check()
    page.fill("#id_expires_on", "2031-03-31")
    page.locator("main form button[type=submit]").click()
    sam.check()
    assert page.locator("code.secret").count() == 1
    # and the secret replaced, shown once
    page.goto(f"/api-clients/{cid}/secret/")
    page.locator("main form button[type=submit]").click()
    sam.check()
    assert page.locator("code.secret").count() == 1

    # given a citizen of family a1, signed in
    browser = citizen_client(world.family_a1)
    context = new_context(viewport=viewport)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": browser.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    citizen = Visit(context.new_page(), axe=True)
    citizen.page.goto("/")
    switch_language(citizen, language)
    # when they open their family and "who saw my data" / then both pass the checks
    citizen.page.goto("/citizen/family/")
    citizen.check()
    citizen.page.locator("main a[href='/citizen/data-reads/']").click()
    citizen.check()
    assert citizen.page.locator("main tbody tr").count() == 3
    citizen.page.goto("/manual/citizen/")
    citizen.check()
