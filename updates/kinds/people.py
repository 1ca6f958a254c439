"""The rules about a person, shared by the kinds that add or correct a member. They reuse the
registration's rules (registration.validation) so that a member is held to the same standard
whether they came in by registration or by a change request."""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.data import MemberData
from registration.validation import (
    MIN_PARENT_GAP_YEARS,
    _birth_gap_too_small,
    check_family,
    clean_member,
)
from registry import ids
from registry.models import Family, Member
from registry.selectors import is_living
from updates.kinds import aadhaar
from updates.kinds.base import Errors, Row, add, label, parse_date, parse_int, shown

# The member's own fields a change request may set, in the order a preview shows them.
PERSON_FIELDS = [
    "name_hi",
    "name_en",
    "gender",
    "date_of_birth",
    "relation",
    "father_or_husband_name",
    "marital_status",
    "mobile",
    "caste_category",
    "has_disability",
    "disability_kind",
]
KEY = "members-0-"


def clean_person(payload: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
    """The person's values as stored, checked by the registration's member rules (the Aadhaar
    number is checked and dropped, as there: only its last four digits come back, under
    updates.kinds.aadhaar.LAST4, for the preview). Errors are keyed by the plain field name."""
    errors: Errors = {}
    data = MemberData(
        name_hi=str(payload.get("name_hi") or ""),
        name_en=str(payload.get("name_en") or ""),
        gender=str(payload.get("gender") or ""),
        date_of_birth=parse_date(payload, "date_of_birth", errors),
        age_years=parse_int(payload, "age_years", errors),
        relation=str(payload.get("relation") or ""),
        father_or_husband_name=str(payload.get("father_or_husband_name") or ""),
        marital_status=str(payload.get("marital_status") or ""),
        mobile=str(payload.get("mobile") or ""),
        caste_category=str(payload.get("caste_category") or ""),
        has_disability=bool(payload.get("has_disability")),
        disability_kind=str(payload.get("disability_kind") or ""),
        aadhaar=str(payload.get("aadhaar") or ""),
    )
    cleaned, found = clean_member(index=0, data=data, today=timezone.localdate(), complete=True)
    for key, messages in found.items():
        for message in messages:
            add(errors, key.removeprefix(KEY), message)
    cleaned[aadhaar.LAST4] = aadhaar.last4(payload) if aadhaar.NUMBER not in errors else ""
    return cleaned, errors


def _as_row(member: Member) -> dict[str, Any]:
    return {
        "relation": member.relation,
        "date_of_birth": member.date_of_birth,
        "birth_year": member.birth_year,
        "name_en": member.name_en,
        "name_hi": member.name_hi,
    }


def family_errors(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    found = check_family(rows)
    return {(key, str(message)) for key, messages in found.items() for message in messages}


def check_in_family(
    family: Family, person: dict[str, Any], errors: Errors, *, replacing: Member | None = None
) -> None:
    """The family rules (one head, parents older than their children) with ``person`` in it,
    as a new member or in place of ``replacing`` (a living member). Only the problems the change brings are
    reported: a family that already breaks a rule is not stopped from every other change."""
    living = [m for m in family.members.all() if is_living(m)]
    before = [_as_row(m) for m in living]
    after = [person if m == replacing else row for m, row in zip(living, before, strict=True)]
    if replacing is None:
        after.append(person)
    index = len(after) - 1 if replacing is None else living.index(replacing)
    known = family_errors(before)
    for key, message in sorted(family_errors(after) - known):
        if key == "members":
            add(errors, "relation", message)
        elif key.startswith(f"members-{index}-"):
            add(errors, key.removeprefix(f"members-{index}-"), message)
        else:
            add(errors, NON_FIELD_ERRORS, message)


def check_mother(mother: Member, child: dict[str, Any], errors: Errors, field: str) -> None:
    """A mother at least the parent gap older than her child, and alive at the birth."""
    if _birth_gap_too_small(child, _as_row(mother)):
        add(
            errors,
            field,
            _(
                "%(mother)s cannot be the mother of a child born on this date: a parent is at "
                "least %(years)s years older than their child. Check both dates of birth."
            )
            % {"mother": mother.name_en, "years": MIN_PARENT_GAP_YEARS},
        )
    if (
        mother.date_of_death is not None
        and child["date_of_birth"] is not None
        and mother.date_of_death < child["date_of_birth"]
    ):
        add(errors, field, _("The mother's death is recorded before this date of birth."))


def person_rows(member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    """Preview rows for a person: every field for a new member, the changed ones otherwise."""
    rows = []
    for name in PERSON_FIELDS:
        new = cleaned.get(name)
        old = getattr(member, name) if member is not None else None
        if member is not None and old == new:
            continue
        if member is None and new in (None, "", False):
            continue
        rows.append(Row(label(Member, name), shown(Member, name, old), shown(Member, name, new)))
    if cleaned.get("date_of_birth") is None and cleaned.get("birth_year") is not None:
        old_year = member.birth_year if member is not None else None
        if old_year != cleaned["birth_year"]:
            rows.append(
                Row(
                    label(Member, "birth_year"),
                    shown(Member, "", old_year),
                    str(cleaned["birth_year"]),
                )
            )
    return rows


def member_create(family: Family, values: dict[str, Any]) -> Member:
    """A new member of the family with a fresh Member ID (registry.ids: random, Verhoeff check
    digit, unique by the index). Runs inside the caller's transaction."""

    def insert(member_id: str) -> Member:
        member = Member(member_id=member_id, family=family, **values)
        member.save()
        return member

    return ids.insert_with_unique_id(insert, ids.random_member_id)


def stored_person(cleaned: dict[str, Any]) -> dict[str, Any]:
    values = {name: cleaned[name] for name in PERSON_FIELDS}
    values["birth_year"] = cleaned["birth_year"]
    return values


def new_member_changes(member: Member) -> dict[str, list[Any]]:
    return {"member_id": [None, member.member_id], "name": [None, member.name_en]}


def check_relations(
    family: Family, relations: dict[int, str], errors: Errors, field: Callable[[Member], str]
) -> None:
    """The family rules (one head, parents older than their children) with the living members'
    relations to the head replaced by ``relations`` (member pk → relation). Only the problems
    the change brings are reported, on the member's ``field`` or the form."""
    living = [m for m in family.members.all() if is_living(m)]
    before = [_as_row(m) for m in living]
    after = [
        {**row, "relation": relations.get(m.pk, m.relation)}
        for m, row in zip(living, before, strict=True)
    ]
    for key, message in sorted(family_errors(after) - family_errors(before)):
        index = key.removeprefix("members-").split("-")[0] if key.startswith("members-") else ""
        if index.isdigit():
            add(errors, field(living[int(index)]), message)
        else:
            add(errors, NON_FIELD_ERRORS, message)
