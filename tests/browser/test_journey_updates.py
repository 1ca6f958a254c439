"""Journey: a registered family is kept current. The field official corrects the head's name,
adds a newborn daughter and records a death; the local body officer approves each; the family
page then shows the corrected name, the new member with her Member ID, and the deceased member
marked (never removed)."""

import re
from typing import Any

import pytest

from registry.ids import is_valid_member_id
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World
from tests.updates.support import member, verma_family
from updates.models import ChangeRequest, ChangeStatus

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]


def _preview_and_submit(visit: Visit) -> None:
    page = visit.page
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator("table.change-rows tbody tr").count() >= 1
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()
    assert re.search(r"/updates/CR\d+/$", page.url), page.url


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_family_is_corrected_grows_and_loses_a_member(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    family = verma_family(world)
    ajay, sunita, ravi = (member(family, n) for n in ("Ajay Verma", "Sunita Verma", "Ravi Verma"))
    family_url = f"/families/{family.family_id}/"

    # given alice, field official of the family's area, in her language
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    visit.check()

    # when she corrects the head's name in Latin letters
    page.goto(family_url)
    visit.check()
    page.locator(f"a[href='/updates/members/{ajay.member_id}/correct/']").click()
    visit.check()
    page.fill("#id_name_en", "Ajay Kumar Verma")
    _preview_and_submit(visit)

    # and adds a newborn daughter of Sunita
    page.goto(family_url)
    page.locator(f"a[href='/updates/families/{family.family_id}/birth/']").click()
    visit.check()
    page.fill("#id_name_hi", "आरती वर्मा")
    page.fill("#id_name_en", "Aarti Verma")
    page.select_option("#id_gender", "F")
    page.fill("#id_date_of_birth", "2025-02-03")
    page.select_option("#id_mother", sunita.member_id)
    page.select_option("#id_relation", "DAUGHTER")
    page.select_option("#id_caste_category", "OBC")
    _preview_and_submit(visit)

    # and records Ravi's death, after first entering a date before his birth
    page.goto(family_url)
    page.locator(f"a[href='/updates/members/{ravi.member_id}/death/']").click()
    visit.check()
    page.fill("#id_date_of_death", "2001-01-01")
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    assert page.locator("#id_date_of_death").get_attribute("aria-invalid") == "true"
    page.fill("#id_date_of_death", "2025-06-01")
    _preview_and_submit(visit)
    sign_out(visit)

    # then carol, the local body officer, finds three requests waiting, oldest first
    sign_in(visit, "carol")
    visit.check()
    page.locator("main a[href='/updates/']").first.click()  # the tile (the dashboard links it too)
    visit.check()
    numbers = list(ChangeRequest.objects.order_by("held_since").values_list("number", flat=True))
    assert len(numbers) == 3
    listed = page.locator("main tbody tr td:first-child a").all_inner_texts()
    assert listed == numbers

    # and approves each from its decision page
    for number in numbers:
        page.goto(f"/updates/{number}/")
        visit.check()
        page.locator(f"main form[action='/updates/{number}/approve/'] button").click()
        visit.check()
    assert set(ChangeRequest.objects.values_list("status", flat=True)) == {ChangeStatus.APPROVED}

    # and the family page shows every change
    page.goto(family_url)
    visit.check()
    table = page.locator("main table").first.inner_text()
    assert "Ajay Kumar Verma" in table and "Aarti Verma" in table
    assert page.locator("main strong.deceased").count() == 1
    aarti = family.members.get(name_en="Aarti Verma")
    assert is_valid_member_id(aarti.member_id) and aarti.mother == sunita
    assert aarti.member_id in table and ravi.member_id in table


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_the_other_change_pages_are_accessible(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    family = verma_family(world)
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    # the forms of the other kinds, empty and sent back with errors
    for kind in ("missed", "marriage", "address"):
        page.goto(f"/updates/families/{family.family_id}/{kind}/")
        visit.check()
        page.locator("main button[name=step][value=preview]").click()
        visit.check()
        assert page.locator(".errors, .field.has-error").count() >= 1
    # a change that applies at once (the address)
    page.fill("#id_house_number", "7-A")
    _preview_and_submit(visit)
    sign_out(visit)

    # the officer's empty list, and a rejection sent without its reason
    sign_in(visit, "carol")
    page.goto("/updates/")
    visit.check()
    from tests.updates.support import death_requested

    change = death_requested(world, family, "Ravi Verma")
    page.goto(f"/updates/{change.number}/")
    visit.check()
    page.locator(f"main form[action='/updates/{change.number}/reject/'] button").click()
    visit.check()
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_bride_already_registered_and_a_family_without_a_head(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    from tests.updates.support import bride_registered_with_her_parents, death_recorded
    from updates.models import ChangeKind

    family = verma_family(world)
    pooja = bride_registered_with_her_parents(world.b1)
    ravi = member(family, "Ravi Verma")
    family_url = f"/families/{family.family_id}/"

    # given alice, who adds Ravi's bride, registered with her parents in another area
    visit = Visit(new_context(**options).new_page(), axe=True)
    page = visit.page
    page.goto("/")
    switch_language(visit, language)
    sign_in(visit, "alice")
    page.goto(f"/updates/families/{family.family_id}/marriage/")
    page.fill("#id_name_hi", "पूजा शर्मा")
    page.fill("#id_name_en", "Pooja Sharma")
    page.select_option("#id_gender", "F")
    page.fill("#id_date_of_birth", "2004-02-02")
    page.select_option("#id_relation", "DIL")
    page.fill("#id_father_or_husband_name", "Ramesh Sharma")
    page.select_option("#id_caste_category", "OBC")
    page.select_option("#id_spouse", ravi.member_id)
    page.fill("#id_date_of_marriage", "2025-05-05")
    # when she previews it / then the preview shows who may already be her
    page.locator("main button[name=step][value=preview]").click()
    visit.check()
    possible = page.locator("#possible-heading + p + .table-wrap").inner_text()
    assert pooja.member_id in possible
    page.locator("main button[name=step][value=confirm]").click()
    visit.check()
    number = ChangeRequest.objects.get().number
    sign_out(visit)

    # and carol sees the same on the decision page
    sign_in(visit, "carol")
    page.goto(f"/updates/{number}/")
    visit.check()
    assert pooja.member_id in page.locator("main section.duplicate").inner_text()

    # given the head's death recorded / then the family page asks for the new head
    death_recorded(world, family, "Ajay Verma")
    page.goto(family_url)
    visit.check()
    assert page.locator("main p.notice[role=status]").count() == 1
    # and alice records the new head from the form the notice points to
    sign_out(visit)
    sign_in(visit, "alice")
    page.goto(f"/updates/families/{family.family_id}/head/")
    visit.check()
    sunita = member(family, "Sunita Verma")
    page.select_option(f"#id_relation_{sunita.member_id}", "HEAD")
    _preview_and_submit(visit)
    assert ChangeRequest.objects.filter(kind=ChangeKind.RELATIONS).exists()
