"""Merge two registered families into one: a household registered twice, or two households
that now live as one. The request is made on the family that survives (its Family ID stays);
the other family's living members move into it with their Member IDs, e-KYC and history, each
with their relation given again to the head of the merged family, and its Family ID is retired
(status MERGED, merged_into the survivor): the row stays, and every lookup of the old ID
answers where it went (registry.selectors.refuse_retired_family). Deceased and retired members
stay on the retired family's record, as in a split.

Both families must lie in the areas of the official who asks (and of the local body officer
who decides: always the survivor's); neither may be retired, nor have a migration or a change
waiting: the other request would be about a family that no longer is what it was.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from geography.models import Area
from officials.models import Official
from registry.models import Family, FamilyStatus, Member, Relation
from updates.kinds import shape
from updates.kinds.base import (
    Applied,
    Errors,
    Event,
    Locks,
    Row,
    add,
    raise_if,
    shown,
    text,
)
from updates.kinds.people import family_errors
from updates.models import ChangeKind

CODE = ChangeKind.MERGE_FAMILIES
MEMBER_BOUND = False
ADDS_PERSON = False
ALWAYS_VERIFIED = True
DOCUMENT_KIND = DocumentKind.SUPPORTING
# The same answer whether the Family ID exists outside the official's areas or not at all.
NOT_HELD = _(
    "Family %(id)s is not one of the families of your Gram Panchayats or wards. Check the "
    "Family ID on that family's card."
)


def relation_field(member: Member) -> str:
    """The form's and the payload's name for a member's relation after the merge."""
    return f"relation_{member.member_id}"


def find_other(family: Family, raw: str, held: QuerySet[Area] | None = None) -> Family:
    """The family to merge into ``family``, by its Family ID (within ``held``, the areas of the
    official who asks, when given); ValidationError on ``from_family`` otherwise."""
    family_id = " ".join(str(raw or "").split())
    if not family_id:
        raise ValidationError(
            {"from_family": _("Enter the Family ID of the family to merge into this one.")}
        )
    found = Family.objects.select_related("area__local_body", "merged_into").filter(
        family_id=family_id
    )
    if held is not None:
        found = found.filter(area__in=held)
    other = found.first()
    if other is None:
        raise ValidationError({"from_family": NOT_HELD % {"id": family_id}}, code="outside")
    if other.pk == family.pk:
        raise ValidationError(
            {
                "from_family": _(
                    "A family cannot be merged into itself. Enter the Family ID of the other "
                    "family."
                )
            }
        )
    errors: Errors = {}
    shape.check_family_in_use(other, errors, "from_family")
    raise_if(errors)
    return other


def initial(family: Family, other: Family | None) -> dict[str, Any]:
    """The survivor's members keep their relation; the newcomers' is chosen by the official."""
    values: dict[str, Any] = {relation_field(m): m.relation for m in shape.living(family)}
    if other is not None:
        values["from_family"] = other.family_id
    return values


def _relations(members: list[Member], payload: Mapping[str, Any], errors: Errors) -> list[str]:
    chosen = []
    for m in members:
        relation = str(payload.get(relation_field(m)) or "")
        if relation not in Relation.values:
            add(errors, relation_field(m), _("Choose the relation to the head."))
        chosen.append(relation)
    return chosen


def _row(m: Member, relation: str) -> dict[str, Any]:
    return {
        "relation": relation,
        "date_of_birth": m.date_of_birth,
        "birth_year": m.birth_year,
        "name_en": m.name_en,
        "name_hi": m.name_hi,
    }


