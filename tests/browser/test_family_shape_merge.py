"""Journey: Ajay Verma's parents were registered as a family of their own. The field official
opens the Vermas' page, asks to merge the other family in (first typing the Vermas' own
Family ID, which the form refuses), gives each member's relation to the head (first leaving
Ramlal as a second head, which the form refuses), previews and submits; the local body officer
approves; the parents' old Family ID then answers where it went, and the Vermas' page lists
them with the Member IDs they had."""

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World
from tests.updates.shape_support import grandparents
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_two_families_of_one_household_become_one(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    vermas, elders = verma_family(world), grandparents(world.a2)
    ramlal, kamla = member(elders, "Ramlal Verma"), member(elders, "Kamla Verma")

    # given alice on the Vermas' page, in her language
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    page.goto(f"/families/{vermas.family_id}/")
    visit.check()
    page.locator(f"a[href='/updates/families/{vermas.family_id}/merge/']").click()
    visit.check()

    # when she first types the Vermas' own Family ID / then the form refuses it
    page.fill("#id_from_family", vermas.family_id)
    page.locator("main form button[type=submit]").click()
    visit.check()
    assert page.locator("#id_from_family_error").count() == 1

    # and with the parents' Family ID, their members are asked for
    page.fill("#id_from_family", elders.family_id)
    page.locator("main form button[type=submit]").click()
    visit.check()
    assert page.locator(f"#id_relation_{ramlal.member_id}").count() == 1

    # when Ramlal is left as a second head / then the form says so
    page.select_option(f"#id_relation_{ramlal.member_id}", "HEAD")
    page.select_option(f"#id_relation_{kamla.member_id}", "MOTHER")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator(".errors").count() == 1

    # and as Ajay's father and mother it goes through
    page.select_option(f"#id_relation_{ramlal.member_id}", "FATHER")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator("table.change-rows tbody tr").count() == 3
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()
    assert re.search(r"/updates/CR\d+/$", page.url), page.url
    change = ChangeRequest.objects.get(kind=ChangeKind.MERGE_FAMILIES)
    sign_out(visit)

    # and carol approves it
    sign_in(visit, "carol")
    page.goto(f"/updates/{change.number}/")
    visit.check()
    page.locator(f"main form[action='/updates/{change.number}/approve/'] button").click()
    visit.check()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED

    # then the parents' old Family ID says where it went (410: no longer used)
    page.goto(f"/families/{elders.family_id}/")
    assert visit.problems == [f"410 {page.url}"], visit.problems
    visit.problems.clear()
    visit.check()
    assert vermas.family_id in page.locator("main .notice").inner_text()

    # and its link leads to the Vermas, who list them with their Member IDs
    page.locator(f"main a[href='/families/{vermas.family_id}/']").click()
    visit.check()
    table = page.locator("main table").first.inner_text()
    assert ramlal.member_id in table and kamla.member_id in table
