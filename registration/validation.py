"""The rules an application's data must follow. A draft must only hold valid values; a
submission must also be complete and make sense as a family."""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.in_ import aadhaar

from core.validators import normalize_indian_mobile
from officials import jurisdiction
from officials.models import Official
from registration.data import AddressData, MemberData
from registry.models import CasteCategory, Gender, MaritalStatus, Relation
from registry.names import DEVANAGARI

MAX_AGE_YEARS = 120
# A parent is at least this many years older than their child.
MIN_PARENT_GAP_YEARS = 12
# (younger relation, older relation): the older one is the younger one's parent.
PARENT_OF = [
    (Relation.SON, Relation.HEAD),
    (Relation.SON, Relation.SPOUSE),
    (Relation.DAUGHTER, Relation.HEAD),
    (Relation.DAUGHTER, Relation.SPOUSE),
    (Relation.HEAD, Relation.FATHER),
    (Relation.HEAD, Relation.MOTHER),
]
PIN_CODE = re.compile(r"[1-9][0-9]{5}")
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*")

Errors = dict[str, list[Any]]


def _add(errors: Errors, key: str, message: Any) -> None:
    errors.setdefault(key, []).append(message)


def clean_address(*, actor: Official | None, address: AddressData) -> tuple[dict[str, Any], Errors]:
    """``actor`` None: a family applying by itself, in any area of the state."""
    errors: Errors = {}
    if actor is not None and not jurisdiction.areas(actor).filter(pk=address.area.pk).exists():
        _add(errors, "area", _("You can register families only in your own areas."))
    if address.village is not None and address.village.area_id != address.area.pk:
        _add(errors, "village", _("This village does not belong to the chosen Gram Panchayat."))
    pin = address.pin_code.strip()
    if pin and not PIN_CODE.fullmatch(pin):
        _add(errors, "pin_code", _("Enter a valid 6-digit PIN code."))
    cleaned = {
        "area": address.area,
        "village": address.village,
        "pin_code": pin,
        "house_number": " ".join(address.house_number.split()),
        "locality": " ".join(address.locality.split()),
    }
    return cleaned, errors


def _clean_names(data: MemberData, key: str, errors: Errors) -> dict[str, str]:
    name_hi = " ".join(data.name_hi.split())
    name_en = " ".join(data.name_en.split())
    if name_hi and not DEVANAGARI.search(name_hi):
        _add(errors, f"{key}-name_hi", _("Write this name in Devanagari script."))
    if name_en and not LATIN_NAME.fullmatch(name_en):
        _add(errors, f"{key}-name_en", _("Write this name in Latin letters."))
    return {
        "name_hi": name_hi,
        "name_en": name_en,
        "father_or_husband_name": " ".join(data.father_or_husband_name.split()),
    }


def _clean_birth(data: MemberData, key: str, today: date, errors: Errors) -> dict[str, Any]:
    dob, age = data.date_of_birth, data.age_years
    if dob is not None:
        if dob > today:
            _add(errors, f"{key}-date_of_birth", _("The date of birth cannot be in the future."))
        elif today.year - dob.year > MAX_AGE_YEARS:
            _add(
                errors,
                f"{key}-date_of_birth",
                _("Check the date of birth: it is more than %(years)s years ago.")
                % {"years": MAX_AGE_YEARS},
            )
        age = None  # the date, when known, is what counts
    elif age is not None and not 0 <= age <= MAX_AGE_YEARS:
        _add(
            errors,
            f"{key}-age_years",
            _("Enter an age between 0 and %(years)s.") % {"years": MAX_AGE_YEARS},
        )
    birth_year = dob.year if dob else (today.year - age if age is not None else None)
    return {"date_of_birth": dob, "age_years": age, "birth_year": birth_year}


def _clean_choices(data: MemberData, key: str, errors: Errors) -> dict[str, Any]:
    choices = {
        "gender": Gender,
        "relation": Relation,
        "marital_status": MaritalStatus,
        "caste_category": CasteCategory,
    }
    cleaned: dict[str, Any] = {}
    for name, enum in choices.items():
        value = getattr(data, name)
        if value and value not in enum.values:
            _add(errors, f"{key}-{name}", _("Choose one of the options."))
        cleaned[name] = value
    cleaned["has_disability"] = data.has_disability
    cleaned["disability_kind"] = (
        " ".join(data.disability_kind.split()) if data.has_disability else ""
    )
    return cleaned


