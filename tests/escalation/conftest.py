from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from tests.migration.support import Mig, make_mig


@pytest.fixture(autouse=True)
def escalation_periods(settings: Any) -> None:
    settings.OVERDUE_DAYS_APPLICATION = 7
    settings.MIGRATION_OVERDUE_DAYS = 7
    settings.ESCALATE_AFTER_DAYS = {"LB": 3, "DISTRICT": 10}


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
