"""The family's report pages: a citizen reports for their own family only (another family's
member or request is a 404), officials and strangers are sent to citizen sign-in, and bad input
is answered on the form, in the citizen's language, with nothing saved."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.actors import Citizen
from registry.models import Family
from tests.conftest import client_for
from tests.security.test_authz_matrix import citizen_login_in
from tests.updates.support import member, verma_family
from updates.family_reports import change_request_report
from updates.models import ChangeKind, ChangeRequest, ChangeStatus

NEW_PAGES = [
    ("updates:citizen_report", {}),
    ("updates:citizen_birth_new", {}),
    ("updates:citizen_death_new", {}),
    ("updates:citizen_change_list", {}),
]


def _signed_in(family: Family, language: str = "en") -> Client:
    client = Client()
    head = member(family, "Ajay Verma")
    citizen_login_in(client, Citizen(family_id=family.family_id, member_id=head.member_id))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _birth_form(family: Family, **changes: str) -> dict[str, str]:
    data = {
        "name_hi": "आरती वर्मा",
        "name_en": "Aarti Verma",
        "gender": "F",
        "date_of_birth": "2025-02-03",
        "mother": member(family, "Sunita Verma").member_id,
        "relation": "DAUGHTER",
        "father_or_husband_name": "Ajay Verma",
        "caste_category": "OBC",
    }
    return {**data, **changes}


def test_the_family_page_leads_to_the_report_page_and_the_requests(world):
    family = verma_family(world)
    client = _signed_in(family)

    page = client.get(reverse("identity:citizen_family")).content.decode()

    assert reverse("updates:citizen_report") in page
    assert reverse("updates:citizen_change_list") in page
    report = client.get(reverse("updates:citizen_report")).content.decode()
    ravi = member(family, "Ravi Verma")
    assert reverse("updates:citizen_correction_new", args=[ravi.member_id]) in report
    assert f"{reverse('updates:citizen_death_new')}?member={ravi.member_id}" in report
    assert reverse("identity:citizen_ekyc_start", args=[ravi.member_id]) in report


def test_a_citizen_reports_a_birth_and_sees_its_number_and_holder(world):
    family = verma_family(world)
    client = _signed_in(family)

    response = client.post(reverse("updates:citizen_birth_new"), _birth_form(family))

    change = ChangeRequest.objects.get()
    assert change.is_family_reported and change.status == ChangeStatus.PENDING
    assert response["Location"] == reverse("updates:citizen_change_detail", args=[change.number])
    page = client.get(response["Location"]).content.decode()
    assert change.number in page
    assert f"{world.carol.get_designation_display()}, {world.lb_a.name}" in page
    assert world.carol.name not in page and world.carol.mobile not in page
    listed = client.get(reverse("updates:citizen_change_list")).content.decode()
    assert change.number in listed and world.carol.mobile not in listed


def test_a_citizen_reports_a_death_and_a_correction(world):
    family = verma_family(world)
    client = _signed_in(family)
    ravi = member(family, "Ravi Verma")

    client.post(
        reverse("updates:citizen_death_new"),
        {"member": ravi.member_id, "date_of_death": "2025-01-01"},
    )
    sunita = member(family, "Sunita Verma")
    url = reverse("updates:citizen_correction_new", args=[sunita.member_id])
    form = client.get(url).content.decode()
    assert 'name="mobile"' not in form  # a new number is linked with an OTP to it
    data = {
        "name_hi": sunita.name_hi,
        "name_en": "Sunita Devi Verma",
        "gender": sunita.gender,
        "date_of_birth": sunita.date_of_birth.isoformat(),
        "relation": sunita.relation,
        "marital_status": sunita.marital_status,
        "caste_category": sunita.caste_category,
    }
    response = client.post(url, data)

    assert response.status_code == 302
    kinds = set(ChangeRequest.objects.values_list("kind", "member__name_en"))
    assert kinds == {(ChangeKind.DEATH, "Ravi Verma"), (ChangeKind.CORRECT_MEMBER, "Sunita Verma")}


def test_the_officer_sees_the_family_reported_it_and_decides(world):
    family = verma_family(world)
    _signed_in(family).post(reverse("updates:citizen_birth_new"), _birth_form(family))
    change = ChangeRequest.objects.get()
    carol = client_for(world.carol)
    carol.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    listed = carol.get(reverse("updates:change_list")).content.decode()
    detail = carol.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    carol.post(reverse("updates:change_approve", args=[change.number]))

    assert change.number in listed and "The family itself" in listed
    assert "The family itself (Member ID" in detail
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


@pytest.mark.parametrize(
    ("url_name", "data", "field", "message"),
    [
        ("updates:citizen_death_new", {"date_of_death": "2025-01-01"}, "member", "other"),
        ("updates:citizen_death_new", {"date_of_death": "2025-01-01"}, "member", "123456789"),
        ("updates:citizen_birth_new", {}, "mother", "other"),
    ],
)
def test_a_member_of_another_family_is_refused_on_the_form(world, url_name, data, field, message):
    family = verma_family(world)
    outsider = world.family_x1.members.get().member_id
    value = outsider if message == "other" else message
    post = {**(_birth_form(family) if "birth" in url_name else {}), **data, field: value}

    response = _signed_in(family).post(reverse(url_name), post)

    assert response.status_code == 400
    assert "of your family" in response.content.decode()
    assert outsider not in response.content.decode().replace(f'value="{outsider}"', "")
    assert not ChangeRequest.objects.exists()


def test_a_birth_in_the_future_is_refused_in_hindi(world):
    family = verma_family(world)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = _signed_in(family, "hi").post(
        reverse("updates:citizen_birth_new"), _birth_form(family, date_of_birth=tomorrow)
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "अभी कुछ भी सहेजा नहीं गया है" in body
    assert not ChangeRequest.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(world):
    family = verma_family(world)
    client = _signed_in(family)
    ravi = member(family, "Ravi Verma")
    url = reverse("updates:citizen_correction_new", args=[ravi.member_id])
    data = {
        "name_hi": ravi.name_hi,
        "name_en": ravi.name_en,
        "gender": ravi.gender,
        "date_of_birth": ravi.date_of_birth.isoformat(),
        "relation": ravi.relation,
        "marital_status": ravi.marital_status,
        "caste_category": ravi.caste_category,
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_second_open_report_for_the_same_member_is_refused(world):
    family = verma_family(world)
    client = _signed_in(family)
    ravi = member(family, "Ravi Verma")
    death = {"member": ravi.member_id, "date_of_death": "2025-01-01"}
    client.post(reverse("updates:citizen_death_new"), death)

    response = client.post(reverse("updates:citizen_death_new"), death)

    assert response.status_code == 400
    assert ChangeRequest.objects.get().number in response.content.decode()


def test_another_familys_member_and_request_are_not_found(world):
    family = verma_family(world)
    outsider = world.family_x1.members.get()
    theirs = change_request_report(
        citizen=Citizen(family_id=world.family_x1.family_id, member_id=outsider.member_id),
        kind=ChangeKind.DEATH,
        member_id=outsider.member_id,
        data={"date_of_death": "2025-01-01"},
    )
    client = _signed_in(family)

    correction = client.get(reverse("updates:citizen_correction_new", args=[outsider.member_id]))
    post = client.post(
        reverse("updates:citizen_correction_new", args=[outsider.member_id]), {"name_en": "X"}
    )
    detail = client.get(reverse("updates:citizen_change_detail", args=[theirs.number]))
    listed = client.get(reverse("updates:citizen_change_list")).content.decode()

    assert correction.status_code == post.status_code == detail.status_code == 404
    assert theirs.number not in listed
    assert ChangeRequest.objects.count() == 1


@pytest.mark.parametrize("persona", ["alice", "carol", "sam", None])
def test_officials_and_strangers_are_sent_to_citizen_sign_in(world, persona):
    family = verma_family(world)
    change = change_request_report(
        citizen=Citizen(family_id=family.family_id, member_id=family.members.first().member_id),
        kind=ChangeKind.DEATH,
        member_id=member(family, "Ravi Verma").member_id,
        data={"date_of_death": "2025-01-01"},
    )
    client = client_for(getattr(world, persona)) if persona else Client()
    pages = [
        *NEW_PAGES,
        ("updates:citizen_correction_new", {"member_id": member(family, "Ravi Verma").member_id}),
        ("updates:citizen_change_detail", {"change_number": change.number}),
    ]

    for name, kwargs in pages:
        url = reverse(name, kwargs=kwargs)
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("identity:citizen_sign_in")), name
    assert ChangeRequest.objects.count() == 1
