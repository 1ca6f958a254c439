"""The member's derived columns for the duplicate check, from the row's own values: the names in
one rough Latin spelling (registry.names), stored so that nothing is transliterated while a new
registration waits. One function for Member.save, the bulk importer and the backfill migration.
"""

from collections.abc import Callable
from typing import NamedTuple

from registry.names import normalize_name

LATIN_MAX = 300  # a Devanagari name can come out longer in Latin letters


class NameColumns(NamedTuple):
    name_latin: str
    # Empty when the Devanagari name reads as the Latin one (most rows): the check compares
    # the set of both spellings, so a copy would only take room.
    name_hi_latin: str
    relative_latin: str


def member_name_columns(
    name_en: str,
    name_hi: str,
    relative: str,
    spelling: Callable[[str], str] = normalize_name,
) -> NameColumns:
    """name_latin, name_hi_latin and relative_latin for a member with these names.
    ``spelling`` is registry.names.normalize_name or a memory of it (the bulk import's)."""
    latin = spelling(name_en)[:LATIN_MAX]
    hindi = spelling(name_hi)[:LATIN_MAX]
    return NameColumns(
        name_latin=latin,
        name_hi_latin="" if hindi == latin else hindi,
        relative_latin=spelling(relative)[:LATIN_MAX],
    )
