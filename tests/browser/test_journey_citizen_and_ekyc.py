"""Journey: a citizen signs in (Family ID + Member ID → OTP read from the SMS outbox), sees the
family, downloads the family card and e-KYCs another member by biometric; an official e-KYCs a
member by Aadhaar OTP until "verified", and meets a mismatch. In Hindi and in English."""

from pathlib import Path
from typing import Any

import pytest

from identity.models import MemberEkyc
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, wrong

pytestmark = pytest.mark.browser
MOBILE = "9876543210"
LOCALES = pytest.mark.parametrize("locale", ["hi-IN", "en-IN"])


@pytest.fixture(autouse=True)
def vault_and_sandbox(settings: Any) -> None:
    settings.AADHAAR_KEYS = ""
    settings.AADHAAR_KEYS_FILE = ""
    settings.AADHAAR_ACTIVE_KEY = ""
    settings.AADHAAR_DEV_KEY_ALLOWED = True
    settings.UIDAI_ADAPTER = "sandbox"
    settings.UIDAI_SANDBOX_TIMEOUT = False


@LOCALES
def test_a_citizen_signs_in_downloads_the_card_and_e_kycs_a_member(
    locale: str, world: World, new_context: ContextFactory, tmp_path: Path
) -> None:
    # given the head of family_a1, e-KYC'd with a linked mobile, and his wife, not e-KYC'd
    family = world.family_a1
    head = ekyc_with_linked_mobile(family.members.get(), MOBILE)
    sita = member_like(family, resident("Sita Devi"))
    citizen = Visit(new_context(locale=locale, viewport=PHONE).new_page(), axe=True)
    page = citizen.page

    # when he signs in with the Family ID and his Member ID
    page.goto("/citizen/sign-in/")
    citizen.check()
    page.fill("#id_family_id", family.family_id)
    page.fill("#id_member_id", head.member_id)
    page.locator("main form button[type=submit]").click()
    citizen.check()
    assert "******3210" in page.locator("main").inner_text()
    # and enters the OTP that reached his mobile (the outbox)
    page.fill("#id_code", otp_sent_to(MOBILE))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/citizen/family/")
    citizen.check()

    # then he sees his family, the Aadhaar masked, and downloads the family card
    main = page.locator("main").inner_text()
    assert head.member_id in main and sita.member_id in main
    assert "XXXX-XXXX-" in main and resident("Ramesh Kumar").aadhaar not in main
    with page.expect_download() as download:
        page.locator("main a[href='/citizen/family/card.pdf']").click()
    card = tmp_path / "card.pdf"
    download.value.save_as(card)
    assert card.read_bytes().startswith(b"%PDF")

    # when he e-KYCs his wife by biometric (the sandbox's test device)
    page.locator(f"main a[href='/citizen/members/{sita.member_id}/ekyc/']").click()
    citizen.check()
    page.fill("#id_aadhaar", resident("Sita Devi").aadhaar)
    page.locator("#id_method_1").check()
    page.locator("main form button[type=submit]").click()
    citizen.check()
    page.locator("#id_sandbox_device_1").check()
    page.locator("main form button[type=submit]").click()
    citizen.check()

    # then she is verified
    assert page.locator(".ekyc-verified").is_visible()
    assert MemberEkyc.objects.filter(member=sita, verified_by=None).exists()


@LOCALES
def test_an_official_e_kycs_a_member_by_otp_until_verified(
    locale: str, world: World, new_context: ContextFactory
) -> None:
    # given alice, a field official, and a member of her area known to UIDAI's sandbox
    ramesh = resident("Ramesh Kumar")
    member = member_like(world.family_a1, ramesh)
    alice = Visit(new_context(locale=locale).new_page(), axe=True)
    page = alice.page
    sign_in(alice, "alice")

    # when she opens the family and the member's e-KYC
    page.goto(f"/families/{world.family_a1.family_id}/")
    alice.check()
    page.locator(f"main a[href='/members/{member.member_id}/ekyc/']").click()
    alice.check()
    # and enters the Aadhaar number, by OTP (the default)
    page.fill("#id_aadhaar", ramesh.aadhaar)
    page.locator("main form button[type=submit]").click()
    alice.check()
    assert f"XXXX-XXXX-{ramesh.aadhaar[-4:]}" in page.locator("main").inner_text()
    assert ramesh.aadhaar not in page.content()

    # and a wrong OTP first, then the one UIDAI sent to the member's Aadhaar mobile
    code = otp_sent_to(ramesh.mobile)
    page.fill("#id_otp", wrong(code))
    page.locator("main form button[type=submit]").click()
    alice.check()
    assert page.locator("#id_otp_error").is_visible()
    page.fill("#id_otp", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/members/{member.member_id}/ekyc/done/")
    alice.check()

    # then the member is verified, by her
    assert page.locator(".ekyc-verified").is_visible()
    assert world.alice.name in page.locator("main").inner_text()
    assert MemberEkyc.objects.get(member=member).verified_by == world.alice

    # and a member the register has differently gets the differences side by side
    fatima = resident("Fatima Bi")
    other = member_like(world.family_a1, fatima, gender="M")
    page.goto(f"/members/{other.member_id}/ekyc/")
    page.fill("#id_aadhaar", fatima.aadhaar)
    page.locator("#id_method_1").check()
    page.locator("main form button[type=submit]").click()
    page.locator("main form button[type=submit]").click()  # the sandbox device, enrolled
    alice.check()
    assert page.locator("table.ekyc-diff tbody tr").count() == 1
    assert not MemberEkyc.objects.filter(member=other).exists()
