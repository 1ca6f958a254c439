"""Journey: a confirmed duplicate resolved. Carol, the local body officer, merges a second
registration of Ajay Verma into the first (the family page then says where the retired ID
went) and undoes it; gives notice that Ravi is to be deactivated; the family, signed in as
citizens, objects on its family page; carol deactivates him all the same after hearing them,
then reactivates him. In English and in Hindi (on a phone)."""

from typing import Any

import pytest

from duplicates.models import CaseStatus, DuplicateCase
from registry.models import MemberStatus
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.duplicates.support import twins
from tests.uidai.support import otp_sent_to
from tests.updates.support import member

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


def _decide(visit: Visit, case: DuplicateCase, action: str, reason: str) -> None:
    page = visit.page
    page.goto(f"/duplicates/{case.pk}/")
    visit.check()
    form = page.locator(f"main form[action='/duplicates/{case.pk}/decision/']")
    form.locator(f"input[name=action][value={action}]").check()
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    visit.check()


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_duplicate_is_merged_undone_and_a_member_deactivated_with_notice(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    ajay, again = twins(world)
    ravi = member(ajay.family, "Ravi Verma")
    ekyc_with_linked_mobile(ajay, MOBILE)

    # given carol, the local body officer, in her language
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "carol")
    visit.check()

    # when she opens the second Ajay from his family page and merges him into the first
    page.goto(f"/families/{again.family.family_id}/")
    visit.check()
    page.locator(f"main a[href='/duplicates/members/{again.member_id}/']").click()
    visit.check()
    page.locator(f"main a[href='/duplicates/members/{again.member_id}/merge/']").click()
    visit.check()
    page.fill("#id_survivor", ajay.member_id)
    page.select_option("#id_source", "SWEEP")
    page.fill("#id_reason", "Same Aadhaar number at the office")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator("main table.side-by-side").count() == 1
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()

    # then the retired ID's family page says where it went
    merge = DuplicateCase.objects.get()
    again.refresh_from_db()
    assert again.status == MemberStatus.MERGED and again.merged_into == ajay
    page.goto(f"/families/{again.family.family_id}/")
    visit.check()
    assert ajay.member_id in page.locator("main strong.retired").inner_text()

    # when she finds the merge wrong and undoes it
    _decide(visit, merge, "undo", "Two men of one name: birth records differ")
    again.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE

    # and gives notice that Ravi is to be deactivated
    page.goto(f"/duplicates/members/{ravi.member_id}/")
    visit.check()
    page.locator(f"main a[href='/duplicates/members/{ravi.member_id}/deactivate/']").click()
    visit.check()
    page.select_option("#id_ground", "NOT_EXISTING")
    page.select_option("#id_source", "CITIZEN")
    page.fill("#id_reason", "Neighbours say nobody of that name lives here")
    page.locator("main form button[type=submit]").click()
    visit.check()
    notice = DuplicateCase.objects.get(member=ravi)
    assert notice.status == CaseStatus.NOTICE

    # then the family, signed in as citizens, objects on its family page
    family = Visit(new_context(**options).new_page(), axe=True)
    fpage = family.page
    fpage.goto("/")
    switch_language(family, language)
    fpage.goto("/citizen/sign-in/")
    fpage.fill("#id_family_id", ajay.family.family_id)
    fpage.fill("#id_member_id", ajay.member_id)
    fpage.locator("main form button[type=submit]").click()
    family.check()
    fpage.fill("#id_code", otp_sent_to(MOBILE))
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_url("**/citizen/family/")
    family.check()
    fpage.locator(f"main a[href='/duplicates/citizen/{notice.pk}/objection/']").click()
    family.check()
    fpage.fill("#id_text", "Ravi is our son; he studies in Indore and comes home in summer")
    fpage.locator("main form button[type=submit]").click()
    fpage.wait_for_url("**/citizen/family/")
    family.check()
    notice.refresh_from_db()
    assert notice.status == CaseStatus.OBJECTED

    # when carol, having heard them, deactivates him all the same
    _decide(visit, notice, "deactivate", "Visited twice: the school has no such pupil")
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.INACTIVE
    assert "Indore" in page.locator("main").inner_text()

    # and later reactivates him from his page
    page.goto(f"/duplicates/members/{ravi.member_id}/")
    visit.check()
    page.fill("#id_reason", "He came to the office with his mother")
    page.locator(
        f"main form[action='/duplicates/members/{ravi.member_id}/reactivate/'] button"
    ).click()
    visit.check()
    ravi.refresh_from_db()
    assert ravi.status == MemberStatus.ACTIVE

    # and the running cases list is reachable from her menu
    page.goto("/duplicates/")
    visit.check()