def _check_merged(
    families: tuple[list[Member], list[Member]], relations: list[str], errors: Errors
) -> None:
    """One head of the merged family, and parents older than their children in it: only the
    problems the merge brings (either family's own are not held against it)."""
    members = [*families[0], *families[1]]
    if sum(1 for r in relations if r == Relation.HEAD) != 1:
        add(errors, NON_FIELD_ERRORS, _("Choose exactly one head of the merged family."))
        return
    known = {
        message
        for group in families
        for key, message in family_errors([_row(m, m.relation) for m in group])
        if key != "members"
    }
    after = family_errors([_row(m, r) for m, r in zip(members, relations, strict=True)])
    for key, message in sorted(after):
        if message in known:
            continue
        index = key.removeprefix("members-").split("-")[0] if key.startswith("members-") else ""
        add(
            errors,
            relation_field(members[int(index)]) if index.isdigit() else NON_FIELD_ERRORS,
            message,
        )


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    shape.check_family_in_use(family, errors, NON_FIELD_ERRORS)
    raise_if(errors)
    other = find_other(family, text(payload, "from_family"))
    for each in (family, other):
        pending = shape.open_migration_refusal(each)
        if pending is not None:
            add(errors, NON_FIELD_ERRORS, pending)
    raise_if(errors)
    families = (shape.living(family), shape.living(other))
    members = [*families[0], *families[1]]
    relations = _relations(members, payload, errors)
    raise_if(errors)
    _check_merged(families, relations, errors)
    raise_if(errors)
    return {
        "other": other,
        "staying": dict(zip(families[0], relations[: len(families[0])], strict=True)),
        "joining": dict(zip(families[1], relations[len(families[0]) :], strict=True)),
    }


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    other: Family = cleaned["other"]
    rows = [
        Row(
            str(_("Family merged into this one")),
            f"{other.family_id}, {other.area.name}, {other.area.local_body.name}",
            str(
                _("Family ID %(id)s retired: merged into %(into)s")
                % {
                    "id": other.family_id,
                    "into": family.family_id,
                }
            ),
        )
    ]
    for m, relation in cleaned["joining"].items():
        rows.append(
            Row(
                f"{m.name} ({m.member_id})",
                f"{other.family_id}: {shown(Member, 'relation', m.relation)}",
                f"{family.family_id}: {shown(Member, 'relation', relation)}",
            )
        )
    for m, relation in cleaned["staying"].items():
        if relation != m.relation:
            rows.append(
                Row(
                    f"{m.name} ({m.member_id})",
                    shown(Member, "relation", m.relation),
                    shown(Member, "relation", relation),
                )
            )
    return rows


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    other: Family = cleaned["other"]
    joined = sorted(m.member_id for m in cleaned["joining"])
    events = [
        Event("member.moved", m, shape.move(m, family, relation))
        for m, relation in cleaned["joining"].items()
    ]
    changes: dict[str, list[Any]] = {
        "family_merged_in": [None, other.family_id],
        "members_joined": [None, joined],
    }
    for m, relation in cleaned["staying"].items():
        if relation != m.relation:
            changes[f"relation {m.member_id}"] = [m.relation, relation]
            m.relation = relation
            m.save(update_fields=["relation"])
    other.status = FamilyStatus.MERGED
    other.merged_into = family
    other.save(update_fields=["status", "merged_into"])
    events.append(
        Event(
            "family.merged",
            other,
            {
                "status": [FamilyStatus.ACTIVE, FamilyStatus.MERGED],
                "merged_into": [None, family.family_id],
                "members_left": [joined, None],
            },
        )
    )
    return Applied(changes=changes, events=events)


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return "shape"


def to_lock(family: Family, payload: Mapping[str, Any]) -> Locks:
    return Locks(family_ids=[text(payload, "from_family")])


def subjects(cleaned: dict[str, Any]) -> tuple[Member | None, Family | None]:
    return None, cleaned["other"]


def open_conflicts(family: Family, cleaned: dict[str, Any]) -> Q:
    """Anything waiting about either family's members, any change of shape of either, and any
    request at all of the family that is retired (it would apply to a retired Family ID)."""
    other: Family = cleaned["other"]
    members = [*cleaned["staying"], *cleaned["joining"]]
    return (
        shape.open_shape_changes([family, other], members) | Q(family=other) | Q(other_family=other)
    )


def check_held(held: QuerySet[Area], cleaned: dict[str, Any]) -> None:
    """The family merged in lies in an area the official holds (the survivor's is checked by
    the service for every request)."""
    other: Family = cleaned["other"]
    if not held.filter(pk=other.area_id).exists():
        raise ValidationError({"from_family": NOT_HELD % {"id": other.family_id}}, code="outside")


def asked(payload: Mapping[str, Any]) -> list[Row]:
    """A decided merge as asked for (the audit log holds old → new): the family merged in and
    each member's relation to the head of the merged family."""
    rows = [Row(str(_("Family merged into this one")), "", text(payload, "from_family") or "—")]
    members = Member.objects.in_bulk(
        [k.removeprefix("relation_") for k in payload if k.startswith("relation_")],
        field_name="member_id",
    )
    for member_id, m in sorted(members.items()):
        relation = shown(Member, "relation", payload.get(f"relation_{member_id}"))
        rows.append(Row(f"{m.name} ({member_id})", "", relation))
    return rows
