import re

import pytest
from django.test import Client

from tests.conftest import World, client_for
from tests.core.test_public_pages import PUBLIC_PAGES

OFFICIAL_PAGES = ["/", "/families/", "/audit/", "/sms/outbox/"]


def _html_lang(body: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', body)
    assert match, "the page has an <html lang>"
    return match.group(1)


def _has_language_switch(body: str) -> bool:
    return (
        'action="/i18n/setlang/"' in body
        and 'name="language" value="hi"' in body
        and 'name="language" value="en"' in body
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_follow_the_chosen_language(client: Client, path: str, language: str) -> None:
    # given
    client.cookies["django_language"] = language

    # when
    body = client.get(path).content.decode()

    # then
    assert _html_lang(body) == language
    assert _has_language_switch(body)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("path", OFFICIAL_PAGES)
def test_official_pages_follow_the_chosen_language(world: World, path: str, language: str) -> None:
    # given
    client = client_for(world.sam)
    client.cookies["django_language"] = language

    # when
    response = client.get(path)

    # then
    assert response.status_code == 200
    body = response.content.decode()
    assert _html_lang(body) == language
    assert _has_language_switch(body)


@pytest.mark.django_db
def test_hindi_is_the_default_language(client: Client) -> None:
    assert _html_lang(client.get("/").content.decode()) == "hi"


@pytest.mark.django_db
def test_the_switch_sets_the_language_and_returns_to_the_page(client: Client) -> None:
    # when
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/manual/"})

    # then
    assert response.status_code == 302
    assert response["Location"] == "/manual/"
    assert client.cookies["django_language"].value == "en"
    assert _html_lang(client.get("/manual/").content.decode()) == "en"
