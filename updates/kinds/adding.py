"""What the kinds that add a person (birth, missed member, marriage) share."""

from typing import Any

from registration.duplicates import Candidate, person_candidates
from registry.models import Family, Member
from updates.kinds import aadhaar
from updates.kinds.base import Applied, Row
from updates.kinds.people import member_create, new_member_changes, person_rows, stored_person


def preview_new(cleaned: dict[str, Any]) -> list[Row]:
    aadhaar_row = aadhaar.row(cleaned)
    return [*person_rows(None, cleaned), *([aadhaar_row] if aadhaar_row else [])]


def add_person(family: Family, cleaned: dict[str, Any], **extra: Any) -> Applied:
    member = member_create(family, {**stored_person(cleaned), **extra})
    return Applied(changes=new_member_changes(member), new_member=member)


def new_person_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return f"new:{cleaned['name_en'].casefold()}"


def possible_registrations(family: Family, cleaned: dict[str, Any]) -> list[Candidate]:
    """People already in the register, or in a pending application of the district, who may be
    the person being added (the registration's duplicate search, at the family's place): a
    bride registered with her parents, a child registered by grandparents. Shown to whoever
    submits and decides, and recorded with the change; never a refusal, as the search is by
    similarity."""
    found = person_candidates(stored_person(cleaned), family.area, family.village_id)
    # The search loads only the columns it compares; the page shows more (one query for all).
    loaded = Member.objects.select_related("family__area").in_bulk(
        [c.member.pk for c in found if c.member is not None]
    )
    for c in found:
        if c.member is not None:
            c.member = loaded[c.member.pk]
    return found
