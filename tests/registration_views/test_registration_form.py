from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from registration.models import Application, ApplicationMember, ApplicationStatus
from tests.conftest import World, client_for
from tests.registration_views.support import HEAD, WIFE, form_data

NEW = "/registration/new/"


def test_it_saves_a_draft_and_shows_it_again(world: World) -> None:
    # given alice on the new registration form
    client = client_for(world.alice)
    assert client.get(NEW).status_code == 200
    # when she saves the Patels as a draft
    response = client.post(NEW, form_data(world.a1, [HEAD, WIFE]))
    # then the draft exists with both members, and the form shows them again
    application = Application.objects.get()
    assert application.status == ApplicationStatus.DRAFT
    assert response["Location"] == reverse("registration:edit", args=[application.number])
    assert [m.name_en for m in application.members.all()] == ["Suresh Patel", "Geeta Patel"]
    page = client.get(response["Location"]).content.decode()
    assert 'value="Geeta Patel"' in page


def test_it_submits_and_shows_the_number(world: World) -> None:
    client = client_for(world.alice)
    # when alice fills the form and submits at once
    response = client.post(NEW, form_data(world.a1, [HEAD, WIFE], action="submit"))
    # then the application waits for carol, and the page after shows its number
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.holder == world.carol
    page = client.get(response["Location"]).content.decode()
    assert application.number in page
    assert reverse("registration:acknowledgement", args=[application.number]) in page


def test_a_refused_submission_saves_nothing_and_points_at_the_field(world: World) -> None:
    # given a form with no date of birth nor age for the wife
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    wife = {k: v for k, v in WIFE.items() if k != "age_years"}
    # when alice submits it
    response = client.post(NEW, form_data(world.a1, [HEAD, wife], action="submit"))
    # then nothing is saved, and the error is at the field and in the summary linking to it
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert not ApplicationMember.objects.exists()
    page = response.content.decode()
    assert 'role="alert"' in page
    assert 'href="#id_members-1-date_of_birth"' in page
    assert "Enter the date of birth, or the age when the date is not known." in page
    assert 'value="Geeta Patel"' in page  # what she typed is kept


def test_two_heads_are_announced_above_the_members(world: World) -> None:
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    response = client.post(NEW, form_data(world.a1, [HEAD, {**WIFE, "relation": "HEAD"}], "submit"))
    assert response.status_code == 400
    assert "A family has exactly one head." in response.content.decode()
    assert 'href="#members"' in response.content.decode()


def test_an_invalid_aadhaar_is_refused_at_its_field_and_never_stored(world: World) -> None:
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    response = client.post(NEW, form_data(world.a1, [{**HEAD, "aadhaar": "234123412341"}]))
    assert response.status_code == 400
    assert 'href="#id_members-0-aadhaar"' in response.content.decode()
    assert not Application.objects.exists()


def test_adding_a_member_renders_one_more_empty_row(world: World) -> None:
    client = client_for(world.alice)
    response = client.post(NEW, form_data(world.a1, [HEAD], action="add"))
    page = response.content.decode()
    assert 'name="members-1-name_hi"' in page
    assert 'name="members-TOTAL_FORMS" value="2"' in page
    assert not Application.objects.exists()


def test_suggesting_fills_the_empty_name_from_the_other_script(world: World) -> None:
    client = client_for(world.alice)
    head = {**HEAD, "name_en": ""}
    wife = {**WIFE, "name_hi": ""}
    response = client.post(NEW, form_data(world.a1, [head, wife], action="suggest"))
    page = response.content.decode()
    assert 'value="Suresh Patel"' in page
    assert 'value="गीता पटेल"' in page or 'value="गीता पतेल"' in page
    assert not Application.objects.exists()


def test_a_removed_row_is_not_saved(world: World) -> None:
    client = client_for(world.alice)
    client.post(NEW, form_data(world.a1, [HEAD, {**WIFE, "DELETE": "on"}]))
    assert [m.name_en for m in ApplicationMember.objects.all()] == ["Suresh Patel"]


def test_an_area_outside_her_own_is_refused(world: World) -> None:
    client = client_for(world.alice)
    response = client.post(NEW, form_data(world.b1, [HEAD]))
    assert response.status_code == 400
    assert not Application.objects.exists()


@pytest.mark.parametrize("who", ["carol", "erin", "sam"])
def test_only_field_officials_register(world: World, who: str) -> None:
    response = client_for(getattr(world, who)).get(NEW)
    assert response.status_code == 403


def test_a_returned_application_shows_the_reason_and_is_resubmitted(world: World) -> None:
    from registration.verification import application_return_for_correction

    client = client_for(world.alice)
    client.post(NEW, form_data(world.a1, [HEAD, WIFE], action="submit"))
    application = Application.objects.get()
    application_return_for_correction(
        actor=world.carol, application=application, reason="Wrong house number"
    )
    edit = reverse("registration:edit", args=[application.number])
    page = client.get(edit).content.decode()
    assert "Wrong house number" in page
    work = client.get(reverse("registration:work_list")).content.decode()
    assert "Wrong house number" in work and application.number in work
    ids = list(application.members.values_list("pk", flat=True))
    members = [{**HEAD, "id": ids[0]}, {**WIFE, "id": ids[1]}]
    data: dict[str, Any] = form_data(world.a1, members, action="submit", initial=2)
    data["house_number"] = "14"
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.house_number == "14"
    assert application.members.count() == 2
    with translation.override("en"):
        events = client_for(world.carol).get(
            reverse("registration:detail", args=[application.number])
        )
    body = events.content.decode()
    assert "Wrong house number" in body


@pytest.mark.parametrize("action", ["add", "suggest", "draft"])
@pytest.mark.parametrize("count", ["-5", "1000000000"])
def test_a_tampered_member_count_shows_the_form_again_and_saves_nothing(
    world: World, action: str, count: str
) -> None:
    # Found by sqlmap (security/scan): a count that is not a number was a server error.
    client = client_for(world.alice)
    data = {**form_data(world.a1, [HEAD], action=action), "members-TOTAL_FORMS": count}

    response = client.post(NEW, data)

    assert response.status_code == 200
    assert response.content.decode().count('name="members-') < 40 * 20  # no flood of rows
    assert not Application.objects.exists()


@pytest.mark.parametrize("action", ["add", "suggest", "draft"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("members-TOTAL_FORMS", "1' AND 1=1--"),
        ("members-MAX_NUM_FORMS", "30) AND 2099=2099 AND (6885=6885"),
        ("members-INITIAL_FORMS", ""),
    ],
)
def test_altered_hidden_counts_are_a_bad_request_that_echoes_nothing(
    world: World, action: str, field: str, value: str
) -> None:
    # Found by sqlmap (security/scan): the page echoed an altered count, and sqlmap read the
    # echo of its true and false payloads as a blind injection.
    client = client_for(world.alice)
    data = {**form_data(world.a1, [HEAD], action=action), field: value}

    response = client.post(NEW, data)

    # Add a member rebuilds the count itself (one more row than the page held).
    rebuilt = action == "add" and field == "members-TOTAL_FORMS"
    assert response.status_code == (200 if rebuilt else 400)
    assert not value or value not in response.content.decode()
    assert not Application.objects.exists()