def _clean_ids(data: MemberData, key: str, errors: Errors) -> dict[str, str]:
    mobile = ""
    if data.mobile.strip():
        try:
            mobile = normalize_indian_mobile(data.mobile)
        except ValidationError as exc:
            errors.setdefault(f"{key}-mobile", []).extend(exc.messages)
    if data.aadhaar.strip() and not aadhaar.is_valid(data.aadhaar):
        _add(
            errors,
            f"{key}-aadhaar",
            _("This is not a valid Aadhaar number. Check the 12 digits again."),
        )
    return {"mobile": mobile}


REQUIRED = {
    "name_hi": _("Enter the name in Devanagari."),
    "name_en": _("Enter the name in Latin letters."),
    "gender": _("Choose the gender."),
    "relation": _("Choose the relation to the head of the family."),
    "marital_status": _("Choose the marital status."),
    "caste_category": _("Choose the caste category."),
}


def _check_complete(cleaned: dict[str, Any], key: str, errors: Errors) -> None:
    for name, message in REQUIRED.items():
        if not cleaned[name] and f"{key}-{name}" not in errors:
            _add(errors, f"{key}-{name}", message)
    if (
        cleaned["date_of_birth"] is None
        and cleaned["age_years"] is None
        and not any(k in errors for k in (f"{key}-date_of_birth", f"{key}-age_years"))
    ):
        _add(
            errors,
            f"{key}-date_of_birth",
            _("Enter the date of birth, or the age when the date is not known."),
        )
    if cleaned["has_disability"] and not cleaned["disability_kind"]:
        _add(errors, f"{key}-disability_kind", _("Enter the kind of disability."))


def clean_member(
    *, index: int, data: MemberData, today: date, complete: bool
) -> tuple[dict[str, Any], Errors]:
    """The member's values as stored, and the errors found (the Aadhaar number is dropped)."""
    key = f"members-{index}"
    errors: Errors = {}
    cleaned = {
        **_clean_names(data, key, errors),
        **_clean_birth(data, key, today, errors),
        **_clean_choices(data, key, errors),
        **_clean_ids(data, key, errors),
    }
    if complete:
        _check_complete(cleaned, key, errors)
    return cleaned, errors


def _birth_gap_too_small(child: dict[str, Any], parent: dict[str, Any]) -> bool:
    if child["date_of_birth"] and parent["date_of_birth"]:
        parent_dob = parent["date_of_birth"]
        # 29 February has no twin in most years; the day before is near enough.
        try:
            limit = parent_dob.replace(year=parent_dob.year + MIN_PARENT_GAP_YEARS)
        except ValueError:
            limit = parent_dob.replace(year=parent_dob.year + MIN_PARENT_GAP_YEARS, day=28)
        return bool(child["date_of_birth"] < limit)
    if child["birth_year"] is None or parent["birth_year"] is None:
        return False
    return bool(child["birth_year"] - parent["birth_year"] < MIN_PARENT_GAP_YEARS)


def check_family(members: Sequence[dict[str, Any]]) -> Errors:
    """The rules about the members together: one head, parents older than their children."""
    errors: Errors = {}
    heads = sum(1 for m in members if m["relation"] == Relation.HEAD)
    if heads == 0:
        _add(errors, "members", _("Mark one member as the head of the family."))
    elif heads > 1:
        _add(errors, "members", _("A family has exactly one head. Mark only one member as head."))
    for i, child in enumerate(members):
        for younger, older in PARENT_OF:
            if child["relation"] != younger:
                continue
            for parent in (m for m in members if m["relation"] == older):
                if _birth_gap_too_small(child, parent):
                    field = "date_of_birth" if child["date_of_birth"] else "age_years"
                    _add(
                        errors,
                        f"members-{i}-{field}",
                        _(
                            "%(child)s cannot be the child of %(parent)s: a parent is at least "
                            "%(years)s years older than their child. Check both ages."
                        )
                        % {
                            "child": child["name_en"] or child["name_hi"],
                            "parent": parent["name_en"] or parent["name_hi"],
                            "years": MIN_PARENT_GAP_YEARS,
                        },
                    )
    return errors
