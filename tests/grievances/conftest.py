from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english(settings: Any) -> Iterator[None]:
    """These tests compare messages in English; the portal's default language is Hindi (one
    test asks for it by name)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
