"""What an applied change request tells the register's change feed (registry.feed): one row per
member it concerns, of the feed's kind for it.

    birth               member.born, the child (date of birth, mother's Member ID)
    missed member       member.added, the person added
    marriage            member.married, the person who married in and the member they married
    death               member.died (date of death)
    corrections         member.corrected, the member or (no member) the family, fields changed
    head and relations  member.corrected, each member whose relation changed
    transfer            member.moved (and member.married for both, when a spouse is named)
    split               member.moved, each member who left for the new family
    merge of families   member.moved, each member who joined; family.merged, the retired family

Called by updates.services in the transaction that applies the change.
"""

from collections.abc import Callable, Iterable
from typing import Any

from geography.models import Area
from registry.feed import record_change, record_move
from registry.models import ChangeKind as Told
from registry.models import Family, Member
from updates.kinds.base import Applied
from updates.models import ChangeKind

# Where the members a change of shape moves are before it moves them: Member pk -> (Family ID,
# area). Read before the change is applied, which changes the member's family.
Places = dict[int, tuple[str, Area]]


def places_before(code: str, cleaned: dict[str, Any]) -> Places:
    movers: Iterable[Member] = ()
    if code == ChangeKind.TRANSFER:
        movers = [cleaned["member"]]
    elif code == ChangeKind.SPLIT:
        movers = cleaned["leaving"]
    elif code == ChangeKind.MERGE_FAMILIES:
        movers = cleaned["joining"]
    return {m.pk: (m.family.family_id, m.family.area) for m in movers}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _fields(applied: Applied) -> list[str]:
    return sorted(applied.changes)


def _relations_changed(family: Family, applied: Applied, members: Iterable[Member]) -> None:
    """member.corrected for each member whose relation to the head changed (the change's audit
    keys ``relation <Member ID>``)."""
    by_id = {m.member_id: m for m in members}
    for key in sorted(applied.changes):
        member = by_id.get(key.removeprefix("relation "))
        if key.startswith("relation ") and member is not None:
            record_change(
                Told.CORRECTED, family=family, member=member, details={"fields": ["relation"]}
            )


def _moved(family: Family, members: Iterable[Member], places: Places) -> None:
    for m in members:
        from_family, from_area = places[m.pk]
        record_move(
            Told.MOVED,
            family=family,
            member=m,
            from_area=from_area,
            to_area=family.area,
            details={"from_family": from_family, "to_family": family.family_id},
        )


def _married(family: Family, one: Member, other: Member, on: Any = None) -> None:
    for member, spouse in ((one, other), (other, one)):
        record_change(
            Told.MARRIAGE,
            family=family,
            member=member,
            details={"spouse": spouse.member_id, "date_of_marriage": _iso(on)},
        )


def _birth(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    child = applied.new_member
    assert child is not None  # noqa: S101 - a birth always adds its child
    record_change(
        Told.BIRTH,
        family=family,
        member=child,
        details={
            "date_of_birth": _iso(child.date_of_birth),
            "mother": cleaned["mother"].member_id,
        },
    )


def _added(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    record_change(Told.MEMBER_ADDED, family=family, member=applied.new_member)


def _marriage(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    assert applied.new_member is not None  # noqa: S101 - a marriage always adds the spouse
    _married(family, applied.new_member, cleaned["spouse"], cleaned["date_of_marriage"])


def _death(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    record_change(
        Told.DEATH,
        family=family,
        member=member,
        details={"date_of_death": _iso(cleaned["date_of_death"])},
    )


def _corrected(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    record_change(
        Told.CORRECTED, family=family, member=member, details={"fields": _fields(applied)}
    )


def _relations(
    family: Family, member: Member | None, cleaned: dict[str, Any], applied: Applied
) -> None:
    _relations_changed(family, applied, cleaned["changed"])


Recorder = Callable[[Family, Member | None, dict[str, Any], Applied], None]

SIMPLE: dict[str, Recorder] = {
    ChangeKind.BIRTH: _birth,
    ChangeKind.MISSED_MEMBER: _added,
    ChangeKind.MARRIAGE: _marriage,
    ChangeKind.DEATH: _death,
    ChangeKind.CORRECT_MEMBER: _corrected,
    ChangeKind.CORRECT_FAMILY: _corrected,
    ChangeKind.RELATIONS: _relations,
}


def record_applied(
    code: str,
    family: Family,
    member: Member | None,
    cleaned: dict[str, Any],
    applied: Applied,
    places: Places,
) -> None:
    """The feed's rows for change ``code`` just applied to ``family`` (``places``: from
    places_before)."""
    if code in SIMPLE:
        SIMPLE[code](family, member, cleaned, applied)
    elif code == ChangeKind.TRANSFER:
        moving: Member = cleaned["member"]
        _moved(family, [moving], places)
        if cleaned["spouse"] is not None:
            _married(family, moving, cleaned["spouse"])
    elif code == ChangeKind.SPLIT:
        assert applied.other_family is not None  # noqa: S101 - a split makes the new family
        _moved(applied.other_family, cleaned["leaving"], places)
        _relations_changed(family, applied, cleaned["staying"])
    elif code == ChangeKind.MERGE_FAMILIES:
        other: Family = cleaned["other"]
        _moved(family, cleaned["joining"], places)
        _relations_changed(family, applied, cleaned["staying"])
        record_change(
            Told.FAMILY_MERGED,
            family=other,
            details={
                "merged_into": family.family_id,
                "member_ids": sorted(m.member_id for m in cleaned["joining"]),
            },
        )
    else:
        raise ValueError(f"no feed rows defined for change kind {code}")
