"""Change the head of the family and the relations of the others to the new head, in one
request: after the head's death or departure, or when the family names another head. Every
living member's relation to the head is given again; the family's rules (exactly one head,
parents older than their children) are checked with the new relations. Deceased members keep
the relation they had."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, Member, Relation
from registry.selectors import is_living
from updates.kinds.base import Applied, Errors, Row, add, non_field, raise_if, shown
from updates.kinds.people import check_relations
from updates.models import ChangeKind

CODE = ChangeKind.RELATIONS
MEMBER_BOUND = False
ADDS_PERSON = False
DOCUMENT_KIND = DocumentKind.SUPPORTING
RELATIONS = set(Relation.values)


def field(member: Member) -> str:
    """The form's and the payload's name for a member's new relation."""
    return f"relation_{member.member_id}"


def living(family: Family) -> list[Member]:
    return [m for m in family.members.all() if is_living(m)]


def initial(family: Family) -> dict[str, Any]:
    return {field(m): m.relation for m in living(family)}


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    relations: dict[int, str] = {}
    for m in living(family):
        relation = str(payload.get(field(m)) or "")
        if relation not in RELATIONS:
            add(errors, field(m), _("Choose the relation to the head."))
        else:
            relations[m.pk] = relation
    if not errors:
        if sum(1 for r in relations.values() if r == Relation.HEAD) != 1:
            add(errors, NON_FIELD_ERRORS, _("Choose exactly one member as the head of the family."))
        else:
            check_relations(family, relations, errors, field)
    raise_if(errors)
    changed = {m: relations[m.pk] for m in living(family) if relations[m.pk] != m.relation}
    if not changed:
        raise non_field(_("Nothing was changed. Change at least one relation."))
    return {"changed": changed}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    return [
        Row(
            f"{m.name} ({m.member_id})",
            shown(Member, "relation", m.relation),
            shown(Member, "relation", new),
        )
        for m, new in cleaned["changed"].items()
    ]


def asked(family: Family, payload: Mapping[str, Any]) -> list[Row]:
    """A decided request's relations as asked for, by member (the audit log holds old → new)."""
    by_field = {field(m): m for m in family.members.all()}
    return [
        Row(
            f"{by_field[name].name} ({by_field[name].member_id})",
            "",
            shown(Member, "relation", value),
        )
        for name, value in payload.items()
        if name in by_field
    ]


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    changes: dict[str, list[Any]] = {}
    for m, new in cleaned["changed"].items():
        changes[f"relation {m.member_id}"] = [m.relation, new]
        m.relation = new
        m.save(update_fields=["relation"])
    return Applied(changes=changes)


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return "relations"
