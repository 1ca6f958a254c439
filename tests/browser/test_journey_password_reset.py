"""Journey 3: a field official who forgot the password sets a new one with an OTP sent to the
registered mobile (read here from the SMS outbox by the state admin, in another browser)."""

import pytest

from tests.browser.conftest import ContextFactory
from tests.browser.support import NEW_PASSWORD, Visit, secret_after, sign_in, sms_text_for
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_official_resets_a_forgotten_password_with_an_otp(
    world: World, new_context: ContextFactory
) -> None:
    # given alice, who forgot her password, on the sign-in page
    alice = Visit(new_context(locale="en-IN").new_page(), axe=True)
    page = alice.page
    page.goto("/login/")
    alice.check()

    # when she asks for an OTP with her user ID
    page.locator("main a[href='/password/forgot/']").click()
    alice.check()
    page.fill("#id_user_id", "alice")
    page.locator("main form button[type=submit]").click()
    alice.check()
    assert page.url.endswith("/password/forgot/verify/")

    # then the OTP reaches her mobile (the outbox, read by sam elsewhere)
    sam = Visit(new_context().new_page(), axe=False)
    sign_in(sam, "sam")
    otp = secret_after(sms_text_for(sam.page, world.alice.mobile), "", r"\d{6}")

    # when she enters a wrong OTP, then the right one with a new password
    page.fill("#id_otp-code", "000000" if otp != "000000" else "111111")
    page.fill("#id_pw-new_password1", NEW_PASSWORD)
    page.fill("#id_pw-new_password2", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    alice.check()
    assert page.locator("#id_otp-code_error").is_visible()
    page.fill("#id_otp-code", otp)
    page.fill("#id_pw-new_password1", NEW_PASSWORD)
    page.fill("#id_pw-new_password2", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()

    # then she is sent to sign in, where only the new password works
    page.wait_for_url("**/login/")
    alice.check()
    sign_in(alice, "alice", PASSWORD)
    assert page.url.endswith("/login/")
    alice.check()
    sign_in(alice, "alice", NEW_PASSWORD)
    page.wait_for_url(lambda url: not url.endswith("/login/"))
    alice.check()
    assert page.locator("#area-choice").is_visible()
