"""After signing in, ?next= may only lead to a page of the portal itself."""

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "https://evil.example/officials/",
        "//evil.example/officials/",
        "http://evil.example",
        "///evil.example",
        "\\\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
    ],
)
def test_it_refuses_to_send_the_official_off_the_site(world: World, target: str) -> None:
    client = english_client()

    response = sign_in(client, "carol", PASSWORD, next_url=target)

    assert signed_in_pk(client) == str(world.carol.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert "evil" not in response["Location"]


def test_it_follows_a_next_page_on_the_site(world: World) -> None:
    client = english_client()

    response = sign_in(client, "carol", PASSWORD, next_url="/officials/?page=2")

    assert response["Location"] == "/officials/?page=2"


def test_a_page_that_needs_sign_in_comes_back_after_it(world: World) -> None:
    client = english_client()
    login_page = client.get(reverse("officials:list"))["Location"]

    response = client.post(login_page, {"user_id": "carol", "password": PASSWORD})

    assert response["Location"] == reverse("officials:list")
