"""How often each word of a name occurs in the register (``NameWord``): a rare name weighs more
than a common one when the duplicate check compares names (registry.names.word_weight)."""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from registry.models import Member, NameWord
from registry.names import name_words

CHUNK = 20_000


def name_words_count() -> int:
    """Count the words of every member's name and father's or husband's name again (their
    stored spellings) and replace the table in one transaction; returns how many words."""
    counts: Counter[str] = Counter()
    rows = Member.objects.values_list("name_latin", "name_hi_latin", "relative_latin")
    for latin, hindi_latin, relative in rows.iterator(chunk_size=CHUNK):
        counts.update(name_words(latin))
        if hindi_latin:
            counts.update(w for w in name_words(hindi_latin) if w not in name_words(latin))
        counts.update(name_words(relative))
    with transaction.atomic():
        NameWord.objects.all().delete()
        NameWord.objects.bulk_create(
            (NameWord(word=w[:60], count=n) for w, n in counts.items() if w), batch_size=5_000
        )
    return len(counts)


def word_counts(words: Iterable[str]) -> dict[str, int]:
    """The register's counts of these words (one query; a word not counted is rare)."""
    wanted = sorted(set(words))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 900):  # SQLite's limit on query parameters
        found.update(
            NameWord.objects.filter(word__in=wanted[start : start + 900]).values_list(
                "word", "count"
            )
        )
    return found
