"""Writes to the register itself."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from audit.services import audit_record
from geography.models import Area, Village
from officials.models import Official
from registry import ids
from registry.feed import record_change
from registry.models import ChangeKind, Family, Member


@dataclass(frozen=True)
class NewMember:
    """One verified person entering the register."""

    name_hi: str
    name_en: str
    gender: str
    relation: str
    date_of_birth: date | None = None
    birth_year: int | None = None
    father_or_husband_name: str = ""
    marital_status: str = ""
    mobile: str = ""
    caste_category: str = ""
    has_disability: bool = False
    disability_kind: str = ""


@dataclass(frozen=True)
class NewFamily:
    area: Area
    members: Sequence[NewMember]
    village: Village | None = None
    house_number: str = ""
    locality: str = ""
    pin_code: str = ""


def _insert_family(data: NewFamily, family_id: str) -> Family:
    return Family.objects.create(
        family_id=family_id,
        area=data.area,
        village=data.village,
        house_number=data.house_number,
        locality=data.locality,
        pin_code=data.pin_code,
    )


def _insert_member(family: Family, data: NewMember, member_id: str) -> Member:
    member = Member(member_id=member_id, family=family, **data.__dict__)
    member.save()
    return member


def family_create_verified(*, actor: Official, data: NewFamily) -> tuple[Family, list[Member]]:
    """Put a verified family into the register with a new Family ID and a Member ID each.

    The caller has already decided that ``actor`` may do this (the verification of an
    application) and runs inside its own transaction; the audit row joins it.
    """
    family = ids.insert_with_unique_id(
        lambda family_id: _insert_family(data, family_id), ids.random_family_id
    )
    members = [
        ids.insert_with_unique_id(
            lambda member_id, m=m: _insert_member(family, m, member_id), ids.random_member_id
        )
        for m in data.members
    ]
    audit_record(
        actor=actor,
        event_type="family.registered",
        subject=family,
        area=data.area,
        changes={
            "family_id": [None, family.family_id],
            "members": [None, sorted(m.member_id for m in members)],
        },
    )
    record_change(
        ChangeKind.FAMILY_REGISTERED,
        family=family,
        area=data.area,
        details={"member_ids": sorted(m.member_id for m in members)},
    )
    return family, members
