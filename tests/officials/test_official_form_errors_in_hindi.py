"""Errors on the official form are shown on their fields, in the language the officer chose."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.validators import INVALID_MOBILE
from officials.models import Designation, Role
from tests.conftest import World, client_for
from tests.officials.support import saved_counts

pytestmark = pytest.mark.django_db


def hindi_client(world: World) -> Client:
    client = client_for(world.carol)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    return client


def bad_form(world: World) -> dict[str, object]:
    return {
        "name": "",
        "designation": Designation.GP_SECRETARY,
        "mobile": "12345",
        "role": Role.FIELD_OFFICIAL,
        "district": world.d_a.pk,
        "local_body": world.lb_a.pk,
        "areas": [world.a1.pk],
        "language": "hi",
    }


def in_hindi(message: str) -> str:
    with translation.override("hi"):
        return gettext(message)


def test_a_missing_name_is_shown_on_the_field_in_hindi(world: World) -> None:
    before = saved_counts()

    response = hindi_client(world).post(
        reverse("officials:create"), bad_form(world), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="hi">' in page
    errors = response.context["form"].errors
    assert errors["name"] == [in_hindi("This field is required.")]
    assert in_hindi("This field is required.") != "This field is required."  # Django's own
    assert in_hindi("This field is required.") in page
    assert saved_counts() == before


def test_a_bad_mobile_is_shown_on_the_field_in_the_chosen_language(world: World) -> None:
    before = saved_counts()
    data = {**bad_form(world), "name": "Ramesh Patel"}

    response = hindi_client(world).post(
        reverse("officials:create"), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["mobile"]
    with translation.override("hi"):
        assert errors["mobile"] == [str(INVALID_MOBILE)]
    assert saved_counts() == before


def test_accept_language_hindi_also_gives_hindi_errors(world: World) -> None:
    client = client_for(world.carol)

    response = client.post(reverse("officials:create"), bad_form(world), HTTP_ACCEPT_LANGUAGE="hi")

    assert response.context["form"].errors["name"] == [in_hindi("This field is required.")]


def test_english_is_used_when_chosen(world: World) -> None:
    client = client_for(world.carol)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(
        reverse("officials:create"),
        {**bad_form(world), "name": "Ramesh Patel"},
        HTTP_ACCEPT_LANGUAGE="hi",
    )

    assert '<html lang="en">' in response.content.decode()
    assert response.context["form"].errors["mobile"] == [
        "Enter a valid 10-digit Indian mobile number."
    ]
