"""The API's answers. Each field group is an object present only when asked for and granted;
no schema has a field for an Aadhaar number (``ekyc`` gives the masked last four)."""

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field

MemberState = Literal["active", "notice", "inactive", "merged"]


class Problem(Schema):
    """RFC 9457 problem details (application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str = Field(..., description="Stable code of the problem; see the reference page.")


class MemberStatusOut(Schema):
    member_id: str
    family_id: str
    status: MemberState = Field(
        ...,
        description="active; notice (to be deactivated after an objection period, still "
        "active); inactive; merged (retired: see merged_into).",
    )
    merged_into: str | None = Field(None, description="For a retired ID: the Member ID in use.")
    deceased: bool
    date_of_death: date | None = None


class FamilyStatusOut(Schema):
    family_id: str
    status: Literal["active", "merged"]
    merged_into: str | None = Field(None, description="For a retired ID: the Family ID in use.")


class Identity(Schema):
    name_en: str
    name_hi: str
    gender: Literal["F", "M", "T"]
    date_of_birth: date | None
    birth_year: int | None
    father_or_husband_name: str
    deceased: bool
    date_of_death: date | None


class Relationship(Schema):
    relation: str = Field(..., description="Relation to the head of the family.")
    mother_member_id: str | None


class Social(Schema):
    marital_status: str
    caste_category: str


class Disability(Schema):
    has_disability: bool
    disability_kind: str


class Ekyc(Schema):
    done: bool
    verified_on: date | None
    aadhaar_last4: str | None = Field(None, description="Masked: only the last four digits.")


class Contact(Schema):
    mobile: str | None


class Place(Schema):
    lgd_code: str
    name_en: str
    name_hi: str


class AddressOut(Schema):
    house_number: str
    locality: str
    pin_code: str
    district: Place
    local_body: Place
    area: Place
    village: Place | None


class MemberOut(Schema):
    member_id: str
    family_id: str
    status: MemberState
    identity: Identity | None = None
    family: Relationship | None = None
    social: Social | None = None
    disability: Disability | None = None
    ekyc: Ekyc | None = None
    contact: Contact | None = None
    address: AddressOut | None = None


class FamilyOut(Schema):
    family_id: str
    status: Literal["active"]
    registered_on: date
    address: AddressOut | None = None
    contact: Contact | None = None
    members: list[MemberOut] | None = Field(
        None, description="With the family scope: every member, the deceased and retired too."
    )
