"""Waiting times ("1 week, 3 days") are in the page's language: Django ships no Hindi for its
timesince words, the project's catalogue does (core/timesince.py keeps their msgids)."""

from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.timesince import TIME_STRINGS as DJANGO_TIME_STRINGS

from core.timesince import TIME_STRINGS

WAITED = Template("{{ since|timesince }}")


def _waited(days: int, language: str) -> str:
    since = timezone.now() - timedelta(days=days, minutes=1)
    with translation.override(language):
        return WAITED.render(Context({"since": since})).replace("\xa0", " ")


def test_a_wait_of_ten_days_reads_in_hindi_on_a_hindi_page() -> None:
    assert _waited(10, "hi") == "1 सप्ताह, 3 दिन"
    assert _waited(10, "en") == "1 week, 3 days"


def test_the_kept_msgids_are_djangos_own() -> None:
    assert TIME_STRINGS.keys() == DJANGO_TIME_STRINGS.keys()
    with translation.override("en"):
        for key, words in TIME_STRINGS.items():
            for num in (1, 2):
                assert words % {"num": num} == DJANGO_TIME_STRINGS[key] % {"num": num}
