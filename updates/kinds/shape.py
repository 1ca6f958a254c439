"""What the kinds that change a family's shape (transfer, split, merge) share: who may move,
what a family must keep when members leave it, and the audit rows that tell each member's
history where they came from and went.

A family the change leaves behind must keep a living member, and an adult among them when it
keeps children: a family of children only has nobody to answer for it (ration, pension, the
mobile the SMS go to). Only the problems a change brings are reported, as elsewhere
(updates.kinds.people): a family that already breaks a rule is not stopped from every change.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import Family, FamilyStatus, Member, MemberStatus
from registry.selectors import is_living, surviving_id
from updates.kinds.base import Errors, add

ADULT_AGE = 18
# What two open changes of shape must not share: a member moving twice, a family split and
# merged at once (updates.services checks these across families, at submission).
SHAPE_KINDS = ("TRANSFER", "SPLIT", "MERGE_FAMILIES")


def age_on(member: Member, today: date) -> int | None:
    """Full years on ``today``, from the date of birth or else the year of birth; None unknown."""
    born = member.date_of_birth
    if born is not None:
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if member.birth_year is not None:
        return today.year - member.birth_year
    return None


def is_adult(member: Member, today: date) -> bool:
    """An adult, or of unknown age (which never blocks a change: nobody can tell)."""
    years = age_on(member, today)
    return years is None or years >= ADULT_AGE


def living(family: Family) -> list[Member]:
    return [m for m in family.members.all() if is_living(m)]


def check_movable(member: Member, errors: Errors, field: str) -> None:
    """Only a living member whose ID is in use moves between families."""
    if member.is_deceased:
        add(errors, field, _("This member's death is recorded: a deceased member is not moved."))
    elif member.status == MemberStatus.MERGED:
        add(
            errors,
            field,
            _("Member ID %(id)s is retired: it was merged into %(into)s. Use %(into)s.")
            % {"id": member.member_id, "into": surviving_id(member) or "—"},
        )
    elif member.status != MemberStatus.ACTIVE:
        add(
            errors,
            field,
            _(
                "Member ID %(id)s is inactive or under a deactivation notice: reactivate it or "
                "withdraw the notice before moving it."
            )
            % {"id": member.member_id},
        )


def check_family_in_use(family: Family, errors: Errors, field: str) -> None:
    if family.status == FamilyStatus.MERGED:
        into = family.merged_into.family_id if family.merged_into_id else "—"  # type: ignore[union-attr]
        add(
            errors,
            field,
            _("Family ID %(id)s is retired: it was merged into %(into)s. Use %(into)s.")
            % {"id": family.family_id, "into": into},
        )


def check_left_behind(
    family: Family, leaving: Iterable[Member], errors: Errors, field: str
) -> None:
    """The family keeps a living member, and an adult if it keeps a child, once ``leaving``
    have left."""
    gone = {m.pk for m in leaving}
    before = living(family)
    after = [m for m in before if m.pk not in gone]
    today = timezone.localdate()
    if not after:
        add(
            errors,
            field,
            _(
                "Family %(id)s would be left without a living member. Merge the two families "
                "instead."
            )
            % {"id": family.family_id},
        )
    elif any(is_adult(m, today) for m in before) and not any(is_adult(m, today) for m in after):
        add(
            errors,
            field,
            _(
                "Family %(id)s would be left with children only, without an adult. Move the "
                "children too, or let an adult stay with them."
            )
            % {"id": family.family_id},
        )


def open_migration_refusal(family: Family) -> Any:
    """Why the family cannot change shape now, if a migration of it waits for a decision."""
    from migration.selectors import open_migration_for

    pending = open_migration_for(family)
    if pending is None:
        return None
    return _(
        "Migration request %(number)s of family %(id)s is waiting for a decision. Its members "
        "can be moved after that request is decided."
    ) % {"number": pending.number, "id": family.family_id}


def open_shape_changes(families: Iterable[Family], members: Iterable[Member]) -> Q:
    """The open requests a change of shape must not run beside: any about these members, and
    any change of shape of these families."""
    family_pks = [f.pk for f in families]
    return Q(member__in=[m.pk for m in members]) | Q(kind__in=SHAPE_KINDS) & (
        Q(family__in=family_pks) | Q(other_family__in=family_pks)
    )


def move(member: Member, into: Family, relation: str) -> dict[str, list[Any]]:
    """``member`` into family ``into`` with ``relation`` to its head: the same row, so the
    Member ID, e-KYC, mobile and history go with them."""
    changes = {"family_id": [member.family.family_id, into.family_id]}
    if member.relation != relation:
        changes["relation"] = [member.relation, relation]
    member.family = into
    member.relation = relation
    member.save(update_fields=["family", "relation"])
    return changes
