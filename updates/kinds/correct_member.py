"""Correct a member's details: names, gender, date of birth, relation, marital status, mobile,
caste category, disability. The same rules as at registration, and the family's rules with the
corrected member in it."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.services import diff
from documents.models import DocumentKind
from officials.models import Official
from registration.validation import _birth_gap_too_small
from registry.models import Family, Member
from updates.kinds.base import Applied, Errors, Row, add, named, non_field, raise_if
from updates.kinds.people import (
    PERSON_FIELDS,
    check_in_family,
    check_mother,
    clean_person,
    person_rows,
    stored_person,
)
from updates.models import ChangeKind

CODE = ChangeKind.CORRECT_MEMBER
MEMBER_BOUND = True
ADDS_PERSON = False
DOCUMENT_KIND = DocumentKind.SUPPORTING


def initial(member: Member) -> dict[str, Any]:
    """The form's starting values: the member as registered."""
    values: dict[str, Any] = {name: getattr(member, name) for name in PERSON_FIELDS}
    if member.date_of_birth is None and member.birth_year is not None:
        values["age_years"] = timezone.localdate().year - member.birth_year
    return values


def _check_dates(member: Member, cleaned: dict[str, Any], errors: Errors) -> None:
    dob = cleaned["date_of_birth"]
    if dob is not None and member.date_of_death is not None and member.date_of_death < dob:
        add(errors, "date_of_birth", _("The date of birth cannot be after the date of death."))
    if member.mother is not None:
        check_mother(member.mother, cleaned, errors, "date_of_birth")
    for child in member.children.all():
        child_row = {"date_of_birth": child.date_of_birth, "birth_year": child.birth_year}
        mother_row = {"date_of_birth": dob, "birth_year": cleaned["birth_year"]}
        if _birth_gap_too_small(child_row, mother_row):
            add(
                errors,
                "date_of_birth",
                _("%(child)s, her child, would then be too close in age to her.")
                % {"child": child.name_en},
            )


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    member = named(member)
    cleaned, errors = clean_person(payload)
    if not errors:
        _check_dates(member, cleaned, errors)
        if not member.is_deceased:
            check_in_family(family, cleaned, errors, replacing=member)
    raise_if(errors)
    if not _changed(member, cleaned):
        raise non_field(_("Nothing was changed. Change at least one detail."))
    return cleaned


def _changed(member: Member, cleaned: dict[str, Any]) -> dict[str, Any]:
    new = stored_person(cleaned)
    return {name: value for name, value in new.items() if getattr(member, name) != value}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    return person_rows(member, cleaned)


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    member = named(member)
    changed = _changed(member, cleaned)
    old = {name: getattr(member, name) for name in changed}
    for name, value in changed.items():
        setattr(member, name, value)
    member.save(update_fields=list(changed))
    return Applied(changes=diff(old, changed))


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    member = named(member)
    return f"member:{member.pk}"
