"""Checking one row of the bulk-import CSV files at a time. Every check gives the reason in the
language active for the import; a good row comes back as the values the database stores,
including the member's derived search columns, computed as registry.models.Member.save does."""

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.utils.translation import gettext as _
from stdnum import verhoeff

from registry.ids import is_valid_family_id
from registry.models import CasteCategory, Gender, MaritalStatus, Relation
from registry.names import DEVANAGARI, first_name_key
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
MOBILE = re.compile(r"[6-9][0-9]{9}")
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


@dataclass
class Geography:
    """Every area and village by LGD code, loaded once per import."""

    areas: dict[str, Place]
    villages: dict[str, tuple[int, int]]  # code -> (village pk, area pk)


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


def is_valid_member_id(value: str) -> bool:
    """registry.ids.is_valid_member_id, without its per-digit overhead (millions of rows)."""
    if len(value) != 9 or not (value.isascii() and value.isdigit()) or value[0] == "0":
        return False
    check = 0
    for i, ch in enumerate(reversed(value)):
        check = _D[check][_P[i % 8][ord(ch) - 48]]
    return check == 0


@lru_cache(maxsize=200_000)
def _name_key(name_en: str, name_hi: str) -> str:
    return first_name_key(name_en, name_hi)


def _birth(dob_text: str, year_text: str, today: date) -> tuple[date | None, int | None]:
    dob = None
    this_year = today.year
    if dob_text:
        try:
            if len(dob_text) != 10 or not ISO_DATE.fullmatch(dob_text):
                raise ValueError
            dob = date.fromisoformat(dob_text)
        except ValueError:
            raise RowError(
                _("%(value)r is not a date (YYYY-MM-DD).") % {"value": dob_text}
            ) from None
        if dob.year < OLDEST_YEAR or dob > today:
            raise RowError(_("The date of birth %(value)s is not possible.") % {"value": dob_text})
    year = None
    if year_text:
        if not (year_text.isascii() and year_text.isdigit()):
            raise RowError(_("%(value)r is not a year.") % {"value": year_text})
        year = int(year_text)
        if not OLDEST_YEAR <= year <= this_year:
            raise RowError(_("The year of birth %(value)s is not possible.") % {"value": year})
    if dob is not None:
        if year is not None and year != dob.year:
            raise RowError(_("The year of birth does not match the date of birth."))
        year = dob.year  # as Member.save: the date decides the year
    return dob, year


def member_values(row: list[str], today: date) -> tuple[object, ...]:
    """The member's values in STAGE_MEMBER_COLUMNS order, or RowError."""
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
    ) = [v.strip() for v in row]
    if not is_valid_member_id(member_id):
        raise RowError(
            _("%(value)r is not a Samagra Member ID (9 digits with a valid check digit).")
            % {"value": member_id}
        )
    if not name_en or not name_hi:
        raise RowError(_("Both the English and the Hindi name are required."))
    if not DEVANAGARI.search(name_hi):
        raise RowError(_("The Hindi name must be written in Devanagari."))
    if max(len(name_en), len(name_hi), len(relative)) > 150:
        raise RowError(_("A name is too long (150 characters at most)."))
    if gender not in GENDERS:
        raise RowError(_("Unknown gender %(value)r (F, M or T).") % {"value": gender})
    if relation not in RELATIONS:
        raise RowError(_("Unknown relation %(value)r.") % {"value": relation})
    if marital not in MARITAL:
        raise RowError(_("Unknown marital status %(value)r.") % {"value": marital})
    if category not in CATEGORIES:
        raise RowError(_("Unknown caste category %(value)r.") % {"value": category})
    if mobile and not MOBILE.fullmatch(mobile):
        raise RowError(_("%(value)r is not a 10-digit mobile number.") % {"value": mobile})
    flag = FLAGS.get(disabled.lower())
    if flag is None or len(disability) > 100:
        raise RowError(_("has_disability must be 1 or 0."))
    dob, year = _birth(dob_text, year_text, today)
    return (
        member_id,
        family_id,
        name_hi,
        name_en,
        gender,
        dob,
        relation,
        mobile,
        relative,
        marital,
        category,
        flag,
        disability,
        year,
        _name_key(name_en, name_hi),
        # The duplicate check's columns (registry.search_columns), as Member.save derives them.
        *member_name_columns(name_en, name_hi, relative),
    )


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
]
STAGE_FAMILY_COLUMNS = [
    "family_id",
    "area_id",
    "village_id",
    "house_number",
    "locality",
    "pin_code",
]
