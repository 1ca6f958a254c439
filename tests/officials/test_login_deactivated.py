"""A deactivated official cannot sign in, and a session they already had stops working."""

import pytest
from django.urls import reverse

from officials.services import official_set_active
from tests.conftest import World, client_for
from tests.factories import PASSWORD
from tests.officials.support import english_client, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
FAILED = (
    "Sign-in failed. Check the user ID and password; if it keeps failing, ask the officer "
    "who registered you."
)


def test_it_refuses_a_deactivated_official_with_the_one_failure_message(world: World) -> None:
    # every failure reads the same (tests/officials/test_signin_throttle.py): the message of a
    # deactivated account would tell whoever knows its password that the user ID exists
    official_set_active(actor=world.carol, official=world.alice, active=False)
    client = english_client()

    response = sign_in(client, "alice", PASSWORD)

    assert response.status_code == 200
    assert FAILED in response.content.decode()
    assert "deactivated" not in response.content.decode()
    assert signed_in_pk(client) is None


def test_a_wrong_password_of_a_deactivated_account_gets_the_same_message(
    world: World,
) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=False)

    response = sign_in(english_client(), "alice", "not-the-password")

    assert FAILED in response.content.decode()


def test_an_existing_session_stops_working_when_deactivated(world: World) -> None:
    # given carol is signed in and using the portal
    client = client_for(world.carol)
    assert client.get(reverse("officials:list")).status_code == 200

    # when erin deactivates her
    official_set_active(actor=world.erin, official=world.carol, active=False)

    # then her next request is not signed in
    response = client.get(reverse("officials:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("officials:login"))
    home = client.get(reverse("portal:home"))
    assert world.carol.name not in home.content.decode()


def test_an_activated_official_can_sign_in_again(world: World) -> None:
    official_set_active(actor=world.carol, official=world.alice, active=False)
    official_set_active(actor=world.carol, official=world.alice, active=True)
    client = english_client()

    sign_in(client, "alice", PASSWORD)

    assert signed_in_pk(client) == str(world.alice.pk)
