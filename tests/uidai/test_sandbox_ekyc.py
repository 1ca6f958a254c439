"""The sandbox's e-KYC: the resident's data, or K-100 with the authentication's own code."""

from datetime import date

import pytest

from identity.uidai import UidaiError
from identity.uidai.sandbox import SandboxUidai
from tests.uidai.support import otp_sent_to, resident, wrong

RAMESH = resident("Ramesh Kumar")


@pytest.mark.django_db
def test_ekyc_by_otp_returns_the_residents_data():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)

    data = uidai.ekyc(RAMESH.aadhaar, txn, otp_sent_to(RAMESH.mobile))

    assert (data.name, data.name_local, data.gender) == ("Ramesh Kumar", "रमेश कुमार", "M")
    assert (data.dob, data.year_of_birth, data.birth_year) == (None, 1978, 1978)
    assert "Bhopal" in data.address and "भोपाल" in data.address_local


@pytest.mark.django_db
def test_ekyc_gives_a_full_date_of_birth_where_uidai_has_one():
    sunil = resident("Sunil Verma")
    uidai = SandboxUidai()
    txn = uidai.request_otp(sunil.aadhaar)

    data = uidai.ekyc(sunil.aadhaar, txn, otp_sent_to(sunil.mobile))

    assert (data.dob, data.birth_year) == (date(1990, 5, 14), 1990)


@pytest.mark.django_db
def test_ekyc_with_a_wrong_otp_is_k100_with_400_inside():
    uidai = SandboxUidai()
    txn = uidai.request_otp(RAMESH.aadhaar)

    with pytest.raises(UidaiError) as caught:
        uidai.ekyc(RAMESH.aadhaar, txn, wrong(otp_sent_to(RAMESH.mobile)))

    assert (caught.value.code, caught.value.auth_code) == ("K-100", "400")


def test_ekyc_by_biometric_returns_the_residents_data():
    capture = SandboxUidai.enrolled_capture(RAMESH.aadhaar, "iris")

    data = SandboxUidai().ekyc_biometric(RAMESH.aadhaar, "iris", capture)

    assert data.name == "Ramesh Kumar"


@pytest.mark.parametrize(("name", "inner"), [("Mohan Singh", "330"), ("Kamla Bai", "300")])
def test_ekyc_by_biometric_refused_is_k100_with_the_reason_inside(name, inner):
    person = resident(name)
    capture = SandboxUidai.enrolled_capture(person.aadhaar, "finger")

    with pytest.raises(UidaiError) as caught:
        SandboxUidai().ekyc_biometric(person.aadhaar, "finger", capture)

    assert (caught.value.code, caught.value.auth_code) == ("K-100", inner)
