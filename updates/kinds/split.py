"""Split a family: some of its living members leave to form a new family, at the same or
another address in the areas the official holds (a son setting up his own household with his
wife and children). The new family gets a new Family ID (registry.ids); the members keep their
Member IDs, e-KYC and history. Each living member's relation is given to the head of the family
they will be in, so that both families have exactly one head: the old family keeps its ID and
records a new head if its head leaves. Deceased and retired members stay where they were.

Both families must keep a living adult (when they have children); parents stay older than
their children in each. A family whose migration waits for a decision is not split: the
migration would move a family that is no longer the one it asked about."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from geography.models import Area, Village
from officials.models import Official
from registration.validation import PIN_CODE
from registry import ids
from registry.models import Family, Member, Relation
from updates.kinds import shape
from updates.kinds.base import (
    Applied,
    Errors,
    Event,
    Row,
    add,
    label,
    non_field,
    raise_if,
    shown,
    text,
)
from updates.kinds.people import check_relations, family_errors
from updates.models import ChangeKind

CODE = ChangeKind.SPLIT
MEMBER_BOUND = False
ADDS_PERSON = False
ALWAYS_VERIFIED = True
DOCUMENT_KIND = DocumentKind.SUPPORTING
STAY, LEAVE = "stay", "leave"
ADDRESS = ["area", "village", "house_number", "locality", "pin_code"]


def move_field(member: Member) -> str:
    """The form's and the payload's name for whether a member stays or leaves."""
    return f"move_{member.member_id}"


def relation_field(member: Member) -> str:
    return f"relation_{member.member_id}"


def initial(family: Family) -> dict[str, Any]:
    values: dict[str, Any] = {"area": family.area_id}
    for m in shape.living(family):
        values[move_field(m)] = STAY
        values[relation_field(m)] = m.relation
    return values


def _address(family: Family, payload: Mapping[str, Any], errors: Errors) -> dict[str, Any]:
    raw_area, raw_village = text(payload, "area"), text(payload, "village")
    area = Area.objects.select_related("local_body").filter(pk=raw_area or None).first()
    if not raw_area.isdigit() or area is None:
        add(errors, "area", _("Choose the Gram Panchayat or ward of the new family."))
    village = None
    if raw_village:
        village = Village.objects.filter(pk=raw_village if raw_village.isdigit() else None).first()
        if village is None or area is None or village.area_id != area.pk:
            add(errors, "village", _("Choose a village of the new family's Gram Panchayat."))
    pin = text(payload, "pin_code")
    if pin and not PIN_CODE.fullmatch(pin):
        add(errors, "pin_code", _("Enter a valid 6-digit PIN code."))
    if not text(payload, "locality") and not text(payload, "house_number"):
        add(errors, "locality", _("Enter the new family's house number or locality."))
    return {
        "area": area,
        "village": village,
        "house_number": text(payload, "house_number"),
        "locality": text(payload, "locality"),
        "pin_code": pin,
    }


def _choices(
    family: Family, payload: Mapping[str, Any], errors: Errors
) -> dict[Member, tuple[bool, str]]:
    """Each living member: (leaves?, relation to the head of the family they will be in)."""
    chosen = {}
    for m in shape.living(family):
        move = str(payload.get(move_field(m)) or STAY)
        relation = str(payload.get(relation_field(m)) or "")
        if move not in (STAY, LEAVE):
            add(errors, move_field(m), _("Choose whether this member stays or leaves."))
        if relation not in Relation.values:
            add(errors, relation_field(m), _("Choose the relation to the head."))
        chosen[m] = (move == LEAVE, relation)
    return chosen


def _row(m: Member, relation: str) -> dict[str, Any]:
    return {
        "relation": relation,
        "date_of_birth": m.date_of_birth,
        "birth_year": m.birth_year,
        "name_en": m.name_en,
        "name_hi": m.name_hi,
    }


def _check_new_family(leaving: dict[Member, str], errors: Errors) -> None:
    heads = sum(1 for r in leaving.values() if r == Relation.HEAD)
    if heads != 1:
        add(errors, NON_FIELD_ERRORS, _("Choose exactly one head of the new family."))
        return
    for _key, message in sorted(family_errors([_row(m, r) for m, r in leaving.items()])):
        add(errors, NON_FIELD_ERRORS, message)
    today = timezone.localdate()
    if not any(shape.is_adult(m, today) for m in leaving):
        add(
            errors,
            NON_FIELD_ERRORS,
            _("The new family would have children only. An adult must go with them."),
        )


def _check_old_family(
    family: Family, staying: dict[Member, str], leaving: list[Member], errors: Errors
) -> None:
    shape.check_left_behind(family, leaving, errors, NON_FIELD_ERRORS)
    if not staying:
        return
    if sum(1 for r in staying.values() if r == Relation.HEAD) != 1:
        add(
            errors,
            NON_FIELD_ERRORS,
            _("Choose exactly one head of family %(id)s among the members who stay.")
            % {"id": family.family_id},
        )
        return
    # Only the problems the split brings: the remaining members' rules, as relations change.
    gone = {m.pk: Relation.OTHER for m in leaving}
    check_relations(
        family, {**gone, **{m.pk: r for m, r in staying.items()}}, errors, relation_field
    )


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    errors: Errors = {}
    shape.check_family_in_use(family, errors, NON_FIELD_ERRORS)
    pending = shape.open_migration_refusal(family)
    if pending is not None:
        add(errors, NON_FIELD_ERRORS, pending)
    raise_if(errors)
    address = _address(family, payload, errors)
    chosen = _choices(family, payload, errors)
    raise_if(errors)
    leaving = {m: r for m, (leaves, r) in chosen.items() if leaves}
    staying = {m: r for m, (leaves, r) in chosen.items() if not leaves}
    if not leaving:
        raise non_field(_("Choose the members who leave to form the new family."))
    _check_new_family(leaving, errors)
    _check_old_family(family, staying, list(leaving), errors)
    raise_if(errors)
    return {**address, "leaving": leaving, "staying": staying}


def _address_text(cleaned: dict[str, Any]) -> str:
    area: Area = cleaned["area"]
    parts = [" ".join(filter(None, [cleaned["house_number"], cleaned["locality"]]))]
    if cleaned["village"] is not None:
        parts.append(cleaned["village"].name)
    parts += [area.name, area.local_body.name]
    return ", ".join(filter(None, parts)) + (
        f" {cleaned['pin_code']}" if cleaned["pin_code"] else ""
    )


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    new = str(_("New family (its Family ID is given on approval)"))
    rows = [Row(str(_("Address of the new family")), "—", _address_text(cleaned))]
    for m, relation in cleaned["leaving"].items():
        rows.append(
            Row(
                f"{m.name} ({m.member_id})",
                f"{family.family_id}: {shown(Member, 'relation', m.relation)}",
                f"{new}: {shown(Member, 'relation', relation)}",
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


def _new_family(cleaned: dict[str, Any]) -> Family:
    def insert(family_id: str) -> Family:
        return Family.objects.create(
            family_id=family_id, **{name: cleaned[name] for name in ADDRESS}
        )

    return ids.insert_with_unique_id(insert, ids.random_family_id)


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    new_family = _new_family(cleaned)
    events = [
        Event(
            "family.split_off",
            new_family,
            {
                "family_id": [None, new_family.family_id],
                "split_from": [None, family.family_id],
                "members": [None, sorted(m.member_id for m in cleaned["leaving"])],
            },
        )
    ]
    for m, relation in cleaned["leaving"].items():
        events.append(Event("member.moved", m, shape.move(m, new_family, relation)))
    changes: dict[str, list[Any]] = {
        "members_left": [sorted(m.member_id for m in cleaned["leaving"]), None],
        "new_family": [None, new_family.family_id],
    }
    for m, relation in cleaned["staying"].items():
        if relation != m.relation:
            changes[f"relation {m.member_id}"] = [m.relation, relation]
            m.relation = relation
            m.save(update_fields=["relation"])
    return Applied(changes=changes, other_family=new_family, events=events)


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return "shape"


def open_conflicts(family: Family, cleaned: dict[str, Any]) -> Q:
    members = [*cleaned["leaving"], *cleaned["staying"]]
    return shape.open_shape_changes([family], members)


def check_held(held: QuerySet[Area], cleaned: dict[str, Any]) -> None:
    """The new family's address lies in an area the official holds."""
    if not held.filter(pk=cleaned["area"].pk).exists():
        raise ValidationError(
            {"area": _("Choose one of your own Gram Panchayats or wards for the new family.")},
            code="outside",
        )


def asked(payload: Mapping[str, Any]) -> list[Row]:
    """A decided split as asked for (the audit log holds old → new): who left, with which
    relation, and the new family's address."""
    area = Area.objects.filter(pk=str(payload.get("area") or "") or None).first()
    rows = [Row(str(_("Gram Panchayat or ward of the new family")), "", area.name if area else "—")]
    for name in ("house_number", "locality", "pin_code"):
        if payload.get(name):
            rows.append(Row(label(Family, name), "", str(payload[name])))
    members = Member.objects.in_bulk(
        [k.removeprefix("move_") for k, v in payload.items() if k.startswith("move_")],
        field_name="member_id",
    )
    new = str(_("New family"))
    for member_id, m in sorted(members.items()):
        if payload.get(f"move_{member_id}") == LEAVE:
            relation = shown(Member, "relation", payload.get(f"relation_{member_id}"))
            rows.append(Row(f"{m.name} ({member_id})", "", f"{new}: {relation}"))
    return rows
