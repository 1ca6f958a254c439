"""Journey: the Migration SOP end to end. A citizen signs in (OTP from the SMS outbox), asks to
move the family (type, place, address, a PDF proof, Aadhaar OTP from the sandbox), submits and
downloads the confirmation; the destination's field official approves; the family has moved."""

import re
from pathlib import Path
from typing import Any

import pytest

from migration.models import MigrationRequest, MigrationStatus
from registry.models import Family
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.conftest import World
from tests.migration.support import CITIZEN_MOBILE, PDF_BODY, UIDAI_MOBILE, make_mig
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def documents_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


def _submit(visit: Visit) -> None:
    visit.page.locator("main form button[type=submit]").last.click()
    visit.page.wait_for_load_state()
    visit.check()


@pytest.mark.parametrize(
    ("language", "options"),
    [pytest.param("en", {}, id="english"), pytest.param("hi", {"viewport": PHONE}, id="hindi")],
)
def test_a_family_moves_through_the_migration_sop(
    language: str,
    options: dict[str, Any],
    world: World,
    new_context: ContextFactory,
    tmp_path: Path,
) -> None:
    mig = make_mig(world)
    member = world.family_a1.members.get()
    citizen = Visit(new_context(accept_downloads=True, **options).new_page(), axe=True)
    page = citizen.page
    # SOP 1-2: Request Migration on the home page, IDs, then the OTP sent to the linked mobile
    page.goto("/")
    switch_language(citizen, language)
    citizen.check()
    page.locator("main a[href^='/citizen/sign-in/?next=']").click()
    citizen.check()
    page.fill("#id_family_id", world.family_a1.family_id)
    page.fill("#id_member_id", member.member_id)
    _submit(citizen)
    page.fill("#id_code", otp_sent_to(CITIZEN_MOBILE))
    _submit(citizen)
    assert page.url.endswith("/migration/new/")
    # SOP 3: the type
    page.check("input[name=type][value=WITHIN_LB]")
    _submit(citizen)
    # SOP 4: the new Gram Panchayat or ward, the address and the proof
    page.select_option("#id_place", str(world.b1.pk))
    _submit(citizen)
    page.fill("#id_house_number", "12")
    page.fill("#id_locality", "Shivaji Nagar")
    page.fill("#id_pin_code", "462016")
    proof = tmp_path / "bijli-bill.pdf"
    proof.write_bytes(PDF_BODY)
    page.set_input_files("#id_proof", str(proof))
    _submit(citizen)
    # SOP 5: Aadhaar e-authentication by the sandbox's OTP
    page.locator("button[name=action][value=send]").click()
    page.wait_for_load_state()
    citizen.check()
    page.fill("#id_otp", otp_sent_to(UIDAI_MOBILE))
    page.locator("button[name=action][value=verify]").click()
    page.wait_for_load_state()
    citizen.check()
    assert page.url.endswith("/migration/new/review/")
    # SOP 6: submit, then download the confirmation
    _submit(citizen)
    request = MigrationRequest.objects.get()
    assert request.number in page.locator("h1").inner_text()
    link = page.locator(f"a[href='/migration/requests/{request.number}/confirmation.pdf']")
    assert link.get_attribute("download") is not None
    confirmation = page.request.get(str(link.get_attribute("href")), timeout=90_000)
    assert confirmation.headers["content-type"] == "application/pdf"
    assert confirmation.body().startswith(b"%PDF")

    # SOP 7-10: bob, field official of b1, reviews and approves
    official = Visit(new_context(**options).new_page(), axe=True)
    official.page.goto("/")
    switch_language(official, language)
    sign_in(official, "bob")
    official.check()
    official.page.goto("/migration/review/")
    official.check()
    official.page.locator(f"a[href='/migration/review/{request.number}/']").click()
    official.check()
    official.page.locator(
        f"form[action='/migration/review/{request.number}/approve/'] button"
    ).click()
    official.page.wait_for_load_state()
    official.check()
    assert Family.objects.get(pk=world.family_a1.pk).area == world.b1
    official.page.goto(f"/families/{world.family_a1.family_id}/")
    official.check()
    assert (
        world.b1.name_en in official.page.content() or world.b1.name_hi in official.page.content()
    )

    # the status page shows it approved
    page.goto(f"/migration/requests/{request.number}/")
    citizen.check()
    assert MigrationRequest.objects.get().status == MigrationStatus.APPROVED
    assert re.search("Approved|स्वीकृत", page.locator("main dl").first.inner_text())
    assert mig.family.family_id


