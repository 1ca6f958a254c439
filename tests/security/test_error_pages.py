"""Error pages (404, 403, 500) say what happened in the visitor's language and nothing more: no
stack trace, no settings, no personal data."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World, client_for
from tests.security.boom_urls import SECRET_IN_TRACEBACK

DEBUG_MARKERS = [
    "Traceback",
    "Http404",
    "DoesNotExist",
    "PermissionDenied",
    "SECRET_KEY",
    "settings.py",
    "URLconf",
    "Request Method",
]


@pytest.fixture(autouse=True)
def production(settings: Any) -> None:
    settings.DEBUG = False


def _assert_plain(body: str) -> None:
    shown = [marker for marker in DEBUG_MARKERS if marker in body]
    assert not shown, shown


def test_the_404_page_shows_no_detail_of_the_hidden_record(world: World) -> None:
    # given alice and a family of another district
    family = world.family_x1
    member = family.members.get()
    url = reverse("registry:family_detail", kwargs={"family_id": family.family_id})
    # when she asks for it in English
    response = client_for(world.alice).get(url, HTTP_ACCEPT_LANGUAGE="en")
    # then she gets the portal's plain "not found" page
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body
    assert '<html lang="en">' in body
    assert member.name_en not in body and member.member_id not in body
    _assert_plain(body)


def test_the_404_page_is_in_the_visitors_language(db: None) -> None:
    # given a visitor who reads Hindi / when a page does not exist
    response = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="hi")
    # then the page is the portal's, in Hindi
    body = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="hi">' in body
    assert reverse("portal:home") in body
    _assert_plain(body)


def test_the_403_page_explains_without_detail(world: World) -> None:
    # given alice, a field official / when she opens the officials' list
    response = client_for(world.alice).get(reverse("officials:list"), HTTP_ACCEPT_LANGUAGE="en")
    # then she is told it is not for her role, and nothing else
    body = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in body
    assert world.bob.mobile not in body and world.carol.mobile not in body
    _assert_plain(body)


@pytest.mark.urls("tests.security.boom_urls")
@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_500_page_hides_the_failure(language: str, db: None) -> None:
    # given a view that fails with personal data in its exception
    client = Client(raise_request_exception=False)
    # when a visitor opens it
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=language)
    # then the self-contained 500 page is shown, in their language, with nothing of the failure
    body = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in body
    assert "/static/css/samagra.css" in body
    assert SECRET_IN_TRACEBACK not in body
    assert "RuntimeError" not in body
    _assert_plain(body)


@pytest.mark.urls("tests.security.boom_urls")
def test_the_500_page_says_what_to_do(db: None) -> None:
    # given a failing view / when an English reader opens it
    body = (
        Client(raise_request_exception=False)
        .get("/boom/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    # then they are told it failed and where to go
    assert "Something went wrong" in body
    assert 'href="/"' in body


def test_a_csrf_refusal_is_in_the_visitors_language(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("officials:login"), {"user_id": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "The form has expired" in body
    assert "CSRF" not in body
