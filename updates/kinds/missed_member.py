"""Add a member left out at registration: every detail, as at registration."""

from collections.abc import Mapping
from typing import Any

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, Member
from updates.kinds.adding import add_person, new_person_key, preview_new
from updates.kinds.base import Applied, Row, raise_if
from updates.kinds.people import check_in_family, clean_person
from updates.models import ChangeKind

CODE = ChangeKind.MISSED_MEMBER
MEMBER_BOUND = False
ADDS_PERSON = True
DOCUMENT_KIND = DocumentKind.SUPPORTING


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    cleaned, errors = clean_person(payload)
    if not errors:
        check_in_family(family, cleaned, errors)
    raise_if(errors)
    return cleaned


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    return preview_new(cleaned)


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    return add_person(family, cleaned)


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return new_person_key(member, cleaned)
