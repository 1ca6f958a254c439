"""Journey: a grievance with a deadline. The family, signed in as citizens, files a grievance;
its deadline passes (the clock moved) and it moves up from alice, the field official, to carol,
the local body officer, who closes it with a reason; the family reopens it once, carol closes it
again, and that closure is final. In English and in Hindi (on a phone)."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from grievances.models import Grievance, Level, Status
from grievances.services import grievances_escalate
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.browser
RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]
MOBILE = "9876543210"


@pytest.fixture(autouse=True)
def vault(settings: Any) -> None:
    settings.AADHAAR_KEYS = ""
    settings.AADHAAR_KEYS_FILE = ""
    settings.AADHAAR_ACTIVE_KEY = ""
    settings.AADHAAR_DEV_KEY_ALLOWED = True


def _close(visit: Visit, grievance: Grievance, reason: str) -> None:
    page = visit.page
    page.goto(f"/grievances/{grievance.number}/")
    visit.check()
    form = page.locator(f"main form[action='/grievances/{grievance.number}/close/']")
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    visit.check()


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_grievance_escalates_is_closed_reopened_and_closed_for_good(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    head = world.family_a1.members.get()
    ekyc_with_linked_mobile(head, MOBILE)

    # given the family, signed in as citizens, in its language
    family = Visit(new_context(**options).new_page(), axe=True)
    fpage = family.page
    fpage.goto("/")
    switch_language(family, language)
    fpage.goto("/citizen/sign-in/")
    fpage.fill("#id_family_id", world.family_a1.family_id)
    fpage.fill("#id_member_id", head.member_id)
    fpage.locator("main form button[type=submit]").click()
    family.check()
    fpage.fill("#id_code", otp_sent_to(MOBILE))
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_url("**/citizen/family/")
    family.check()

    # when it files a grievance from its family page, first forgetting the description
    fpage.locator("main a[href='/grievances/mine/']").click()
    family.check()
    fpage.locator("main a[href='/grievances/mine/new/']").click()
    family.check()
    fpage.locator("input[name=category][value=no_action]").check()
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_load_state()
    assert family.problems == [f"400 {fpage.url}"], family.problems
    family.problems.clear()  # the 400 of the refused form is expected
    family.check()
    assert fpage.locator("main .error-summary a[href='#id_description']").count() == 1
    assert not Grievance.objects.exists()
    fpage.fill("#id_description", "We applied for a birth three weeks ago and heard nothing")
    fpage.locator("main form button[type=submit]").click()
    family.check()
    grievance = Grievance.objects.get()
    assert grievance.holder == world.alice

    # and its deadline passes: it moves up to carol, the local body officer
    assert grievances_escalate(now=timezone.now() + timedelta(days=8)) == 1
    grievance.refresh_from_db()
    assert (grievance.level, grievance.holder) == (Level.LOCAL_BODY, world.carol)

    # then carol finds it on her grievances page and closes it with a reason
    officer = Visit(new_context(**options).new_page(), axe=True)
    opage = officer.page
    opage.goto("/")
    switch_language(officer, language)
    sign_in(officer, "carol")
    officer.check()
    opage.goto("/grievances/")
    officer.check()
    assert grievance.number in opage.locator("main").inner_text()
    _close(officer, grievance, "The birth was registered on 3 March; the SMS had failed")
    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED

    # when the family reopens it once, with a reason
    fpage.goto(f"/grievances/mine/{grievance.number}/")
    family.check()
    assert "3 March" in fpage.locator("main").inner_text()
    fpage.fill("#id_reason", "The new member is not on our family card")
    fpage.locator(f"main form[action='/grievances/mine/{grievance.number}/reopen/'] button").click()
    family.check()
    grievance.refresh_from_db()
    assert grievance.status == Status.REOPENED

    # then carol's second closure is final: the family can no longer reopen it
    _close(officer, grievance, "The card is printed again with the new member")
    grievance.refresh_from_db()
    assert grievance.status == Status.FINAL
    fpage.goto(f"/grievances/mine/{grievance.number}/")
    family.check()
    assert (
        fpage.locator(f"main form[action='/grievances/mine/{grievance.number}/reopen/']").count()
        == 0
    )


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_family_files_a_grievance_without_signing_in(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    from django.core.cache import cache

    cache.clear()  # the start page's per-client limit starts afresh
    head = world.family_a1.members.get()
    ekyc_with_linked_mobile(head, MOBILE)

    # given the family, not signed in, on the home page in its language
    family = Visit(new_context(**options).new_page(), axe=True)
    fpage = family.page
    fpage.goto("/")
    switch_language(family, language)

    # when it follows the home page's link, gives its Family ID and the OTP
    fpage.locator("main a[href='/grievances/file/']").click()
    family.check()
    fpage.fill("#id_family_id", world.family_a1.family_id)
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_url("**/grievances/file/verify/")
    family.check()
    assert "******3210" in fpage.locator("main").inner_text()
    fpage.fill("#id_code", otp_sent_to(MOBILE))
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_url("**/grievances/mine/new/")
    family.check()

    # and files a grievance
    fpage.locator("input[name=category][value=wrong_data]").check()
    fpage.fill("#id_description", "The head's year of birth is wrong on the family card")
    fpage.locator("main form button[type=submit]").click()
    family.check()

    # then it is filed for the family, and the family follows it on its list
    grievance = Grievance.objects.get()
    assert (grievance.family, grievance.filed_by_member_id) == (world.family_a1, head.member_id)
    assert grievance.number in fpage.locator("main").inner_text()
    fpage.locator("main a[href='/grievances/mine/']").click()
    family.check()
    assert grievance.number in fpage.locator("main").inner_text()
    # and nothing else of the family is open to it
    fpage.goto("/citizen/family/")
    assert "/citizen/sign-in/" in fpage.url
