"""How often each word of a name occurs in the register (``NameWord``): a rare name weighs more
than a common one when the duplicate check compares names (registry.names.word_weight).

A process keeps the counts it has read (``word_counts``) for NAME_WORDS_REFRESH_SECONDS: the
comparisons made with one set of counts are remembered (registry.names.WordCounts), and a new
set each check would compare every name afresh (the check at 5 M members spent most of its
time there). The counts change only when ``manage.py name_words`` counts again (nightly), so a
few minutes' staleness moves a weight by nothing a person could see."""

import time
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
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
    transaction.on_commit(forget_word_counts)
    with transaction.atomic():
        NameWord.objects.all().delete()
        NameWord.objects.bulk_create(
            [
                NameWord(word=TOTAL, count=sum(counts.values())),
                *(NameWord(word=w[:60], count=n) for w, n in counts.items() if w),
            ],
            batch_size=5_000,
        )


MAX_REMEMBERED = 2_000_000  # words a process keeps (about 200 MB) before it starts afresh


class _Remembered:
    """One per process, shared by its threads (a dict's updates are atomic under the GIL; two
    threads starting afresh at once only read some words twice)."""

    counts: WordCounts | None = None
    read_at = 0.0


_remembered = _Remembered()


def forget_word_counts() -> None:
    """Read the counts afresh at the next check (after a recount, and between tests)."""
    _remembered.counts = None


def _current() -> WordCounts:
    now = time.monotonic()
    counts = _remembered.counts
    if (
        counts is None
        or now - _remembered.read_at >= settings.NAME_WORDS_REFRESH_SECONDS
        or len(counts) > MAX_REMEMBERED
    ):
        counts = _remembered.counts = WordCounts()
        _remembered.read_at = now
    return counts


def word_counts(words: Iterable[str]) -> WordCounts:
    """The register's counts of these words and their total (TOTAL): those this process has not
    read yet in one query (of 900 words at most: SQLite's limit on parameters); a word not
    counted is rare (0). The same object for every call until the counts are read afresh."""
    counts = _current()
    wanted = sorted({*words, TOTAL}.difference(counts))
    for start in range(0, len(wanted), 900):  # SQLite's limit on query parameters
        chunk = wanted[start : start + 900]
        found = dict(NameWord.objects.filter(word__in=chunk).values_list("word", "count"))
        counts.update({w: found.get(w, 0) for w in chunk})
    return counts
