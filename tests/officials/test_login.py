"""Signing in with the user ID and password."""

import pytest
from django.urls import reverse

from officials.models import LoginFailure
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
WRONG = (
    "Sign-in failed. Check the user ID and password; if it keeps failing, ask the officer "
    "who registered you."
)


def test_it_signs_in_with_the_right_password(world: World) -> None:
    client = english_client()

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert signed_in_pk(client) == str(world.alice.pk)
    home = client.get(reverse("portal:home"))
    assert world.alice.name in home.content.decode()


def test_the_user_id_is_not_case_sensitive(world: World) -> None:
    client = english_client()

    sign_in(client, "  ALICE ", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)


def test_it_refuses_a_wrong_password_with_a_clear_message(world: World) -> None:
    client = english_client()

    response = sign_in(client, "alice", "not-the-password")

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert signed_in_pk(client) is None
    assert LoginFailure.objects.filter(forgiven=False).count() == 1


def test_it_gives_the_same_message_for_an_unknown_user_id(world: World) -> None:
    client = english_client()

    response = sign_in(client, "nobody", PASSWORD)

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert signed_in_pk(client) is None


def test_a_successful_sign_in_clears_earlier_failures(world: World) -> None:
    client = english_client()
    sign_in(client, "alice", "wrong-1")
    sign_in(client, "alice", "wrong-2")

    sign_in(client, "alice", PASSWORD)

    assert not LoginFailure.objects.filter(forgiven=False).exists()


def test_signing_out_ends_the_session(world: World) -> None:
    client = english_client()
    sign_in(client, "carol", PASSWORD)

    response = client.post(reverse("officials:logout"))

    assert response.status_code == 302
    assert signed_in_pk(client) is None
    assert client.get(reverse("officials:list")).status_code == 302


def test_signing_out_needs_a_post(world: World) -> None:
    client = english_client()
    sign_in(client, "carol", PASSWORD)

    response = client.get(reverse("officials:logout"))

    assert response.status_code == 405
    assert signed_in_pk(client) == str(world.carol.pk)
