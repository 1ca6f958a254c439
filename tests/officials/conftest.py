"""The shared `world`, with names no other persona's name contains, so that a test can say
"dave's name is not on carol's page" without "Official 1" matching "Official 12"."""

from typing import Any

import pytest

from tests.conftest import World

NAMES = {
    "alice": "Alice Ahirwar",
    "bob": "Bob Barela",
    "carol": "Carol Chouhan",
    "dave": "Dave Dhurve",
    "erin": "Erin Eknath",
    "frank": "Frank Fulwaria",
    "sam": "Sam Solanki",
}


@pytest.fixture
def world(world: World) -> World:
    for persona, name in NAMES.items():
        official = getattr(world, persona)
        official.name = name
        official.save(update_fields=["name"])
    return world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The real hasher takes a good part of a second per password; these tests hash hundreds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
