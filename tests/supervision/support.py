"""Export files in the test's own folder, and a helper that asks for an export and lets the
worker (the immediate backend) write it when the request commits."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from supervision.models import ListExport


@pytest.fixture
def export_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "list-exports"
    storages = dict(django_settings.STORAGES)
    storages["list_exports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder), "base_url": None},
    }
    settings.STORAGES = storages
    return folder


def export(
    client: Client, url_name: str, query: str, fmt: str, capture: Any, *, run: bool = True
) -> ListExport:
    with capture(execute=run):
        response = client.post(f"{reverse(url_name)}?{query}", {"format": fmt})
    assert response.status_code == 302, response.content[:500]
    public_id = response["Location"].rstrip("/").split("/")[-1]
    return ListExport.objects.get(public_id=public_id)
