"""How often each word of a name occurs in the register (``NameWord``): a rare name weighs more
than a common one when the duplicate check compares names (registry.names.word_weight)."""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction

from registry.models import Member, NameWord
from registry.names import TOTAL, WordCounts, name_words

CHUNK = 20_000


def name_words_count() -> int:
    """Count the words of every member's name and father's or husband's name again (their
    stored spellings) and replace the table in one transaction; returns how many words."""
    counts: Counter[str] = Counter()
    rows = Member.objects.values_list("name_latin", "name_hi_latin", "relative_latin")
    for latin, hindi_latin, relative in rows.iterator(chunk_size=CHUNK):
        member_words_count(counts, latin, hindi_latin, relative)
    name_words_store(counts)
    return len(counts)


def member_words_count(counts: Counter[str], latin: str, hindi_latin: str, relative: str) -> None:
    """Add one member's words (from the stored spellings): the name once, whichever script has
    it, and the father's or husband's name."""
    words = name_words(latin)
    counts.update(words)
    if hindi_latin:
        counts.update(w for w in name_words(hindi_latin) if w not in words)
    counts.update(name_words(relative))


def name_words_store(counts: Counter[str]) -> None:
    """Replace the register's word counts (and their total) in one transaction."""
    with transaction.atomic():
        NameWord.objects.all().delete()
        NameWord.objects.bulk_create(
            [
                NameWord(word=TOTAL, count=sum(counts.values())),
                *(NameWord(word=w[:60], count=n) for w, n in counts.items() if w),
            ],
            batch_size=5_000,
        )


def word_counts(words: Iterable[str]) -> WordCounts:
    """The register's counts of these words and their total (TOTAL), in one query (of 900
    words at most: SQLite's limit on parameters); a word not counted is rare."""
    wanted = sorted({*words, TOTAL})
    found = WordCounts()
    for start in range(0, len(wanted), 900):  # SQLite's limit on query parameters
        found.update(
            NameWord.objects.filter(word__in=wanted[start : start + 900]).values_list(
                "word", "count"
            )
        )
    return found
