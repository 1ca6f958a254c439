"""The signed-in citizen: their family page, the family card, and e-KYC of their own family's
members only."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from identity.models import EkycMethod, MemberEkyc
from tests.citizen.support import ekyc_with_linked_mobile
from tests.identity_pages.support import (
    CITIZEN,
    citizen_client,
    ekyc_by_biometric,
    ekyc_by_otp,
    start,
    text,
    url,
)
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db
RAMESH, SITA, FATIMA = resident("Ramesh Kumar"), resident("Sita Devi"), resident("Fatima Bi")


@pytest.fixture
def head(world):
    return ekyc_with_linked_mobile(world.family_a1.members.get(), "9876543210")


def test_the_family_page_shows_members_masked_with_their_status(world, head):
    sita = member_like(world.family_a1, SITA)
    page = text(citizen_client(world.family_a1, head).get(reverse("identity:citizen_family")))

    assert f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}" in page and RAMESH.aadhaar not in page
    assert "******3210" in page and "9876543210" not in page
    assert url(CITIZEN, "ekyc_start", sita) in page  # not yet e-KYC'd
    assert url(CITIZEN, "mobile_link", head) in page
    assert reverse("identity:citizen_family_card") in page


def test_the_citizen_downloads_their_own_family_card(world, head):
    response = citizen_client(world.family_a1, head).get(reverse("identity:citizen_family_card"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert world.family_a1.family_id in pdf_text
    assert RAMESH.aadhaar not in pdf_text


def test_the_card_needs_a_citizen_session(world):
    response = Client().get(reverse("identity:citizen_family_card"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:citizen_sign_in"))


def test_the_citizen_e_kycs_a_member_of_their_family_by_otp(world, head):
    sita = member_like(world.family_a1, SITA)
    client = citizen_client(world.family_a1, head)

    page = text(ekyc_by_otp(client, CITIZEN, sita, SITA))

    assert "Verified with Aadhaar" in page
    assert "The citizen, signed in with their family" in page
    ekyc = MemberEkyc.objects.get(member=sita)
    assert ekyc.verified_by is None and ekyc.method == EkycMethod.OTP


def test_the_citizen_e_kycs_by_biometric_and_sees_a_mismatch(world, head):
    client = citizen_client(world.family_a1, head)
    sita = member_like(world.family_a1, SITA)
    assert "Verified with Aadhaar" in text(ekyc_by_biometric(client, CITIZEN, sita, SITA))
    fatima = member_like(world.family_a1, FATIMA, gender="M")
    page = text(ekyc_by_otp(client, CITIZEN, fatima, FATIMA))
    assert "The Aadhaar details do not match" in page
    assert not MemberEkyc.objects.filter(member=fatima).exists()


def test_members_of_other_families_are_not_found(world, head):
    client = citizen_client(world.family_a1, head)
    for family in (world.family_b1, world.family_x1):
        other = family.members.get()
        for step in ("ekyc_start", "ekyc_otp", "ekyc_biometric", "ekyc_done", "mobile_link"):
            assert client.get(url(CITIZEN, step, other)).status_code == 404
        assert start(client, CITIZEN, other, SITA.aadhaar).status_code == 404
    # nor through the officials' pages
    response = client.get(url("identity:", "ekyc_start", world.family_b1.members.get()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("officials:login"))
    assert not MemberEkyc.objects.exclude(member=head).exists()
