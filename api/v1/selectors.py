"""Reads of the register for department clients: always narrowed to the client's districts,
and shaped to the field groups asked for and granted."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import DepartmentClient, Scope
from api.problems import ApiProblem
from api.services import require_area, require_scopes
from api.v1.schemas import (
    AddressOut,
    Contact,
    Disability,
    Ekyc,
    FamilyOut,
    FamilyStatusOut,
    Identity,
    MemberOut,
    MemberStatusOut,
    Place,
    Relationship,
    Social,
)
from core.prepared import PreparedQuery
from identity.models import MemberEkyc
from identity.vault import aadhaar_validate, vault_token_for
from registry.ids import is_valid_family_id, is_valid_member_id
from registry.models import Family, FamilyStatus, Member, MemberStatus
from registry.selectors import surviving_family_id, surviving_id

# Field groups a read may return, in the order of the answer.
READ_GROUPS = ["identity", "family", "social", "disability", "ekyc", "contact", "address"]
STATE = {
    MemberStatus.ACTIVE: "active",
    MemberStatus.TO_BE_DEACTIVATED: "notice",
    MemberStatus.INACTIVE: "inactive",
    MemberStatus.MERGED: "merged",
}
_PLACES = (
    "area__local_body__district",
    "village",
)


def groups_asked(client: DepartmentClient, fields: str) -> list[str]:
    """The field groups of ``fields`` (comma-separated), or every read group granted; an
    unknown group is 400, one not granted 403."""
    asked = [f.strip() for f in fields.split(",") if f.strip()]
    unknown = [f for f in asked if f not in READ_GROUPS]
    if unknown:
        raise ApiProblem(
            "unknown-field",
            _("Unknown field groups: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(unknown[:5]), "known": ", ".join(READ_GROUPS)},
        )
    if asked:
        require_scopes(client, *asked)
        return [g for g in READ_GROUPS if g in asked]
    granted = [g for g in READ_GROUPS if g in client.scopes]
    if not granted:
        require_scopes(client, "identity")
    return granted


def _family_query(family_id: str) -> Family:
    return (
        Family.objects.select_related(*_PLACES).filter(family_id=family_id).first()  # type: ignore[return-value]
    )


def member_for_client(client: DepartmentClient, member_id: str, *, in_use: bool = False) -> Member:
    if not is_valid_member_id(member_id):
        raise ApiProblem("invalid-id", _("A Member ID is 9 digits with a valid check digit."))
    member = (
        Member.objects.select_related(*(f"family__{p}" for p in _PLACES))
        .filter(member_id=member_id)
        .first()
    )
    if member is None:
        raise ApiProblem("not-found")
    require_area(client, member.family.area.local_body.district_id)
    if in_use and member.status == MemberStatus.MERGED:
        into = surviving_id(member)
        raise ApiProblem(
            "merged",
            _("Member ID %(old)s was merged into %(new)s.") % {"old": member_id, "new": into},
            merged_into=into,
        )
    return member


STATUS_COLUMNS = (
    "member_id",
    "family__family_id",
    "status",
    "merged_into_id",
    "is_deceased",
    "date_of_death",
    "family__area__local_body__district_id",
)
# The API's busiest read, written by the ORM once (core.prepared).
_MEMBER_STATUS = PreparedQuery(
    Member,
    1,
    lambda member_id: (
        Member.objects.filter(member_id=member_id).order_by().values_list(*STATUS_COLUMNS)[:1]
    ),
)


def member_status_for_client(
    client: DepartmentClient, member_id: str
) -> tuple[MemberStatusOut, str]:
    """Verify a Member ID (the API's busiest call): the answer and the member's Family ID, read
    as the seven values it needs in one query, not as five model rows."""
    if not is_valid_member_id(member_id):
        raise ApiProblem("invalid-id", _("A Member ID is 9 digits with a valid check digit."))
    rows = _MEMBER_STATUS.rows(member_id)
    if not rows:
        raise ApiProblem("not-found")
    found, family_id, status, merged_into_id, deceased, died_on, district_id = rows[0]
    require_area(client, district_id)
    merged = status == MemberStatus.MERGED
    retired = Member(member_id=found, status=status, merged_into_id=merged_into_id)
    answer = MemberStatusOut(
        member_id=found,
        family_id=family_id,
        status=STATE[MemberStatus(status)],  # type: ignore[arg-type]
        merged_into=surviving_id(retired) if merged else None,
        deceased=deceased,
        date_of_death=died_on,
    )
    return answer, family_id


def family_for_client(client: DepartmentClient, family_id: str, *, in_use: bool = False) -> Family:
    if not is_valid_family_id(family_id):
        raise ApiProblem("invalid-id", _("A Family ID is 8 digits."))
    family = _family_query(family_id)
    if family is None:
        raise ApiProblem("not-found")
    require_area(client, family.area.local_body.district_id)
    if in_use and family.status == FamilyStatus.MERGED:
        into = surviving_family_id(family)
        raise ApiProblem(
            "merged",
            _("Family ID %(old)s was merged into %(new)s.") % {"old": family_id, "new": into},
            merged_into=into,
        )
    return family


def member_status(member: Member) -> MemberStatusOut:
    return MemberStatusOut(
        member_id=member.member_id,
        family_id=member.family.family_id,
        status=STATE[MemberStatus(member.status)],  # type: ignore[arg-type]
        merged_into=surviving_id(member) if member.status == MemberStatus.MERGED else None,
        deceased=member.is_deceased,
        date_of_death=member.date_of_death,
    )


def family_status(family: Family) -> FamilyStatusOut:
    merged = family.status == FamilyStatus.MERGED
    return FamilyStatusOut(
        family_id=family.family_id,
        status="merged" if merged else "active",
        merged_into=surviving_family_id(family) if merged else None,
    )


def _place(place: object) -> Place:
    return Place(
        lgd_code=place.lgd_code,  # type: ignore[attr-defined]
        name_en=place.name_en,  # type: ignore[attr-defined]
        name_hi=place.name_hi,  # type: ignore[attr-defined]
    )


def _address(family: Family) -> AddressOut:
    area = family.area
    return AddressOut(
        house_number=family.house_number,
        locality=family.locality,
        pin_code=family.pin_code,
        district=_place(area.local_body.district),
        local_body=_place(area.local_body),
        area=_place(area),
        village=_place(family.village) if family.village_id else None,
    )


def _ekycs(members: list[Member]) -> dict[int, MemberEkyc]:
    return {
        e.member_id: e
        for e in MemberEkyc.objects.filter(member__in=[m.pk for m in members]).select_related(
            "vault_entry"
        )
    }


def _member_out(
    member: Member,
    groups: list[str],
    ekycs: dict[int, MemberEkyc],
    address: AddressOut | None,
    mothers: dict[int, str],
) -> MemberOut:
    out = MemberOut(
        member_id=member.member_id,
        family_id=member.family.family_id,
        status=STATE[MemberStatus(member.status)],  # type: ignore[arg-type]
    )
    if "identity" in groups:
        out.identity = Identity(
            name_en=member.name_en,
            name_hi=member.name_hi,
            gender=member.gender,  # type: ignore[arg-type]
            date_of_birth=member.date_of_birth,
            birth_year=member.birth_year,
            father_or_husband_name=member.father_or_husband_name,
            deceased=member.is_deceased,
            date_of_death=member.date_of_death,
        )
    if "family" in groups:
        out.family = Relationship(
            relation=member.relation, mother_member_id=mothers.get(member.mother_id or 0)
        )
    if "social" in groups:
        out.social = Social(
            marital_status=member.marital_status, caste_category=member.caste_category
        )
    if "disability" in groups:
        out.disability = Disability(
            has_disability=member.has_disability, disability_kind=member.disability_kind
        )
    if "ekyc" in groups:
        ekyc = ekycs.get(member.pk)
        out.ekyc = Ekyc(
            done=ekyc is not None,
            verified_on=timezone.localdate(ekyc.verified_at) if ekyc else None,
            aadhaar_last4=ekyc.vault_entry.last4 if ekyc else None,
        )
    if "contact" in groups:
        out.contact = Contact(mobile=member.mobile or None)
    if "address" in groups:
        out.address = address
    return out


def _mothers(members: list[Member]) -> dict[int, str]:
    ids = {m.mother_id for m in members if m.mother_id}
    if not ids:
        return {}
    return dict(Member.objects.filter(pk__in=ids).values_list("pk", "member_id"))


def member_out(member: Member, groups: list[str]) -> MemberOut:
    address = _address(member.family) if "address" in groups else None
    ekycs = _ekycs([member]) if "ekyc" in groups else {}
    mothers = _mothers([member]) if "family" in groups else {}
    return _member_out(member, groups, ekycs, address, mothers)


def family_out(family: Family, groups: list[str]) -> tuple[FamilyOut, list[str]]:
    """The family's answer and the member IDs it holds data of."""
    members = list(family.members.order_by("pk"))
    for m in members:
        m.family = family
    address = _address(family) if "address" in groups else None
    out = FamilyOut(
        family_id=family.family_id,
        status="active",
        registered_on=timezone.localdate(family.registered_at),
        address=address,
        members=None,
    )
    if "contact" in groups:
        living = [m for m in members if m.mobile and not m.is_deceased]
        living.sort(key=lambda m: (not m.is_head, m.pk))
        out.contact = Contact(mobile=living[0].mobile if living else None)
    if "family" not in groups:
        return out, []
    ekycs = _ekycs(members) if "ekyc" in groups else {}
    mothers = _mothers(members)
    out.members = [_member_out(m, groups, ekycs, None, mothers) for m in members]
    return out, [m.member_id for m in members]


def member_by_aadhaar(client: DepartmentClient, number: str) -> Member:
    try:
        number = aadhaar_validate(number)
    except ValidationError:
        raise ApiProblem(
            "invalid-id", _("An Aadhaar number is 12 digits with a valid check digit.")
        ) from None
    token = vault_token_for(number)
    ekyc = (
        MemberEkyc.objects.select_related(*(f"member__family__{p}" for p in _PLACES))
        .filter(vault_entry_id=token)
        .first()
        if token
        else None
    )
    if ekyc is None:
        raise ApiProblem("not-found")
    member = ekyc.member
    try:
        require_area(client, member.family.area.local_body.district_id)
    except ApiProblem:
        # Whether another district's member holds this Aadhaar is not the client's to know.
        raise ApiProblem("not-found") from None
    return member


__all__ = ["Scope"]
