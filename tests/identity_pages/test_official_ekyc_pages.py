"""An official e-KYCs a member of a family in their areas through the pages."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from identity.models import AadhaarVaultEntry, EkycMethod, MemberEkyc
from identity.uidai.residents import sandbox_aadhaar
from sms.models import SmsMessage
from tests.identity_pages.support import (
    OFFICIAL,
    TWELVE_DIGITS,
    ekyc_by_biometric,
    ekyc_by_otp,
    official_client,
    pasted_capture,
    start,
    text,
    url,
)
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, valid_aadhaar, wrong

pytestmark = pytest.mark.django_db
RAMESH, SITA, MOHAN = resident("Ramesh Kumar"), resident("Sita Devi"), resident("Mohan Singh")
FATIMA = resident("Fatima Bi")


def test_the_family_page_offers_e_kyc_for_each_member(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    page = text(client.get(reverse("registry:family_detail", args=[world.family_a1.family_id])))
    assert url(OFFICIAL, "ekyc_start", member) in page


def test_otp_e_kyc_marks_the_member_verified_when_how_and_by_whom(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)

    response = start(client, OFFICIAL, member, RAMESH.aadhaar)
    otp_page = text(client.get(response["Location"]))
    # the OTP went to the mobile registered with Aadhaar; the number is shown masked only
    assert SmsMessage.objects.get().mobile == RAMESH.mobile
    assert f"XXXX-XXXX-{RAMESH.aadhaar[-4:]}" in otp_page
    assert RAMESH.aadhaar not in otp_page
    assert RAMESH.aadhaar not in str(dict(client.session.items()))

    done = client.post(response["Location"], {"otp": otp_sent_to(RAMESH.mobile)}, follow=True)

    assert done.redirect_chain[-1][0] == url(OFFICIAL, "ekyc_done", member)
    page = text(done)
    assert "Verified with Aadhaar" in page and world.alice.name in page and "Aadhaar OTP" in page
    ekyc = MemberEkyc.objects.get(member=member)
    assert (ekyc.method, ekyc.verified_by) == (EkycMethod.OTP, world.alice)
    assert "samagra_ekyc" not in client.session


def test_a_wrong_otp_is_refused_and_the_right_one_still_works(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    otp_url = start(client, OFFICIAL, member, RAMESH.aadhaar)["Location"]
    code = otp_sent_to(RAMESH.mobile)

    page = text(client.post(otp_url, {"otp": wrong(code)}))

    assert "The Aadhaar OTP is not correct or has expired" in page
    assert not MemberEkyc.objects.exists()
    response = client.post(otp_url, {"otp": code})
    assert response["Location"] == url(OFFICIAL, "ekyc_done", member)


def test_biometric_e_kyc_with_the_sandbox_device_or_a_pasted_capture(world):
    ramesh, sita = member_like(world.family_a1, RAMESH), member_like(world.family_a1, SITA)
    client = official_client(world.carol)

    assert "Verified with Aadhaar" in text(ekyc_by_biometric(client, OFFICIAL, ramesh, RAMESH))
    response = start(client, OFFICIAL, sita, SITA.aadhaar, "biometric")
    done = client.post(
        response["Location"],
        {"modality": "iris", "biometric": pasted_capture(SITA, "iris")},
        follow=True,
    )
    assert "Verified with Aadhaar" in text(done)
    methods = set(MemberEkyc.objects.values_list("method", flat=True))
    assert methods == {EkycMethod.BIOMETRIC}


def test_a_biometric_that_does_not_match_or_is_locked_is_refused(world):
    client = official_client(world.alice)
    sita = member_like(world.family_a1, SITA)
    page = text(ekyc_by_biometric(client, OFFICIAL, sita, SITA, device="other"))
    assert "did not match the Aadhaar record" in page
    mohan = member_like(world.family_a1, MOHAN)
    page = text(ekyc_by_biometric(client, OFFICIAL, mohan, MOHAN))
    assert "locked their biometrics" in page
    empty = start(client, OFFICIAL, sita, SITA.aadhaar, "biometric")["Location"]
    assert "Capture the finger or iris" in text(client.post(empty, {"modality": "finger"}))
    assert not MemberEkyc.objects.exists()


def test_a_mismatch_shows_the_differences_and_offers_a_correction(world):
    member = member_like(world.family_a1, FATIMA, gender="M", name_en="Farida Khan", name_hi="")
    client = official_client(world.alice)

    page = text(ekyc_by_otp(client, OFFICIAL, member, FATIMA))

    assert "The Aadhaar details do not match" in page
    for shown in ("Farida Khan", "Fatima Bi", "Male", "Female", "In the register"):
        assert shown in page
    try:
        correction = reverse("updates:correction_new", kwargs={"member_id": member.member_id})
    except Exception:
        assert "ask the local body" in page
    else:
        assert correction in page
    assert not MemberEkyc.objects.exists()


@pytest.mark.parametrize(
    ("aadhaar", "message"),
    [
        (RAMESH.aadhaar[:-1] + str((int(RAMESH.aadhaar[-1]) + 1) % 10), "a digit is probably"),
        ("12345", "An Aadhaar number has 12 digits"),
        (valid_aadhaar(7), "cannot be used for authentication"),  # UIDAI: 998
        (resident("Anjali Ahirwar").aadhaar, "could not process the request"),  # 999
        (resident("Rajesh Singh").aadhaar, "did not answer in time"),  # time-out
    ],
    ids=["verhoeff", "format", "998", "999", "timeout"],
)
def test_bad_numbers_and_uidai_errors_are_explained_and_change_nothing(world, aadhaar, message):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)

    response = start(client, OFFICIAL, member, aadhaar)

    page = text(response)
    assert response.status_code == 200 and message in page
    # the number typed is not written back into the page, only masked
    assert aadhaar not in page
    assert not [m for m in TWELVE_DIGITS.finditer(page) if "".join(m.groups()) in aadhaar]
    assert not MemberEkyc.objects.exists() and not SmsMessage.objects.exists()
    assert "samagra_ekyc" not in client.session


def test_uidai_timing_out_everywhere(world, settings):
    settings.UIDAI_SANDBOX_TIMEOUT = True
    member = member_like(world.family_a1, RAMESH)
    page = text(start(official_client(world.alice), OFFICIAL, member, RAMESH.aadhaar))
    assert "did not answer in time" in page
    assert not AadhaarVaultEntry.objects.exists()


def test_an_aadhaar_already_linked_to_another_member_is_refused(world):
    client = official_client(world.alice)
    first = member_like(world.family_a1, RAMESH)
    ekyc_by_otp(client, OFFICIAL, first, RAMESH)
    second = member_like(world.family_a1, RAMESH)

    page = text(start(client, OFFICIAL, second, RAMESH.aadhaar))

    assert "already linked to another member" in page
    assert MemberEkyc.objects.get().member == first


def test_members_outside_the_officials_areas_are_not_found(world):
    client = official_client(world.alice)
    for family in (world.family_b1, world.family_x1):
        member = family.members.get()
        for step in ("ekyc_start", "ekyc_otp", "ekyc_biometric", "ekyc_done", "mobile_link"):
            assert client.get(url(OFFICIAL, step, member)).status_code == 404
        response = start(client, OFFICIAL, member, sandbox_aadhaar(1))
        assert response.status_code == 404
    assert not SmsMessage.objects.exists() and not AuditEvent.objects.exists()


def test_the_steps_cannot_be_skipped(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    for step in ("ekyc_otp", "ekyc_biometric"):
        response = client.post(url(OFFICIAL, step, member), {"otp": "123456"})
        assert response["Location"] == url(OFFICIAL, "ekyc_start", member)
    # a pending step of one member does not open another's
    start(client, OFFICIAL, member, RAMESH.aadhaar)
    other = member_like(world.family_a1, SITA)
    response = client.get(url(OFFICIAL, "ekyc_otp", other))
    assert response["Location"] == url(OFFICIAL, "ekyc_start", other)


def test_the_page_is_in_hindi_by_default(world):
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    del client.cookies["django_language"]
    page = text(client.get(url(OFFICIAL, "ekyc_start", member)))
    assert '<html lang="hi"' in page
