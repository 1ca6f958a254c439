"""Journey: a family applies by itself (issue 18, item 1). From the public home page it gives its
mobile and the OTP, finds its ward one level at a time, enters two members (without caste, which
it does not know) and gets an application number; alice, the area's field official, finds it in
her work list, completes it and submits it; carol, the local body officer, approves it; the
family reads "Approved" on the status page. In English (also without JavaScript) and in Hindi
on a phone; every page is checked with axe where script runs."""

from typing import Any

import pytest

from registration.models import Application, ApplicationStatus
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.conftest import World
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, True, id="english"),
    pytest.param("hi", {"viewport": PHONE}, True, id="hindi-phone"),
    # axe needs script; without it the pages must still work
    pytest.param("en", {"java_script_enabled": False}, False, id="english-no-js"),
]
MOBILE = "9812345670"
SELECTS = {"gender", "relation", "marital_status", "caste_category"}


def _member(page: Any, index: int, values: dict[str, str]) -> None:
    for name, value in values.items():
        selector = f"#id_members-{index}-{name}"
        if name in SELECTS:
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def _submit(page: Any, value: str = "submit") -> None:
    page.locator(f"main form button[name=action][value={value}]").click()


@pytest.mark.parametrize(("language", "options", "axe"), RUNS)
def test_a_family_applies_alone_and_is_registered(
    language: str, options: dict[str, Any], axe: bool, world: World, new_context: ContextFactory
) -> None:
    # given a family on the public home page, in its language
    family = Visit(new_context(**options).new_page(), axe=axe)
    fpage = family.page
    fpage.goto("/")
    switch_language(family, language)
    family.check()

    # when it asks to apply and proves its mobile with the OTP
    fpage.locator("main a[href='/apply/']").first.click()
    family.check()
    fpage.fill("#id_mobile", MOBILE)
    fpage.locator("main form button[type=submit]").click()
    family.check()
    fpage.fill("#id_code", otp_sent_to(MOBILE))
    fpage.locator("main form button[type=submit]").click()
    family.check()

    # and finds its ward one level at a time (no script needed)
    for select, value in (
        ("#pick-district", world.d_a.pk),
        ("#pick-lb", world.lb_a.pk),
        ("#pick-area", world.a1.pk),
    ):
        fpage.select_option(select, str(value))
        fpage.locator("main form.picker button[type=submit]").click()
        family.check()
    fpage.locator("main form[action='/apply/family/'] button[type=submit]").click()
    family.check()

    # and enters its members, first forgetting the wife's name
    fpage.fill("#id_house_number", "7")
    _member(
        fpage,
        0,
        {
            "name_hi": "रामू अहिरवार",
            "name_en": "Ramu Ahirwar",
            "gender": "M",
            "date_of_birth": "1979-08-15",
            "father_or_husband_name": "Kallu Ahirwar",
            "marital_status": "MARRIED",
        },
    )
    _submit(fpage, "add")
    family.check()
    _member(fpage, 1, {"gender": "F", "age_years": "41", "relation": "SPOUSE"})
    _submit(fpage)
    fpage.wait_for_load_state()
    assert family.problems == [f"400 {fpage.url}"], family.problems
    family.problems.clear()  # the refused form's 400 is expected
    family.check()
    assert fpage.locator("main .error-summary a[href='#id_members-1-name_hi']").count() == 1
    assert not Application.objects.exists()
    _member(fpage, 1, {"name_hi": "सुनीता अहिरवार", "name_en": "Sunita Ahirwar"})
    _submit(fpage)
    family.check()

    # then it gets its number, and the application waits on alice
    application = Application.objects.get()
    assert application.number in fpage.locator("main").inner_text()
    assert (application.status, application.holder) == (ApplicationStatus.DRAFT, world.alice)

    # when alice finds it in her work list, completes it (the caste) and submits it
    alice = Visit(new_context(**options).new_page(), axe=axe)
    apage = alice.page
    apage.goto("/")
    switch_language(alice, language)
    sign_in(alice, "alice")
    apage.goto("/work/")
    alice.check()
    apage.locator(f"main a[href='/registration/{application.number}/']").first.click()
    alice.check()
    apage.locator(f"main a[href='/registration/{application.number}/edit/']").click()
    alice.check()
    _member(apage, 0, {"caste_category": "SC"})
    _member(apage, 1, {"caste_category": "SC", "marital_status": "MARRIED"})
    _member(apage, 1, {"father_or_husband_name": "Ramu Ahirwar"})
    _submit(apage)
    alice.check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.created_by == world.alice

    # and carol approves it
    carol = Visit(new_context(**options).new_page(), axe=axe)
    cpage = carol.page
    cpage.goto("/")
    switch_language(carol, language)
    sign_in(carol, "carol")
    cpage.goto(f"/registration/{application.number}/")
    carol.check()
    cpage.locator("main form[action$='/approve/'] button[type=submit]").click()
    carol.check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.family is not None

    # then the family reads it on the status page
    fpage.goto("/status/")
    family.check()
    fpage.fill("#id_number", application.number)
    fpage.fill("#id_mobile", MOBILE)
    fpage.locator("main form button[type=submit]").click()
    family.check()
    fpage.fill("#id_code", otp_sent_to(MOBILE))
    fpage.locator("main form button[type=submit]").click()
    family.check()
    status = fpage.locator("main #status-result").inner_text()
    assert ("Approved" if language == "en" else "स्वीकृत") in status
