"""Remove stored files that no document row names: what a rolled-back upload leaves behind."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from documents.models import Document
from documents.services import documents_storage


class Command(BaseCommand):
    help = "Delete stored upload files that belong to no document (older than --hours)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args: Any, **options: Any) -> None:
        storage = documents_storage()
        cutoff = timezone.now() - timedelta(hours=options["hours"])
        removed = 0
        for name in _walk(storage, ""):
            if storage.get_modified_time(name) > cutoff:
                continue
            if not Document.objects.filter(storage_name=name).exists():
                storage.delete(name)
                removed += 1
        self.stdout.write(f"Removed {removed} orphaned file(s).")


def _walk(storage: Any, folder: str) -> list[str]:
    if not storage.exists(folder or "."):
        return []
    folders, files = storage.listdir(folder or ".")
    found = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        found.extend(_walk(storage, f"{folder}/{sub}" if folder else sub))
    return found
