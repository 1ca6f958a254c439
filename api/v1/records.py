"""Verify an ID, read a family or a member within the client's scopes and districts, and find
a Member ID by an Aadhaar number the department already holds."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from api.auth import client_of, request_id
from api.services import log_reads, require_purpose, require_scopes
from api.v1 import selectors
from api.v1.schemas import FamilyOut, FamilyStatusOut, MemberOut, MemberStatusOut, Problem
from ops.replicas import replica_reads_on_get

router = Router(tags=["records"])

PURPOSE_HELP = "One of the purposes registered for the client, e.g. old-age-pension-eligibility."
FIELDS_HELP = (
    "Comma-separated field groups to return (identity, family, address, ekyc, disability, "
    "contact, social); all those granted when omitted."
)
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 410: Problem, 429: Problem}


def scope(*needed: str) -> dict[str, list[str]]:
    """The operation's ``x-scope`` in the schema: it needs one of these scopes (a read needs
    one of the field groups it returns). The authorisation matrix (tests/api) reads it."""
    return {"x-scope": list(needed)}


@router.get(
    "/members/{member_id}/status",
    response={200: MemberStatusOut, **ERRORS},
    summary="Verify a Member ID",
    openapi_extra=scope("identity"),
)
@replica_reads_on_get
def member_status(
    request: HttpRequest, member_id: str, purpose: str = Query(..., description=PURPOSE_HELP)
) -> MemberStatusOut:
    """Whether a Member ID exists and is in use: active, under notice of deactivation,
    inactive, merged into another ID (named), deceased. Needs the ``identity`` scope."""
    client = client_of(request)
    require_scopes(client, "identity")
    require_purpose(client, purpose)
    answer, family_id = selectors.member_status_for_client(client, member_id)
    log_reads(
        client,
        purpose=purpose,
        operation="member.status",
        scopes=["identity"],
        families=[(family_id, [answer.member_id])],
        request_id=request_id(request),
    )
    return answer


@router.get(
    "/families/{family_id}/status",
    response={200: FamilyStatusOut, **ERRORS},
    summary="Verify a Family ID",
    openapi_extra=scope("identity"),
)
@replica_reads_on_get
def family_status(
    request: HttpRequest, family_id: str, purpose: str = Query(..., description=PURPOSE_HELP)
) -> FamilyStatusOut:
    """Whether a Family ID exists and is in use, or was merged into another (named). Needs the
    ``identity`` scope."""
    client = client_of(request)
    require_scopes(client, "identity")
    require_purpose(client, purpose)
    family = selectors.family_for_client(client, family_id)
    log_reads(
        client,
        purpose=purpose,
        operation="family.status",
        scopes=["identity"],
        families=[(family.family_id, [])],
        request_id=request_id(request),
    )
    return selectors.family_status(family)


class AadhaarLookupIn(Schema):
    aadhaar: str = Field(..., description="The 12-digit Aadhaar number the department holds.")
    purpose: str = Field(..., description=PURPOSE_HELP)


class AadhaarLookupOut(Schema):
    member_id: str


# Before /members/{member_id}: Django tries the URLs in order, and that GET-only one would
# take this path too (and answer its POST 405).
@router.post(
    "/members/lookup-by-aadhaar",
    response={200: AadhaarLookupOut, **ERRORS},
    summary="Find a Member ID by Aadhaar",
    openapi_extra=scope("aadhaar-lookup"),
)
def member_by_aadhaar(request: HttpRequest, body: AadhaarLookupIn) -> AadhaarLookupOut:
    """The Member ID of the member whose e-KYC used this Aadhaar number, found through the
    vault's keyed lookup hash. The number is neither stored nor logged; the answer is only the
    Member ID. 404 when no member of the client's districts has done e-KYC with it."""
    client = client_of(request)
    require_scopes(client, "aadhaar-lookup")
    require_purpose(client, body.purpose)
    member = selectors.member_by_aadhaar(client, body.aadhaar)
    log_reads(
        client,
        purpose=body.purpose,
        operation="member.aadhaar_lookup",
        scopes=["aadhaar-lookup"],
        families=[(member.family.family_id, [member.member_id])],
        request_id=request_id(request),
    )
    return AadhaarLookupOut(member_id=member.member_id)


@router.get(
    "/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    summary="Read a member",
    openapi_extra=scope(*selectors.READ_GROUPS),
)
@replica_reads_on_get
def member_read(
    request: HttpRequest,
    member_id: str,
    purpose: str = Query(..., description=PURPOSE_HELP),
    fields: str = Query("", description=FIELDS_HELP),
) -> MemberOut:
    """A member's data in the field groups asked for (and granted). A retired Member ID
    answers 410 with ``merged_into``."""
    client = client_of(request)
    groups = selectors.groups_asked(client, fields)
    require_purpose(client, purpose)
    member = selectors.member_for_client(client, member_id, in_use=True)
    out = selectors.member_out(member, groups)
    log_reads(
        client,
        purpose=purpose,
        operation="member.read",
        scopes=groups,
        families=[(member.family.family_id, [member.member_id])],
        request_id=request_id(request),
    )
    return out


@router.get(
    "/families/{family_id}",
    response={200: FamilyOut, **ERRORS},
    summary="Read a family",
    openapi_extra=scope(*selectors.READ_GROUPS),
)
@replica_reads_on_get
def family_read(
    request: HttpRequest,
    family_id: str,
    purpose: str = Query(..., description=PURPOSE_HELP),
    fields: str = Query("", description=FIELDS_HELP),
) -> FamilyOut:
    """A family and (with the ``family`` scope) its members, in the field groups asked for and
    granted. A retired Family ID answers 410 with ``merged_into``."""
    client = client_of(request)
    groups = selectors.groups_asked(client, fields)
    require_purpose(client, purpose)
    family = selectors.family_for_client(client, family_id, in_use=True)
    out, member_ids = selectors.family_out(family, groups)
    log_reads(
        client,
        purpose=purpose,
        operation="family.read",
        scopes=groups,
        families=[(family.family_id, member_ids)],
        request_id=request_id(request),
    )
    return out
