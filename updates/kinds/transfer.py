"""Transfer a member into this family from another registered family: a bride registered with
her parents, an adopted child, a child going to live with grandparents. The person keeps their
Member ID, e-KYC, mobile and history (the same row moves); only the family and the relation to
its head change. Optionally the member of this family they married, and both are then recorded
as married.

Asked for by the receiving family's official, who names the person by both IDs (their Member
ID and the Family ID they are in now, as on that family's card: one ID alone finds nobody), and
decided by the local body of the receiving family, always. The family left behind must keep a
living member, an adult if it keeps children, and its head (a head moves after another is
recorded); this family's rules (one head, parents older than children) hold with the newcomer.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, MaritalStatus, Member, Relation
from updates.kinds import shape
from updates.kinds.base import (
    Applied,
    Errors,
    Event,
    Locks,
    Row,
    add,
    family_member,
    label,
    raise_if,
    shown,
    text,
)
from updates.kinds.people import check_in_family
from updates.models import ChangeKind

CODE = ChangeKind.TRANSFER
MEMBER_BOUND = False
ADDS_PERSON = False
ALWAYS_VERIFIED = True
DOCUMENT_KIND = DocumentKind.SUPPORTING
MARRIED_IN_RELATIONS = [Relation.SPOUSE, Relation.DAUGHTER_IN_LAW, Relation.OTHER]


def initial(query: Mapping[str, Any]) -> dict[str, Any]:
    """The form filled from a link (the marriage preview's "transfer her")."""
    names = ("member_id", "from_family", "relation", "spouse")
    return {name: str(query[name]) for name in names if query.get(name)}


def _moving(payload: Mapping[str, Any], errors: Errors) -> Member | None:
    member_id, family_id = text(payload, "member_id"), text(payload, "from_family")
    if not member_id:
        add(errors, "member_id", _("Enter the Member ID of the person who moves."))
    if not family_id:
        add(errors, "from_family", _("Enter the Family ID of the family they are in now."))
    if not (member_id and family_id):
        return None
    found = (
        Member.objects.select_related("family__area__local_body", "family__merged_into")
        .filter(member_id=member_id, family__family_id=family_id)
        .first()
    )
    if found is None:
        # The same answer whether the Member ID exists elsewhere or not at all.
        add(
            errors,
            "member_id",
            _(
                "Family %(family)s has no member with Member ID %(member)s. Check both IDs on "
                "that family's card."
            )
            % {"family": family_id, "member": member_id},
        )
    return found


def _check_sending(moving: Member, errors: Errors) -> None:
    sending = moving.family
    if moving.is_head and len(shape.living(sending)) > 1:
        add(
            errors,
            "member_id",
            _(
                "%(name)s is the head of family %(id)s. Record who heads that family after them "
                "first (Change the head of the family), then transfer them."
            )
            % {"name": moving.name, "id": sending.family_id},
        )
    shape.check_left_behind(sending, [moving], errors, "member_id")


def _spouse(family: Family, payload: Mapping[str, Any], relation: str, errors: Errors) -> Any:
    raw = text(payload, "spouse")
    if not raw:
        return None
    spouse = family_member(family, raw, "spouse", errors)
    if spouse is not None and spouse.is_deceased:
        add(errors, "spouse", _("This member's death is recorded."))
    if relation and relation not in MARRIED_IN_RELATIONS:
        add(errors, "relation", _("A member by marriage is a wife, husband or daughter-in-law."))
    return spouse


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    moving = _moving(payload, errors)
    relation = str(payload.get("relation") or "")
    if relation not in Relation.values:
        add(errors, "relation", _("Choose the relation to the head of this family."))
    shape.check_family_in_use(family, errors, NON_FIELD_ERRORS)
    spouse = _spouse(family, payload, relation, errors)
    if moving is not None:
        if moving.family_id == family.pk:
            add(
                errors,
                "member_id",
                _("%(name)s is already a member of this family.") % {"name": moving.name},
            )
        else:
            shape.check_movable(moving, errors, "member_id")
    if not errors and moving is not None:
        _check_sending(moving, errors)
        row = {
            "relation": relation,
            "date_of_birth": moving.date_of_birth,
            "birth_year": moving.birth_year,
            "name_en": moving.name_en,
            "name_hi": moving.name_hi,
        }
        check_in_family(family, row, errors)
    raise_if(errors)
    return {"member": moving, "relation": relation, "spouse": spouse}


def _marital_rows(cleaned: dict[str, Any]) -> list[Row]:
    if cleaned["spouse"] is None:
        return []
    rows = [Row(str(_("Married to")), "—", str(cleaned["spouse"]))]
    for person in (cleaned["member"], cleaned["spouse"]):
        if person.marital_status != MaritalStatus.MARRIED:
            rows.append(
                Row(
                    f"{person.name}: {label(Member, 'marital_status')}",
                    person.get_marital_status_display() or "—",
                    str(MaritalStatus.MARRIED.label),
                )
            )
    return rows


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    moving: Member = cleaned["member"]
    sending = moving.family
    return [
        Row(str(_("Member who moves")), str(moving), str(moving)),
        Row(str(_("Samagra Family ID")), sending.family_id, family.family_id),
        Row(
            str(_("Gram Panchayat or Ward")),
            f"{sending.area.name}, {sending.area.local_body.name}",
            f"{family.area.name}, {family.area.local_body.name}",
        ),
        Row(
            label(Member, "relation"),
            shown(Member, "relation", moving.relation),
            shown(Member, "relation", cleaned["relation"]),
        ),
        *_marital_rows(cleaned),
    ]


def _marry(cleaned: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    if cleaned["spouse"] is None:
        return changes
    changes["spouse"] = [None, cleaned["spouse"].member_id]
    for person in (cleaned["member"], cleaned["spouse"]):
        if person.marital_status != MaritalStatus.MARRIED:
            changes[f"marital_status {person.member_id}"] = [
                person.marital_status,
                MaritalStatus.MARRIED,
            ]
            person.marital_status = MaritalStatus.MARRIED
            person.save(update_fields=["marital_status"])
    return changes


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    moving: Member = cleaned["member"]
    sending = moving.family
    marriage = _marry(cleaned)
    moved = shape.move(moving, family, cleaned["relation"])
    return Applied(
        changes={
            "member_joined": [None, moving.member_id],
            "from_family": [None, sending.family_id],
            **marriage,
        },
        events=[
            Event("member.moved", moving, moved),
            Event(
                "change.applied",
                sending,
                {"member_left": [moving.member_id, None], "to_family": [None, family.family_id]},
            ),
        ],
    )


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return f"member:{cleaned['member'].pk}"


def to_lock(family: Family, payload: Mapping[str, Any]) -> Locks:
    return Locks(family_ids=[text(payload, "from_family")], member_ids=[text(payload, "member_id")])


def subjects(cleaned: dict[str, Any]) -> tuple[Member | None, Family | None]:
    return cleaned["member"], cleaned["member"].family


def open_conflicts(family: Family, cleaned: dict[str, Any]) -> Q:
    return shape.open_shape_changes([family, cleaned["member"].family], [cleaned["member"]])
