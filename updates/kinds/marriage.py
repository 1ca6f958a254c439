"""Add a member who marries into the family: their details, the member they married (living,
of the family) and optionally the date of marriage. Both are then recorded as married."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, MaritalStatus, Member, Relation
from updates.kinds.adding import add_person, new_person_key, preview_new
from updates.kinds.base import Applied, Row, add, family_member, label, parse_date, raise_if
from updates.kinds.people import check_in_family, clean_person
from updates.models import ChangeKind

CODE = ChangeKind.MARRIAGE
MEMBER_BOUND = False
ADDS_PERSON = True
DOCUMENT_KIND = DocumentKind.MARRIAGE_CERTIFICATE
MARRIED_IN_RELATIONS = [Relation.SPOUSE, Relation.DAUGHTER_IN_LAW, Relation.OTHER]


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    cleaned, errors = clean_person({**payload, "marital_status": MaritalStatus.MARRIED})
    if cleaned["relation"] and cleaned["relation"] not in MARRIED_IN_RELATIONS:
        add(errors, "relation", _("A member by marriage is a wife, husband or daughter-in-law."))
    spouse = family_member(family, str(payload.get("spouse") or ""), "spouse", errors)
    if spouse is not None and spouse.is_deceased:
        add(errors, "spouse", _("This member's death is recorded."))
    married_on = parse_date(payload, "date_of_marriage", errors)
    if married_on is not None:
        if married_on > timezone.localdate():
            add(errors, "date_of_marriage", _("The date of marriage cannot be in the future."))
        for person in (cleaned, spouse):
            born = (
                person["date_of_birth"]
                if isinstance(person, dict)
                else getattr(person, "date_of_birth", None)
            )
            if born is not None and married_on < born:
                add(
                    errors,
                    "date_of_marriage",
                    _("The date of marriage cannot be before a date of birth."),
                )
                break
    if not errors:
        check_in_family(family, cleaned, errors)
    raise_if(errors)
    return {**cleaned, "spouse": spouse, "date_of_marriage": married_on}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    spouse: Member = cleaned["spouse"]
    rows = [*preview_new(cleaned), Row(str(_("Married to")), "—", str(spouse))]
    if spouse.marital_status != MaritalStatus.MARRIED:
        rows.append(
            Row(
                f"{spouse.name}: {label(Member, 'marital_status')}",
                spouse.get_marital_status_display() or "—",
                str(MaritalStatus.MARRIED.label),
            )
        )
    return rows


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    applied = add_person(family, cleaned)
    spouse: Member = cleaned["spouse"]
    applied.changes["spouse"] = [None, spouse.member_id]
    if spouse.marital_status != MaritalStatus.MARRIED:
        applied.changes["spouse_marital_status"] = [spouse.marital_status, MaritalStatus.MARRIED]
        spouse.marital_status = MaritalStatus.MARRIED
        spouse.save(update_fields=["marital_status"])
    return applied


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return new_person_key(member, cleaned)
