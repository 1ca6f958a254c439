"""What the kinds that add a person (birth, missed member, marriage) share."""

from typing import Any

from registry.models import Family, Member
from updates.kinds.base import Applied, Row
from updates.kinds.people import member_create, new_member_changes, person_rows, stored_person


def preview_new(cleaned: dict[str, Any]) -> list[Row]:
    return person_rows(None, cleaned)


def add_person(family: Family, cleaned: dict[str, Any], **extra: Any) -> Applied:
    member = member_create(family, {**stored_person(cleaned), **extra})
    return Applied(changes=new_member_changes(member), new_member=member)


def new_person_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return f"new:{cleaned['name_en'].casefold()}"
