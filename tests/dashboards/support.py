from django.db import transaction

from registry.feed import ChangeKind, record_change, record_member, record_move
from registry.models import Family, Member
from tests import factories as f


def register_family(area: object) -> Family:
    """A family and its head, with the feed row the registration service writes."""
    with transaction.atomic():
        family = f.FamilyFactory(area=area)
        f.MemberFactory(family=family)
        record_change(ChangeKind.FAMILY_REGISTERED, family=family)
    return family


def record_death(member: Member) -> None:
    with transaction.atomic():
        member.is_deceased = True
        member.save()
        record_member(ChangeKind.DEATH, member)


def record_birth(family: Family) -> Member:
    with transaction.atomic():
        member = f.MemberFactory(family=family)
        record_member(ChangeKind.BIRTH, member)
    return member


def migrate(family: Family, to_area: object) -> None:
    with transaction.atomic():
        from_area = family.area
        family.area = to_area
        family.save()
        record_move(ChangeKind.MIGRATED, family=family, from_area=from_area, to_area=to_area)
