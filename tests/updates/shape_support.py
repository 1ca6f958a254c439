"""Families for the tests of changes of shape (transfer, split, merge): the Vermas of a1
(tests.updates.support) receive Pooja Sharma, registered with her father Ramesh."""

from datetime import date
from typing import Any

from registry.models import Family, Gender, MaritalStatus, Member, Relation
from tests import factories as f
from tests.updates.support import bride_registered_with_her_parents, member
from updates.models import ChangeKind, ChangeRequest
from updates.services import change_request_submit


def pooja(area: Any) -> Member:
    """Pooja Sharma with her father Ramesh (head, mobile 9876500009) in a family of ``area``."""
    bride = bride_registered_with_her_parents(area)
    bride.family.members.filter(name_en="Ramesh Sharma").update(
        mobile="9876500009", date_of_birth=date(1975, 1, 1), birth_year=1975
    )
    return bride


def transfer_data(moving: Member, into: Family, **changes: Any) -> dict[str, Any]:
    data = {
        "member_id": moving.member_id,
        "from_family": moving.family.family_id,
        "relation": Relation.DAUGHTER_IN_LAW,
    }
    if "spouse" not in changes:  # Ravi Verma, when the Vermas receive her
        data["spouse"] = member(into, "Ravi Verma").member_id
    return {**data, **changes}


def transfer(actor: Any, into: Family, moving: Member, **changes: Any) -> ChangeRequest:
    return change_request_submit(
        actor=actor,
        family=into,
        kind=ChangeKind.TRANSFER,
        data=transfer_data(moving, into, **changes),
    )


def child(family: Family, name_en: str = "Chhotu Sharma", born: date = date(2015, 5, 5)) -> Member:
    return f.MemberFactory(
        family=family,
        name_hi="छोटू शर्मा",
        name_en=name_en,
        gender=Gender.MALE,
        relation=Relation.SON,
        date_of_birth=born,
        marital_status=MaritalStatus.NEVER_MARRIED,
    )


def vikas_household(family: Family) -> dict[str, Member]:
    """Vikas, the Vermas' elder son, his wife Neha and their son Golu, in the Vermas' family."""
    people = [
        ("विकास वर्मा", "Vikas Verma", Gender.MALE, Relation.SON, date(1998, 4, 4), "9876500020"),
        ("नेहा वर्मा", "Neha Verma", Gender.FEMALE, Relation.DAUGHTER_IN_LAW, date(2000, 8, 8), ""),
        ("गोलू वर्मा", "Golu Verma", Gender.MALE, Relation.GRANDCHILD, date(2022, 2, 2), ""),
    ]
    return {
        en.split()[0]: f.MemberFactory(
            family=family,
            name_hi=hi,
            name_en=en,
            gender=gender,
            relation=relation,
            date_of_birth=born,
            mobile=mobile,
        )
        for hi, en, gender, relation, born, mobile in people
    }


def split_data(family: Family, area: Any, leave: dict[str, str], **changes: Any) -> dict[str, Any]:
    """Members named in ``leave`` (by English name → relation in the new family) leave; the
    others stay with the relation they have."""
    data: dict[str, Any] = {"area": str(area.pk), "house_number": "12-B", "pin_code": "462002"}
    for m in family.members.all():
        data[f"move_{m.member_id}"] = "leave" if m.name_en in leave else "stay"
        data[f"relation_{m.member_id}"] = leave.get(m.name_en, m.relation)
    return {**data, **changes}


VIKAS_LEAVES = {
    "Vikas Verma": Relation.HEAD,
    "Neha Verma": Relation.SPOUSE,
    "Golu Verma": Relation.SON,
}


def split(actor: Any, family: Family, area: Any, leave: dict[str, str], **changes: Any) -> Any:
    return change_request_submit(
        actor=actor,
        family=family,
        kind=ChangeKind.SPLIT,
        data=split_data(family, area, leave, **changes),
    )


def grandparents(area: Any) -> Family:
    """Ajay Verma's parents, Ramlal (head, mobile 9876500030) and Kamla, registered as a family
    of their own in ``area``: the household registered twice that a merge joins."""
    family = f.FamilyFactory(area=area, house_number="7", pin_code="462001")
    people = [
        ("रामलाल वर्मा", "Ramlal Verma", Gender.MALE, Relation.HEAD, date(1950, 2, 2), "9876500030"),
        ("कमला वर्मा", "Kamla Verma", Gender.FEMALE, Relation.SPOUSE, date(1955, 3, 3), ""),
    ]
    for hi, en, gender, relation, born, mobile in people:
        f.MemberFactory(
            family=family,
            name_hi=hi,
            name_en=en,
            gender=gender,
            relation=relation,
            date_of_birth=born,
            mobile=mobile,
            marital_status=MaritalStatus.MARRIED,
        )
    return family


GRANDPARENTS_JOIN = {"Ramlal Verma": Relation.FATHER, "Kamla Verma": Relation.MOTHER}


def merge_data(
    family: Family, other: Family, joining: dict[str, str] | None = None, **changes: Any
) -> dict[str, Any]:
    """``other`` into ``family``: its members take the relations of ``joining`` (by English
    name), the family's own keep theirs unless named there."""
    named = GRANDPARENTS_JOIN if joining is None else joining
    data: dict[str, Any] = {"from_family": other.family_id}
    for m in [*family.members.all(), *other.members.all()]:
        data[f"relation_{m.member_id}"] = named.get(m.name_en, m.relation)
    return {**data, **changes}


def merge(
    actor: Any, family: Family, other: Family, joining: dict[str, str] | None = None, **changes: Any
) -> ChangeRequest:
    return change_request_submit(
        actor=actor,
        family=family,
        kind=ChangeKind.MERGE_FAMILIES,
        data=merge_data(family, other, joining, **changes),
    )
