"""Journey: the family reports a birth itself. Signed in as citizens, it opens "report a change"
from its family page, first names a mother who is not one of its women (refused, nothing
saved), then reports the newborn and gets the request's number; carol, the local body officer,
finds it on her list, sees the family reported it and approves it; the family's list then shows
it approved and the family page the new member. In English, in Hindi on a phone, and without
JavaScript."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from sms.models import SmsKind, SmsMessage
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.uidai.support import otp_sent_to
from tests.updates.support import member, verma_family
from updates.models import ChangeRequest, ChangeStatus

pytestmark = pytest.mark.browser
RUNS = [
    pytest.param("en", {}, True, id="english"),
    pytest.param("hi", {"viewport": PHONE}, True, id="hindi-phone"),
    pytest.param("en", {"java_script_enabled": False}, False, id="english-no-js"),
]
MOBILE = "9876543210"
AJAY_MOBILE = "9876500001"  # the head's mobile in the register: the family's SMS go there


@pytest.fixture(autouse=True)
def vault(settings: Any) -> None:
    settings.AADHAAR_KEYS = ""
    settings.AADHAAR_KEYS_FILE = ""
    settings.AADHAAR_ACTIVE_KEY = ""
    settings.AADHAAR_DEV_KEY_ALLOWED = True


def _citizen_signs_in(visit: Visit, language: str, family_id: str, member_id: str) -> None:
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    page.goto("/citizen/sign-in/")
    page.fill("#id_family_id", family_id)
    page.fill("#id_member_id", member_id)
    page.locator("main form button[type=submit]").click()
    visit.check()
    page.fill("#id_code", otp_sent_to(MOBILE))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/citizen/family/")
    visit.check()


@pytest.mark.parametrize(("language", "options", "axe"), RUNS)
def test_the_family_reports_a_birth_and_the_officer_approves_it(
    language: str, options: dict[str, Any], axe: bool, world: World, new_context: ContextFactory
) -> None:
    family = verma_family(world)
    ajay, sunita, ravi = (member(family, n) for n in ("Ajay Verma", "Sunita Verma", "Ravi Verma"))
    ekyc_with_linked_mobile(ajay, MOBILE)

    # given the family, signed in as citizens, in its language
    citizen = Visit(new_context(**options).new_page(), axe=axe)
    cpage = citizen.page
    _citizen_signs_in(citizen, language, family.family_id, ajay.member_id)

    # when it opens "report a change" from its family page, then the birth form
    cpage.locator("main a[href='/updates/mine/report/']").click()
    citizen.check()
    assert cpage.locator(f"main a[href='/updates/mine/members/{ravi.member_id}/correct/']").count()
    cpage.locator("main a[href='/updates/mine/report/birth/']").click()
    citizen.check()

    # and gives a date of birth in the future
    cpage.fill("#id_name_hi", "आरती वर्मा")
    cpage.fill("#id_name_en", "Aarti Verma")
    cpage.select_option("#id_gender", "F")
    cpage.select_option("#id_mother", sunita.member_id)
    cpage.select_option("#id_relation", "DAUGHTER")
    cpage.select_option("#id_caste_category", "OBC")
    cpage.fill("#id_date_of_birth", (timezone.localdate() + timedelta(days=3)).isoformat())
    cpage.locator("main form button[type=submit]").click()
    cpage.wait_for_load_state()
    # then it is refused on the form, in its language, and nothing is saved
    assert citizen.problems == [f"400 {cpage.url}"], citizen.problems
    citizen.problems.clear()  # the 400 of the refused form is expected
    citizen.check()
    assert cpage.locator("#id_date_of_birth").get_attribute("aria-invalid") == "true"
    assert not ChangeRequest.objects.exists()

    # when it corrects the date and sends the report
    cpage.fill("#id_date_of_birth", "2025-02-03")
    cpage.locator("main form button[type=submit]").click()
    citizen.check()

    # then it sees the request's number and who holds it: an office, not a person
    change = ChangeRequest.objects.get()
    assert change.is_family_reported and change.status == ChangeStatus.PENDING
    assert re.search(rf"/updates/mine/{change.number}/$", cpage.url), cpage.url
    shown = cpage.locator("main").inner_text()
    with translation.override(language):
        office = f"{world.carol.get_designation_display()}, {world.lb_a.name}"
    assert change.number in shown and office in shown
    assert world.carol.name not in shown and world.carol.mobile not in shown
    received = SmsMessage.objects.get(kind=SmsKind.CHANGE_REPORTED)
    assert received.mobile == AJAY_MOBILE and change.number in received.text

    # when carol, the local body officer, finds it on her list and approves it
    officer = Visit(new_context(**options).new_page(), axe=axe)
    opage = officer.page
    opage.goto("/")
    switch_language(officer, language)
    sign_in(officer, "carol")
    officer.check()
    opage.goto("/updates/")
    officer.check()
    opage.locator(f"main a[href='/updates/{change.number}/']").click()
    officer.check()
    opage.locator(f"main form[action='/updates/{change.number}/approve/'] button").click()
    officer.check()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED

    # then the family's list shows it approved, and its page the new member
    cpage.goto("/updates/mine/")
    citizen.check()
    row = cpage.locator("main tbody tr", has_text=change.number)
    with translation.override(language):
        approved = str(ChangeStatus.APPROVED.label)
    assert row.count() == 1 and approved in row.inner_text()
    assert SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED, mobile=AJAY_MOBILE).exists()
    cpage.goto("/citizen/family/")
    citizen.check()
    assert change.new_member is not None
    assert change.new_member.member_id in cpage.locator("main").inner_text()
