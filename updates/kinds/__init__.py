"""The kinds of change request, one module each (see updates.kinds.base for what a kind is).
A new kind is a new module here and a line in KINDS."""

from updates.kinds import (
    birth,
    correct_family,
    correct_member,
    death,
    marriage,
    merge_families,
    missed_member,
    relations,
    split,
    transfer,
)
from updates.kinds.base import Kind
from updates.models import ChangeKind

KINDS: dict[str, Kind] = {
    ChangeKind.CORRECT_MEMBER: correct_member,
    ChangeKind.CORRECT_FAMILY: correct_family,
    ChangeKind.BIRTH: birth,
    ChangeKind.MISSED_MEMBER: missed_member,
    ChangeKind.DEATH: death,
    ChangeKind.MARRIAGE: marriage,
    ChangeKind.RELATIONS: relations,
    ChangeKind.TRANSFER: transfer,
    ChangeKind.SPLIT: split,
    ChangeKind.MERGE_FAMILIES: merge_families,
}


def kind_for(code: str) -> Kind:
    return KINDS[code]
