"""Journey: Vikas sets up his own household. The field official marks who leaves with him and
their relations in the new family, gives its address in another of her areas (after first
forgetting to name a head, which the form refuses), and submits; the local body officer
approves; the new family's page lists them with the Member IDs they had."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World
from tests.updates.shape_support import vikas_household
from tests.updates.support import verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_son_sets_up_his_own_household(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    family = verma_family(world)
    household = vikas_household(family)

    # given alice on the Vermas' page, in her language
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    page.goto(f"/families/{family.family_id}/")
    visit.check()
    page.locator(f"a[href='/updates/families/{family.family_id}/split/']").click()
    visit.check()

    # when she marks Vikas, Neha and Golu as leaving, without a head for the new family
    for m in household.values():
        page.locator(f"input[name='move_{m.member_id}'][value='leave']").check()
    page.select_option(f"#id_relation_{household['Vikas'].member_id}", "SON")
    page.select_option("#id_area", str(world.a2.pk))
    page.fill("#id_house_number", "12-B")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    # then the form says so
    assert page.locator(".errors").count() == 1

    # and with Vikas as head, Neha his wife and Golu his son it goes through
    page.select_option(f"#id_relation_{household['Vikas'].member_id}", "HEAD")
    page.select_option(f"#id_relation_{household['Neha'].member_id}", "SPOUSE")
    page.select_option(f"#id_relation_{household['Golu'].member_id}", "SON")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator("table.change-rows tbody tr").count() == 4
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()
    assert re.search(r"/updates/CR\d+/$", page.url), page.url
    change = ChangeRequest.objects.get(kind=ChangeKind.SPLIT)
    sign_out(visit)

    # and carol approves it
    sign_in(visit, "carol")
    page.goto(f"/updates/{change.number}/")
    visit.check()
    page.locator(f"main form[action='/updates/{change.number}/approve/'] button").click()
    visit.check()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    new = change.other_family
    assert new is not None

    # and the new family's page lists them with their Member IDs
    page.goto(f"/families/{new.family_id}/")
    visit.check()
    table = page.locator("main table").first.inner_text()
    assert all(m.member_id in table for m in household.values())
    assert family.family_id in page.locator("#history-caption").locator("xpath=..").inner_text()
