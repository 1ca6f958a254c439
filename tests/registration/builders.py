"""Ready-made families for the registration tests: the Patels (head, wife, son)."""

from dataclasses import replace
from datetime import date
from typing import Any

from geography.models import Area
from officials.models import Official
from registration.data import AddressData, MemberData
from registration.models import Application
from registration.services import application_save_draft, application_submit
from registry.models import CasteCategory, Gender, MaritalStatus, Relation

HEAD_MOBILE = "9876543210"


def head(**changes: Any) -> MemberData:
    return replace(
        MemberData(
            name_hi="सुरेश पटेल",
            name_en="Suresh Patel",
            gender=Gender.MALE,
            date_of_birth=date(1980, 5, 1),
            relation=Relation.HEAD,
            father_or_husband_name="Mohan Patel",
            marital_status=MaritalStatus.MARRIED,
            mobile=HEAD_MOBILE,
            caste_category=CasteCategory.OBC,
        ),
        **changes,
    )


def wife(**changes: Any) -> MemberData:
    return replace(
        MemberData(
            name_hi="गीता पटेल",
            name_en="Geeta Patel",
            gender=Gender.FEMALE,
            date_of_birth=date(1984, 3, 10),
            relation=Relation.SPOUSE,
            father_or_husband_name="Suresh Patel",
            marital_status=MaritalStatus.MARRIED,
            caste_category=CasteCategory.OBC,
        ),
        **changes,
    )


def son(**changes: Any) -> MemberData:
    return replace(
        MemberData(
            name_hi="राहुल पटेल",
            name_en="Rahul Patel",
            gender=Gender.MALE,
            date_of_birth=date(2006, 1, 15),
            relation=Relation.SON,
            father_or_husband_name="Suresh Patel",
            marital_status=MaritalStatus.NEVER_MARRIED,
            caste_category=CasteCategory.OBC,
        ),
        **changes,
    )


def patels() -> list[MemberData]:
    return [head(), wife(), son()]


def address(area: Area, **changes: Any) -> AddressData:
    return replace(
        AddressData(area=area, house_number="12", locality="Nehru Nagar", pin_code="462001"),
        **changes,
    )


def draft(official: Official, area: Area, members: list[MemberData] | None = None) -> Application:
    return application_save_draft(
        actor=official,
        address=address(area),
        members=patels() if members is None else members,
    )


def submitted(
    official: Official, area: Area, members: list[MemberData] | None = None
) -> Application:
    return application_submit(actor=official, application=draft(official, area, members))
