from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """These tests compare messages in English; the portal's default language is Hindi."""
    with translation.override("en"):
        yield
