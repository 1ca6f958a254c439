"""Journey 3: a field official registers a left-out family (two members, one name suggested in
the other script), saves a draft, submits it and downloads the acknowledgement; the local body
officer opens the queue, decides the possible duplicate, approves, and the family page shows the
new IDs. Every page is checked with axe, in Hindi and in English."""

import re
from typing import Any

import pytest

from registration.models import Application, ApplicationStatus
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, sign_out, switch_language
from tests.conftest import World

pytestmark = pytest.mark.browser

RUNS = [
    pytest.param("en", {}, id="english"),
    pytest.param("hi", {"viewport": PHONE}, id="hindi-phone"),
]


def _member(page: Any, index: int, values: dict[str, str]) -> None:
    for name, value in values.items():
        selector = f"#id_members-{index}-{name}"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


@pytest.mark.parametrize(("language", "options"), RUNS)
def test_a_family_is_registered_verified_and_given_ids(
    language: str, options: dict[str, Any], world: World, new_context: ContextFactory
) -> None:
    # given alice, field official of a1, in her language
    alice = Visit(new_context(**options).new_page(), axe=True)
    page = alice.page
    page.goto("/")
    switch_language(alice, language)
    sign_in(alice, "alice")
    alice.check()

    # when she opens the form and enters the head, in Devanagari only
    page.locator("header nav a[href='/registration/new/']").click()
    alice.check()
    page.select_option("#id_area", str(world.a1.pk))
    page.fill("#id_house_number", "12")
    page.fill("#id_pin_code", "462001")
    _member(
        page,
        0,
        {
            "name_hi": "रमेश कुमार",
            "gender": "M",
            "date_of_birth": "1980-05-01",
            "relation": "HEAD",
            "father_or_husband_name": "Mohan Lal",
            "marital_status": "MARRIED",
            "mobile": "9876543210",
            "caste_category": "OBC",
        },
    )
    # and adds a second member, in Latin script only
    page.locator("button[value=add]").click()
    alice.check()
    _member(
        page,
        1,
        {
            "name_en": "Geeta",
            "gender": "F",
            "age_years": "40",
            "relation": "SPOUSE",
            "father_or_husband_name": "Ramesh Kumar",
            "marital_status": "MARRIED",
            "caste_category": "OBC",
        },
    )
    # and asks for the names in the other script
    page.locator("button[value=suggest]").click()
    alice.check()
    # then both empty names are filled, and she may correct them
    assert page.input_value("#id_members-0-name_en") == "Ramesh Kumar"
    assert page.input_value("#id_members-1-name_hi") == "गीता"

    # when she saves a draft
    page.locator("button[value=save]").click()
    alice.check()
    application = Application.objects.get()
    assert application.status == ApplicationStatus.DRAFT
    assert application.members.count() == 2

    # and submits it
    page.locator("button[value=submit]").click()
    alice.check()
    # then she sees the number and downloads the acknowledgement
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.number in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.locator(f"a[href='/registration/{application.number}/acknowledgement.pdf']").click()
    path = download_info.value.path()
    assert open(path, "rb").read(4) == b"%PDF"  # noqa: SIM115
    sign_out(alice)

    # when carol, the local body officer, opens her queue and the application
    carol = Visit(page, axe=True)
    sign_in(carol, "carol")
    page.locator("header nav a[href='/registration/queue/']").click()
    carol.check()
    page.locator(f"main a[href='/registration/{application.number}/']").click()
    carol.check()
    # then the registered Ramesh Kumar of a1 is shown as a possible duplicate, to be decided
    assert page.locator("section.duplicate").count() >= 1
    assert page.locator("button[name=approve]").count() == 0
    while page.locator("section.duplicate button[value=not_duplicate]").count():
        section = (
            page.locator("section.duplicate")
            .filter(has=page.locator("button[value=not_duplicate]"))
            .first
        )
        section.locator("textarea").fill("Different father and date of birth")
        section.locator("button[value=not_duplicate]").click()
        carol.check()

    # when she approves
    page.locator("button[name=approve]").click()
    carol.check()
    # then the new Family ID and Member IDs are shown, and the family page has them
    application.refresh_from_db()
    family = application.family
    assert family is not None
    main = page.locator("main").inner_text()
    assert family.family_id in main
    for member in family.members.all():
        assert re.fullmatch(r"\d{9}", member.member_id)
        assert member.member_id in main
    page.locator(f"main a.family-id[href='/families/{family.family_id}/']").click()
    carol.check()
    main = page.locator("main").inner_text()
    for member in family.members.all():
        assert member.member_id in main
    assert application.number in main
