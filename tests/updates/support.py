"""A registered family for the update tests: the Vermas of area a1 (head, wife, son)."""

import re
from datetime import date
from typing import Any

from registry.models import CasteCategory, Family, Gender, MaritalStatus, Member, Relation
from tests import factories as f
from tests.conftest import World


def verma_family(world: World, area: Any = None) -> Family:
    family = f.FamilyFactory(area=area or world.a1, house_number="7", pin_code="462001")
    people = [
        ("अजय वर्मा", "Ajay Verma", Gender.MALE, Relation.HEAD, date(1980, 1, 15), "9876500001"),
        ("सुनीता वर्मा", "Sunita Verma", Gender.FEMALE, Relation.SPOUSE, date(1985, 6, 1), ""),
        ("रवि वर्मा", "Ravi Verma", Gender.MALE, Relation.SON, date(2008, 9, 9), ""),
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
            marital_status=MaritalStatus.MARRIED
            if relation != Relation.SON
            else MaritalStatus.NEVER_MARRIED,
            caste_category=CasteCategory.OBC,
        )
    return family


def member(family: Family, name_en: str) -> Member:
    return family.members.get(name_en=name_en)


def person_data(member: Member, **changes: Any) -> dict[str, Any]:
    """A member's details as a correction form sends them, with ``changes``."""
    data = {
        "name_hi": member.name_hi,
        "name_en": member.name_en,
        "gender": member.gender,
        "date_of_birth": member.date_of_birth.isoformat() if member.date_of_birth else "",
        "relation": member.relation,
        "father_or_husband_name": member.father_or_husband_name,
        "marital_status": member.marital_status,
        "mobile": member.mobile,
        "caste_category": member.caste_category,
        "has_disability": member.has_disability,
        "disability_kind": member.disability_kind,
    }
    return {**data, **changes}


def birth_data(mother: Member, **changes: Any) -> dict[str, Any]:
    data = {
        "name_hi": "आरती वर्मा",
        "name_en": "Aarti Verma",
        "gender": Gender.FEMALE,
        "date_of_birth": "2025-02-03",
        "relation": Relation.DAUGHTER,
        "caste_category": CasteCategory.OBC,
        "father_or_husband_name": "Ajay Verma",
        "mother": mother.member_id,
    }
    return {**data, **changes}


def newcomer_data(**changes: Any) -> dict[str, Any]:
    data = {
        "name_hi": "कमला वर्मा",
        "name_en": "Kamla Verma",
        "gender": Gender.FEMALE,
        "date_of_birth": "1955-03-03",
        "relation": Relation.MOTHER,
        "father_or_husband_name": "Ramlal Verma",
        "marital_status": MaritalStatus.WIDOWED,
        "caste_category": CasteCategory.OBC,
    }
    return {**data, **changes}


def preview_token(response: Any) -> str:
    """The signed change a preview page carries to its confirmation."""
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert found, response.content.decode()[:2000]
    return found.group(1)


def bride_registered_with_her_parents(area: Any) -> Member:
    """Pooja Sharma, registered with her parents' family before she married."""
    parents = f.FamilyFactory(area=area)
    f.MemberFactory(
        family=parents, name_hi="रमेश शर्मा", name_en="Ramesh Sharma", relation=Relation.HEAD
    )
    return f.MemberFactory(
        family=parents,
        name_hi="पूजा शर्मा",
        name_en="Pooja Sharma",
        gender=Gender.FEMALE,
        relation=Relation.DAUGHTER,
        date_of_birth=date(2004, 2, 2),
        father_or_husband_name="Ramesh Sharma",
        marital_status=MaritalStatus.NEVER_MARRIED,
    )


def marriage_data(family: Family, **changes: Any) -> dict[str, Any]:
    data = newcomer_data(
        name_en="Pooja Sharma",
        name_hi="पूजा शर्मा",
        date_of_birth="2004-02-02",
        relation=Relation.DAUGHTER_IN_LAW,
        father_or_husband_name="Ramesh Sharma",
        marital_status="",
        spouse=member(family, "Ravi Verma").member_id,
        date_of_marriage="2025-05-05",
    )
    return {**data, **changes}


def death_requested(world: World, family: Family, name_en: str) -> Any:
    """Alice's request to record the death of ``name_en`` on 1 January 2025 (a ChangeRequest)."""
    from updates.models import ChangeKind
    from updates.services import change_request_submit

    return change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=member(family, name_en),
        data={"date_of_death": "2025-01-01"},
    )


def death_recorded(world: World, family: Family, name_en: str) -> None:
    """The death of ``name_en`` asked for by alice and approved by carol."""
    from updates.services import change_request_approve

    change_request_approve(actor=world.carol, change=death_requested(world, family, name_en))
