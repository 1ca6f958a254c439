"""The name words' counts a process keeps between duplicate checks (registry.word_counts)."""

from collections import Counter

import pytest
from django.db import transaction

from registry.models import NameWord
from registry.names import TOTAL
from registry.word_counts import name_words_store, word_counts

pytestmark = pytest.mark.django_db


def _store(**counts: int) -> None:
    NameWord.objects.all().delete()
    NameWord.objects.bulk_create(
        [NameWord(word=TOTAL, count=sum(counts.values()))]
        + [NameWord(word=w, count=n) for w, n in counts.items()]
    )


def test_it_reads_each_word_once_and_keeps_one_object(django_assert_num_queries):
    _store(ramesh=500, kumar=900)
    with django_assert_num_queries(1):
        first = word_counts(["ramesh", "zyqx"])
    with django_assert_num_queries(0):
        again = word_counts(["ramesh", "zyqx"])
    assert again is first  # so the comparisons made with it are remembered
    assert first["ramesh"] == 500
    assert first["zyqx"] == 0  # not counted: rare
    assert first[TOTAL] == 1400
    with django_assert_num_queries(1):
        assert word_counts(["kumar", "ramesh"])["kumar"] == 900


def test_it_reads_afresh_after_the_refresh_period(settings):
    _store(ramesh=500)
    first = word_counts(["ramesh"])
    _store(ramesh=700)
    assert word_counts(["ramesh"])["ramesh"] == 500  # kept
    settings.NAME_WORDS_REFRESH_SECONDS = 0
    fresh = word_counts(["ramesh"])
    assert fresh is not first
    assert fresh["ramesh"] == 700


def test_a_recount_is_read_at_the_next_check(django_capture_on_commit_callbacks):
    _store(ramesh=500)
    assert word_counts(["ramesh"])["ramesh"] == 500
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        name_words_store(Counter({"ramesh": 2, "suresh": 3}))
    counts = word_counts(["ramesh", "suresh"])
    assert (counts["ramesh"], counts["suresh"], counts[TOTAL]) == (2, 3, 5)