def _request_migration(citizen: Visit, world: World, language: str, tmp_path: Path) -> None:
    """Sign in from the home page and go through the request to its Aadhaar step's end."""
    page = citizen.page
    member = world.family_a1.members.get()
    page.goto("/")
    switch_language(citizen, language)
    page.locator("main a[href^='/citizen/sign-in/?next=']").click()
    page.fill("#id_family_id", world.family_a1.family_id)
    page.fill("#id_member_id", member.member_id)
    _submit(citizen)
    page.fill("#id_code", otp_sent_to(CITIZEN_MOBILE))
    _submit(citizen)
    page.check("input[name=type][value=WITHIN_LB]")
    _submit(citizen)
    page.select_option("#id_place", str(world.b1.pk))
    _submit(citizen)
    page.fill("#id_house_number", "12")
    page.fill("#id_locality", "Shivaji Nagr")
    page.fill("#id_pin_code", "462016")
    proof = tmp_path / "bijli-bill.pdf"
    proof.write_bytes(PDF_BODY)
    page.set_input_files("#id_proof", str(proof))
    _submit(citizen)
    _eauth_and_submit(citizen)


def _eauth_and_submit(citizen: Visit) -> None:
    page = citizen.page
    page.locator("button[name=action][value=send]").click()
    page.wait_for_load_state()
    citizen.check()
    page.fill("#id_otp", otp_sent_to(UIDAI_MOBILE))
    page.locator("button[name=action][value=verify]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/migration/new/review/")
    _submit(citizen)


def _bob(new_context: ContextFactory, language: str, options: dict[str, Any]) -> Visit:
    official = Visit(new_context(**options).new_page(), axe=True)
    official.page.goto("/")
    switch_language(official, language)
    sign_in(official, "bob")
    return official


@pytest.mark.parametrize(
    ("language", "options"),
    [pytest.param("en", {}, id="english"), pytest.param("hi", {"viewport": PHONE}, id="hindi")],
)
def test_a_rejected_request_is_corrected_resubmitted_and_approved(
    language: str,
    options: dict[str, Any],
    world: World,
    new_context: ContextFactory,
    tmp_path: Path,
) -> None:
    make_mig(world)
    citizen = Visit(new_context(**options).new_page(), axe=True)
    _request_migration(citizen, world, language, tmp_path)
    first = MigrationRequest.objects.get()

    # the destination's official rejects it, with a reason from the list and its details
    official = _bob(new_context, language, options)
    official.page.goto(f"/migration/review/{first.number}/")
    official.check()
    official.page.select_option("#id_reason", "INCOMPLETE")
    official.page.fill("#id_details", "Write the locality as on the electricity bill")
    official.page.locator(f"form[action='/migration/review/{first.number}/reject/'] button").click()
    official.page.wait_for_load_state()
    official.check()
    assert MigrationRequest.objects.get(pk=first.pk).status == MigrationStatus.REJECTED

    # the citizen reads the reason, corrects the locality and submits again
    page = citizen.page
    page.goto(f"/migration/requests/{first.number}/")
    citizen.check()
    assert "Write the locality as on the electricity bill" in page.content()
    page.locator(f"form[action='/migration/requests/{first.number}/correct/'] button").click()
    page.wait_for_load_state()
    citizen.check()
    # the request so far is prefilled; only the address needs the change
    page.locator("a[href='/migration/new/address/']").first.click()
    page.wait_for_load_state()
    citizen.check()
    assert page.input_value("#id_locality") == "Shivaji Nagr"
    page.fill("#id_locality", "Shivaji Nagar")
    _submit(citizen)  # the earlier proof is kept
    _eauth_and_submit(citizen)
    second = MigrationRequest.objects.exclude(pk=first.pk).get()
    assert second.previous_request == first
    assert second.locality == "Shivaji Nagar"

    # and the official approves the corrected request: the family has moved
    official.page.goto(f"/migration/review/{second.number}/")
    official.check()
    official.page.locator(
        f"form[action='/migration/review/{second.number}/approve/'] button"
    ).click()
    official.page.wait_for_load_state()
    official.check()
    assert Family.objects.get(pk=world.family_a1.pk).area == world.b1
