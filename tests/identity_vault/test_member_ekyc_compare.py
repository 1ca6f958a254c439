"""Comparing UIDAI's demographic data with the register."""

from datetime import date

import pytest
from django.utils import translation

from identity.ekyc import member_ekyc_compare
from identity.uidai import EkycData
from registry.models import Member

pytestmark = pytest.mark.django_db


def _member(**fields) -> Member:
    values = {
        "name_en": "Ramesh Kumar",
        "name_hi": "रमेश कुमार",
        "gender": "M",
        "date_of_birth": date(1978, 7, 1),
    }
    return Member(**{**values, **fields})


def _uidai(**fields) -> EkycData:
    values = {"name": "Ramesh Kumar", "gender": "M", "address": "Bhopal", "year_of_birth": 1978}
    return EkycData(**{**values, **fields})


@pytest.mark.parametrize(
    ("register", "uidai"),
    [
        ({"name_en": "Ramesh Kumar"}, {"name": "Rames Kumar"}),
        ({"name_en": "Pooja Kumari", "name_hi": ""}, {"name": "Puja Kumaari"}),
        ({"name_en": "", "name_hi": "रमेश कुमार"}, {"name": "Ramesh Kumar"}),
        ({"name_en": "Ramesh Kumar", "name_hi": ""}, {"name": "x", "name_local": "रमेश कुमार"}),
        ({"name_en": "Laxmi Ahirwar", "name_hi": ""}, {"name": "Lakshmi Ahirwar"}),
        ({"name_en": "", "name_hi": "लक्ष्मी अहिरवार"}, {"name": "Laxmi Ahirwar"}),
        ({"name_en": "", "name_hi": "गोविंद प्रसाद अहिरवार"}, {"name": "Govind Prasad Ahirwar"}),
        ({"name_en": "", "name_hi": "मोहन सिंह"}, {"name": "Mohan Singh"}),
        ({"name_en": "Kumar Ramesh"}, {"name": "RAMESH  KUMAR"}),
    ],
)
def test_it_matches_a_name_spelled_differently_or_in_the_other_script(register, uidai):
    comparison = member_ekyc_compare(member=_member(**register), ekyc_data=_uidai(**uidai))

    assert comparison.name_matches, comparison.name_score
    assert comparison.matches


@pytest.mark.parametrize(
    ("register", "uidai"),
    [
        ("Ramesh Kumar", "Rakesh Kumar"),
        ("Ramesh Kumar", "Suresh Kumar"),
        ("Sita Devi", "Gita Devi"),
        ("Govind Prasad Ahirwar", "Govind Ahirwar"),
        ("Ramesh Kumar", "Sunil Verma"),
    ],
)
def test_it_does_not_match_another_name(register, uidai):
    comparison = member_ekyc_compare(
        member=_member(name_en=register, name_hi=""), ekyc_data=_uidai(name=uidai)
    )

    assert not comparison.name_matches
    assert comparison.name_score < 85
    assert [d.field for d in comparison.differences] == ["name"]


def test_the_threshold_is_a_setting(settings):
    member, data = _member(name_en="Kamla Bai", name_hi=""), _uidai(name="Kamala Bai")
    assert member_ekyc_compare(member=member, ekyc_data=data).name_matches

    settings.EKYC_NAME_MIN_SCORE = 100

    assert not member_ekyc_compare(member=member, ekyc_data=data).name_matches


def test_only_the_year_is_compared_when_uidai_has_only_the_year():
    comparison = member_ekyc_compare(member=_member(), ekyc_data=_uidai(year_of_birth=1978))
    other_year = member_ekyc_compare(member=_member(), ekyc_data=_uidai(year_of_birth=1979))

    assert comparison.birth_matches
    assert not other_year.birth_matches


def test_the_whole_date_is_compared_when_uidai_has_it():
    same = _uidai(year_of_birth=None, dob=date(1978, 7, 1))
    other_day = _uidai(year_of_birth=None, dob=date(1978, 7, 2))

    assert member_ekyc_compare(member=_member(), ekyc_data=same).birth_matches
    assert not member_ekyc_compare(member=_member(), ekyc_data=other_day).birth_matches


def test_a_member_without_a_date_of_birth_does_not_match():
    comparison = member_ekyc_compare(member=_member(date_of_birth=None), ekyc_data=_uidai())

    assert not comparison.birth_matches


def test_the_gender_must_agree():
    comparison = member_ekyc_compare(member=_member(), ekyc_data=_uidai(gender="F"))

    assert not comparison.gender_matches
    assert not comparison.matches


def test_it_lists_the_differences_side_by_side():
    member = _member(name_en="Suresh Kumar", name_hi="सुरेश कुमार", date_of_birth=None)
    data = _uidai(name="Ramesh Kumar", name_local="रमेश कुमार", gender="F", year_of_birth=1978)

    with translation.override("en"):
        comparison = member_ekyc_compare(member=member, ekyc_data=data)

    rows = [(d.field, d.label, d.register, d.uidai) for d in comparison.differences]
    assert rows == [
        ("name", "Name", "Suresh Kumar / सुरेश कुमार", "Ramesh Kumar / रमेश कुमार"),
        ("birth", "Date or year of birth", "not recorded", "1978"),
        ("gender", "Gender", "Male", "Female"),
    ]
