from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from tests.migration.support import Mig, make_mig


@pytest.fixture(autouse=True)
def documents_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture
def mig(world: World) -> Mig:
    return make_mig(world)
