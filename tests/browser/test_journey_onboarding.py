"""Journey 1: a local body officer registers a field official, who signs in with the password
from the SMS, chooses their own, picks an area and reaches the families of that area."""

import re
from typing import Any

import pytest

from officials.models import Official
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import (
    NEW_PASSWORD,
    Visit,
    secret_after,
    sign_in,
    sign_out,
    sms_text_for,
    switch_language,
)
from tests.conftest import World

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, True, id="english"),
    pytest.param("hi", {"viewport": PHONE}, True, id="hindi-phone"),
    pytest.param("en", {"java_script_enabled": False}, False, id="english-no-js"),
]


@pytest.mark.parametrize(("language", "options", "axe"), RUNS)
def test_an_officer_onboards_a_field_official_who_reaches_the_families(
    language: str, options: dict[str, Any], axe: bool, world: World, new_context: ContextFactory
) -> None:
    # given carol, local body officer of lb_a, in her language
    officer = Visit(new_context(**options).new_page(), axe=axe)
    page = officer.page
    page.goto("/")
    officer.check()
    switch_language(officer, language)
    officer.check()
    sign_in(officer, "carol")
    officer.check()

    # when she registers an official with two of her areas
    page.locator("main a[href='/officials/new/']").click()
    officer.check()
    page.fill("#id_name", "Neha Verma")
    page.select_option("#id_designation", "GP_SECRETARY")
    page.fill("#id_mobile", "9425012345")
    page.check(f"input[name=areas][value='{world.a1.pk}']")
    page.check(f"input[name=areas][value='{world.a2.pk}']")
    page.select_option("#id_language", language)
    page.locator("main form button[type=submit]").click()
    officer.check(heading="Neha Verma")

    # then she sees the new user ID, and the SMS with the password is in the outbox
    message = page.locator(".messages").inner_text()
    user_id = re.search(r"FO\d{7}", message)
    assert user_id, message
    user_id = user_id.group(0)
    assert Official.objects.get(user_id=user_id).mobile == "9425012345"
    page.locator("header nav a[href='/sms/outbox/']").click()
    officer.check()
    text = sms_text_for(page, "9425012345")
    assert user_id in text
    password = secret_after(text, user_id, r"[A-Za-z2-9]{12}")
    sign_out(officer)
    officer.check()

    # when the new official signs in with it
    sign_in(officer, user_id, password)
    # then they must choose their own password first
    assert page.url.endswith("/password/")
    officer.check()
    page.fill("#id_current_password", password)
    page.fill("#id_new_password1", "1234567890")
    page.fill("#id_new_password2", "1234567890")
    page.locator("main form button[type=submit]").click()
    officer.check()
    assert page.locator("#id_new_password1").get_attribute("aria-invalid") == "true"
    page.fill("#id_current_password", password)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()

    # and land on home, with the area chooser, and work in one area
    page.wait_for_url(re.compile(r"/$"))
    officer.check()
    page.select_option("#area-choice", str(world.a1.pk))
    page.locator("main form button[type=submit]").click()
    officer.check()
    assert page.locator("#area-choice").input_value() == str(world.a1.pk)
    page.locator("header nav a[href='/families/']").click()
    officer.check()
    assert page.get_by_role("link", name=world.family_a1.family_id).is_visible()
    assert page.get_by_text(world.family_b1.family_id).count() == 0
    assert page.get_by_text(world.family_x1.family_id).count() == 0
    assert len(officer.checked) >= 13, officer.checked
