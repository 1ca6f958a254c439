"""Journey: a bride already registered with her parents marries into the Vermas. The field
official starts to add her by marriage, the preview finds her registration and offers her
transfer instead; the transfer form comes filled in, refuses a second head, and is submitted;
the local body officer of the receiving family approves; the family page lists her with the
Member ID she had, and her history says where she came from."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World
from tests.updates.shape_support import pooja
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_registered_bride_is_transferred_not_added_again(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    family = verma_family(world)
    bride = pooja(world.b1)
    parents = bride.family.family_id
    ravi = member(family, "Ravi Verma")

    # given alice, who starts to add Ravi's bride by marriage
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    page.goto(f"/updates/families/{family.family_id}/marriage/")
    visit.check()
    page.fill("#id_name_hi", "पूजा शर्मा")
    page.fill("#id_name_en", "Pooja Sharma")
    page.select_option("#id_gender", "F")
    page.fill("#id_date_of_birth", "2004-02-02")
    page.select_option("#id_relation", "DIL")
    page.fill("#id_father_or_husband_name", "Ramesh Sharma")
    page.select_option("#id_caste_category", "OBC")
    page.select_option("#id_spouse", ravi.member_id)
    page.locator("main button[name=step][value=preview]").click()
    visit.check()

    # when the preview offers her transfer, and she takes it
    page.locator("main ul.transfer-offers a").first.click()
    visit.check()
    assert page.input_value("#id_member_id") == bride.member_id
    assert page.input_value("#id_from_family") == parents
    assert page.input_value("#id_spouse") == ravi.member_id

    # then a second head is refused on the form
    page.select_option("#id_relation", "HEAD")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator(".errors, .field.has-error").count() >= 1
    page.select_option("#id_relation", "DIL")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    rows = page.locator("table.change-rows").inner_text()
    assert parents in rows and family.family_id in rows
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()
    assert re.search(r"/updates/CR\d+/$", page.url), page.url
    change = ChangeRequest.objects.get(kind=ChangeKind.TRANSFER)
    assert change.status == ChangeStatus.PENDING
    sign_out(visit)

    # and carol, the receiving family's local body officer, approves it
    sign_in(visit, "carol")
    page.goto(f"/updates/{change.number}/")
    visit.check()
    page.locator(f"main form[action='/updates/{change.number}/approve/'] button").click()
    visit.check()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED

    # and the family page lists her with her own Member ID, her history saying where from
    page.goto(f"/families/{family.family_id}/")
    visit.check()
    assert bride.member_id in page.locator("main table").first.inner_text()
    history = page.locator("#history-caption").locator("xpath=..").inner_text()
    assert parents in history and change.number in history
    assert family.members.filter(member_id=bride.member_id).exists()
