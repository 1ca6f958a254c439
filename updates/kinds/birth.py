"""Add a member by birth: the child's names, gender, date of birth, and the mother among the
family's members (at least the parent gap older than the child, and alive at the birth)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, Gender, MaritalStatus, Member, Relation
from updates.kinds.adding import add_person, new_person_key, preview_new
from updates.kinds.base import Applied, Row, add, family_member, label, raise_if
from updates.kinds.people import check_in_family, check_mother, clean_person
from updates.models import ChangeKind

CODE = ChangeKind.BIRTH
MEMBER_BOUND = False
ADDS_PERSON = True
DOCUMENT_KIND = DocumentKind.BIRTH_CERTIFICATE
CHILD_RELATIONS = [Relation.SON, Relation.DAUGHTER, Relation.GRANDCHILD, Relation.OTHER]


def mothers(family: Family) -> list[Member]:
    return [m for m in family.members.all() if m.gender == Gender.FEMALE]


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    cleaned, errors = clean_person({**payload, "marital_status": MaritalStatus.NEVER_MARRIED})
    if cleaned["date_of_birth"] is None and "date_of_birth" not in errors:
        add(errors, "date_of_birth", _("Enter the date of birth."))
    errors.pop("age_years", None)
    if cleaned["relation"] and cleaned["relation"] not in CHILD_RELATIONS:
        add(errors, "relation", _("A newborn is a son, daughter or grandchild of the family."))
    mother = family_member(family, str(payload.get("mother") or ""), "mother", errors)
    if mother is not None and mother.gender != Gender.FEMALE:
        add(errors, "mother", _("Choose the mother among the women of the family."))
    if not errors and mother is not None:
        check_mother(mother, cleaned, errors, "date_of_birth")
        check_in_family(family, cleaned, errors)
    raise_if(errors)
    return {**cleaned, "mother": mother}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    return [*preview_new(cleaned), Row(label(Member, "mother"), "—", str(cleaned["mother"]))]


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    applied = add_person(family, cleaned, mother=cleaned["mother"])
    applied.changes["mother"] = [None, cleaned["mother"].member_id]
    return applied


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return new_person_key(member, cleaned)
