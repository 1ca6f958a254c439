"""Checking one row of the bulk-import CSV files at a time. Every check gives the reason in the
language active for the import; a good row comes back as the values the database stores,
including the member's derived search columns, computed as registry.models.Member.save does."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from stdnum import verhoeff

from registry.ids import is_valid_family_id
from registry.models import CasteCategory, Gender, MaritalStatus, Relation
from registry.names import DEVANAGARI, member_keys, spell
from registry.search_columns import member_name_columns

FAMILY_COLUMNS = ["family_id", "area_code", "village_code", "house_number", "locality", "pin_code"]
MEMBER_COLUMNS = [
    "member_id",
    "family_id",
    "name_hi",
    "name_en",
    "gender",
    "date_of_birth",
    "birth_year",
    "relation",
    "mobile",
    "father_or_husband_name",
    "marital_status",
    "caste_category",
    "has_disability",
    "disability_kind",
]
PIN_CODE = re.compile(r"[1-9][0-9]{5}")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
GENDERS = set(Gender.values)
RELATIONS = set(Relation.values)
MARITAL = {*MaritalStatus.values, ""}
CATEGORIES = {*CasteCategory.values, ""}
FLAGS = {"1": True, "0": False, "": False, "true": True, "false": False}
OLDEST_YEAR = 1900


class RowError(ValueError):
    """A rejected row; the message is the reason, already translated."""


@dataclass(frozen=True)
class Place:
    area_id: int
    is_gram_panchayat: bool
    local_body_id: int


@dataclass
class Geography:
    """Every area and village by LGD code, loaded once per import."""

    areas: dict[str, Place]
    villages: dict[str, tuple[int, int]]  # code -> (village pk, area pk)

    def local_body_of(self) -> dict[int, int]:
        """Area pk → its local body's pk (Member.local_body, the duplicate check's copy)."""
        return {p.area_id: p.local_body_id for p in self.areas.values()}


def family_values(row: list[str], geo: Geography) -> tuple[str, int, int | None, str, str, str]:
    """(family_id, area pk, village pk, house number, locality, PIN code) or RowError."""
    if len(row) != len(FAMILY_COLUMNS):
        raise RowError(
            _("Expected %(expected)d columns, found %(found)d.")
            % {"expected": len(FAMILY_COLUMNS), "found": len(row)}
        )
    family_id, area_code, village_code, house, locality, pin = (v.strip() for v in row)
    if not is_valid_family_id(family_id):
        raise RowError(_("%(value)r is not a Samagra Family ID (8 digits).") % {"value": family_id})
    place = geo.areas.get(area_code)
    if place is None:
        raise RowError(_("Unknown area code %(code)r.") % {"code": area_code})
    village_id = None
    if village_code:
        village = geo.villages.get(village_code)
        if village is None or village[1] != place.area_id:
            raise RowError(_("This village does not belong to the chosen Gram Panchayat."))
        village_id = village[0]
    if pin and not PIN_CODE.fullmatch(pin):
        raise RowError(_("Enter a valid 6-digit PIN code."))
    if len(house) > 30 or len(locality) > 150:
        raise RowError(_("The house number or locality is too long."))
    return family_id, place.area_id, village_id, house, " ".join(locality.split()), pin


_D = verhoeff._multiplication_table
_P = verhoeff._permutation_table


def _verhoeff_chunks() -> tuple[dict[str, tuple[int, ...]], ...]:
    """The Verhoeff check folded over three digits at a time: for digits i..i+2 from the right
    and each check so far, the check after them. Three lookups per Member ID instead of nine
    steps of Python arithmetic (this runs once per member, millions of times)."""
    tables = []
    for first in (0, 3, 6):
        table: dict[str, tuple[int, ...]] = {}
        for number in range(1000):
            chunk = f"{number:03d}"
            after = []
            for check in range(10):
                for i, ch in enumerate(reversed(chunk), start=first):
                    check = _D[check][_P[i % 8][ord(ch) - 48]]
                after.append(check)
            table[chunk] = tuple(after)
        tables.append(table)
    return tuple(tables)


_LOW, _MID, _HIGH = _verhoeff_chunks()


def is_valid_member_id(value: str) -> bool:
    """registry.ids.is_valid_member_id, without its per-digit overhead (millions of rows)."""
    if len(value) != 9 or value[0] == "0":
        return False
    try:  # a chunk that is not three ASCII digits is not in the tables
        return _HIGH[value[:3]][_MID[value[3:6]][_LOW[value[6:]][0]]] == 0
    except KeyError:
        return False


class _Spellings(dict[str, str]):
    """Names → registry.names.spell, remembered for the whole import (a worker process's): a
    state's 15 million names hold about 2.5 million distinct ones at 5 million members, far
    more than the portal's own memory of them keeps. Bounded (about 200 MB), so a register of
    unique names cannot grow it without end."""

    LIMIT = 1_000_000

    def __missing__(self, name: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[name] = spell(name)
        return value


_spellings = _Spellings()


class _Dates:
    """Dates of birth as written → their year, for the dates already seen valid on ``today``
    (a register has a few tens of thousands of distinct dates for millions of people)."""

    def __init__(self) -> None:
        self.today: date | None = None
        self.years: dict[str, int] = {}
        self.year_texts: dict[str, int] = {}

    def reset(self, today: date) -> None:
        if today != self.today:
            self.today = today
            self.years = {}
            self.year_texts = {str(y): y for y in range(OLDEST_YEAR, today.year + 1)}


_dates = _Dates()


def _date_year(dob_text: str, today: date) -> int:
    year = _dates.years.get(dob_text)
    if year is not None:
        return year
    try:
        if len(dob_text) != 10 or not ISO_DATE.fullmatch(dob_text):
            raise ValueError
        dob = date.fromisoformat(dob_text)
    except ValueError:
        raise RowError(_("%(value)r is not a date (YYYY-MM-DD).") % {"value": dob_text}) from None
    if dob.year < OLDEST_YEAR or dob > today:
        raise RowError(_("The date of birth %(value)s is not possible.") % {"value": dob_text})
    _dates.years[dob_text] = dob.year
    return dob.year


def _birth(dob_text: str, year_text: str, today: date) -> tuple[str | None, int | None]:
    """(the date of birth as YYYY-MM-DD or None, the year of birth or None), or RowError."""
    _dates.reset(today)
    year = None
    if year_text:
        year = _dates.year_texts.get(year_text)
        if year is None:
            if not (year_text.isascii() and year_text.isdigit()):
                raise RowError(_("%(value)r is not a year.") % {"value": year_text})
            raise RowError(_("The year of birth %(value)s is not possible.") % {"value": year_text})
    if not dob_text:
        return None, year
    dob_year = _date_year(dob_text, today)
    if year is not None and year != dob_year:
        raise RowError(_("The year of birth does not match the date of birth."))
    return dob_text, dob_year  # as Member.save: the date decides the year


def _is_mobile(value: str) -> bool:
    return len(value) == 10 and value[0] in "6789" and value.isascii() and value.isdigit()


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def member_row(row: list[str], today: date, escape: bool) -> tuple[str, str, str, str]:
    """(Member ID, Family ID, relation, the rest as COPY text) or RowError. The rest holds the
    values of STAGE_MEMBER_COLUMNS after family_id, tab-separated, the search columns derived
    here; ``escape`` when a value may hold a tab, a line break or a backslash. Text, not
    values: the row goes to COPY as it is, and this runs once per member (millions)."""
    if len(row) != len(MEMBER_COLUMNS):
        raise RowError(
            _("Expected %(expected)d columns, found %(found)d.")
            % {"expected": len(MEMBER_COLUMNS), "found": len(row)}
        )
    (
        member_id,
        family_id,
        name_hi,
        name_en,
        gender,
        dob_text,
        year_text,
        relation,
        mobile,
        relative,
        marital,
        category,
        disabled,
        disability,
    ) = map(str.strip, row)
    if not is_valid_member_id(member_id):
        raise RowError(
            _("%(value)r is not a Samagra Member ID (9 digits with a valid check digit).")
            % {"value": member_id}
        )
    if not name_en or not name_hi:
        raise RowError(_("Both the English and the Hindi name are required."))
    if not DEVANAGARI.search(name_hi):
        raise RowError(_("The Hindi name must be written in Devanagari."))
    if len(name_en) > 150 or len(name_hi) > 150 or len(relative) > 150:
        raise RowError(_("A name is too long (150 characters at most)."))
    if gender not in GENDERS:
        raise RowError(_("Unknown gender %(value)r (F, M or T).") % {"value": gender})
    if relation not in RELATIONS:
        raise RowError(_("Unknown relation %(value)r.") % {"value": relation})
    if marital not in MARITAL:
        raise RowError(_("Unknown marital status %(value)r.") % {"value": marital})
    if category not in CATEGORIES:
        raise RowError(_("Unknown caste category %(value)r.") % {"value": category})
    if mobile and not _is_mobile(mobile):
        raise RowError(_("%(value)r is not a 10-digit mobile number.") % {"value": mobile})
    flag = FLAGS.get(disabled)
    if flag is None:
        flag = FLAGS.get(disabled.lower())
    if flag is None or len(disability) > 100:
        raise RowError(_("has_disability must be 1 or 0."))
    dob, year = _birth(dob_text, year_text, today)
    # The duplicate check's columns (registry.search_columns) and the name key, as Member.save
    # derives them: letters and spaces only, nothing to escape.
    latin, hindi_latin, relative_latin = member_name_columns(
        name_en, name_hi, relative, _spellings.__getitem__
    )
    # The duplicate check's keys, as Member.save derives them.
    key, surname_key, relative_key = member_keys(name_en, name_hi, relative)
    if escape:
        name_hi, name_en, relative, disability = (
            v.translate(_ESCAPE) for v in (name_hi, name_en, relative, disability)
        )
    return (
        member_id,
        family_id,
        relation,
        f"{name_hi}\t{name_en}\t{gender}\t{dob or NULL}\t{relation}\t{mobile}\t{relative}\t"
        f"{marital}\t{category}\t{'t' if flag else 'f'}\t{disability}\t"
        f"{NULL if year is None else year}\t{key}\t{latin}\t{hindi_latin}\t{relative_latin}\t"
        f"{surname_key}\t{relative_key}",
    )


NULL = "\\N"
_UNESCAPE = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
_ESCAPED = re.compile(r"\\[\\tnr]")


def _from_copy(text: str) -> str | None:
    if text == NULL:
        return None
    return _ESCAPED.sub(lambda m: _UNESCAPE[m.group()], text) if "\\" in text else text


def member_values(rest: str) -> dict[str, object]:
    """member_row's COPY text back as field values (for bulk_create on other databases)."""
    names = STAGE_MEMBER_COLUMNS[2:]
    values: dict[str, object] = dict(zip(names, map(_from_copy, rest.split("\t")), strict=True))
    values["has_disability"] = values["has_disability"] == "t"
    if values["date_of_birth"] is not None:
        values["date_of_birth"] = date.fromisoformat(str(values["date_of_birth"]))
    if values["birth_year"] is not None:
        values["birth_year"] = int(str(values["birth_year"]))
    return values


STAGE_MEMBER_COLUMNS = [
    "member_id",
    "family_id",
    "name_hi",
    "name_en",
    "gender",
    "date_of_birth",
    "relation",
    "mobile",
    "father_or_husband_name",
    "marital_status",
    "caste_category",
    "has_disability",
    "disability_kind",
    "birth_year",
    "name_key",
    "name_latin",
    "name_hi_latin",
    "relative_latin",
    "surname_key",
    "relative_key",
]
STAGE_FAMILY_COLUMNS = [
    "family_id",
    "area_id",
    "village_id",
    "house_number",
    "locality",
    "pin_code",
]
