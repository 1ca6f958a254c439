"""manage.py name_words: count the words of the register's names again (NameWord)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from registry.word_counts import name_words_count


class Command(BaseCommand):
    help = (
        "Count how often each word of a name occurs in the register, for the duplicate check's "
        "weights (after a bulk import, and nightly)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        words = name_words_count()
        self.stdout.write(f"{words} words counted in {time.perf_counter() - started:.1f} s")
