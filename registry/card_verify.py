"""The family card's QR link (what it signs) and the public verify page's answer (what the
register says of a card now).

The answer shows no more than the card printed: the Family ID, the Member IDs, the names of the
members whose printed details have not changed since (the digests say which), the issue date
and the issuing authority. A member whose details changed shows its ID only, a member who left
the family is said to have left (not where to), and a retired ID says which ID it went to, as
every other page of the portal does (registry.selectors)."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from core.pdf import qr_link_svg
from geography.models import LocalBody
from registry.card_signing import CardInvalid, CardPayload, card_check_signature, card_sign, digest
from registry.models import Family, FamilyStatus, Member, MemberStatus
from registry.selectors import surviving_family_id, surviving_id


class Verdict(StrEnum):
    GENUINE = "genuine"
    NOT_GENUINE = "not_genuine"
    RETIRED = "retired"


@dataclass(frozen=True)
class CardMember:
    member_id: str
    name_hi: str = ""  # only when the member's printed details are unchanged
    name_en: str = ""
    changed: bool = False
    left: bool = False  # no longer in this family (or not in the register)
    merged_into: str | None = None
    merged_since: bool = False  # retired after the card was printed


@dataclass
class CardAnswer:
    verdict: Verdict
    reason: str = ""
    family_id: str = ""
    family_into: str | None = None
    issued_at: datetime | None = None
    local_body: LocalBody | None = None
    members: list[CardMember] = field(default_factory=list)
    outdated: bool = False


def family_digest(family: Family) -> bytes:
    """What the card prints about the family itself: its address and whether it is in use."""
    return digest(
        family.family_id,
        family.house_number,
        family.locality,
        family.village_id,
        family.area_id,
        family.pin_code,
        family.status,
    )


def member_digest(member: Member) -> bytes:
    """What the card prints about a member (its row of the card's table), and its family."""
    into = member.merged_into if member.status == MemberStatus.MERGED else None
    merged = into.member_id if into is not None else ""
    return digest(
        member.member_id,
        member.family_id,
        member.name_hi,
        member.name_en,
        member.relation,
        member.gender,
        member.date_of_birth,
        member.is_deceased,
        member.date_of_death,
        member.status if member.status in (MemberStatus.MERGED, MemberStatus.INACTIVE) else "",
        merged,
    )


def card_verify_url(
    request: HttpRequest, family: Family, members: list[Member], issued_at: datetime
) -> str:
    """The link the card's QR code holds: the verify page with the card as printed now."""
    payload = CardPayload(
        family_id=family.family_id,
        family_digest=family_digest(family),
        members=tuple((m.member_id, member_digest(m)) for m in members),
        issued_at=issued_at,
    )
    path = reverse("registry:card_verify", args=[card_sign(payload)])
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path)


def family_card_context(request: HttpRequest, family: Family) -> dict[str, Any]:
    """The family card template's context (pdf/family_card.html), with its signed QR link."""
    members = list(family.members.select_related("merged_into"))
    printed_at = timezone.now().replace(microsecond=0)
    url = card_verify_url(request, family, members, printed_at)
    return {
        "family": family,
        "members": members,
        "qr": qr_link_svg(url),
        "verify_url": url,
        "printed_at": printed_at,
        "issuer_hi": settings.CARD_ISSUER_HI,
        "issuer_en": settings.CARD_ISSUER_EN,
    }


def _member(card_digest: bytes, member: Member, family: Family) -> CardMember:
    unchanged = member_digest(member) == card_digest
    into = surviving_id(member) if member.status == MemberStatus.MERGED else None
    return CardMember(
        member_id=member.member_id,
        name_hi=member.name_hi if unchanged else "",
        name_en=member.name_en if unchanged else "",
        changed=not unchanged,
        left=member.family_id != family.pk,
        merged_into=into,
        merged_since=into is not None and not unchanged,
    )


def card_answer(text: str) -> CardAnswer:
    """What the register says of the card whose QR link carries ``text``."""
    try:
        payload = card_check_signature(text)
    except CardInvalid as invalid:
        return CardAnswer(verdict=Verdict.NOT_GENUINE, reason=invalid.reason)
    family = (
        Family.objects.select_related("area__local_body__district", "merged_into")
        .filter(family_id=payload.family_id)
        .first()
    )
    if family is None:  # signed by the portal, yet not in the register: treat as forged
        return CardAnswer(verdict=Verdict.NOT_GENUINE, reason="unknown_family")
    ids = [member_id for member_id, _ in payload.members]
    found = {
        m.member_id: m
        for m in Member.objects.filter(member_id__in=ids).select_related("merged_into")
    }
    members = [
        _member(card_digest, found[member_id], family)
        if member_id in found
        else CardMember(member_id, left=True)
        for member_id, card_digest in payload.members
    ]
    now = set(family.members.values_list("member_id", flat=True))
    address_unchanged = family_digest(family) == payload.family_digest
    family_into = surviving_family_id(family) if family.status == FamilyStatus.MERGED else None
    retired = family_into is not None or any(m.merged_since for m in members)
    return CardAnswer(
        verdict=Verdict.RETIRED if retired else Verdict.GENUINE,
        family_id=family.family_id,
        family_into=family_into,
        issued_at=payload.issued_at,
        # The local body that issued it: the family's own, unless the family has moved since.
        local_body=family.area.local_body if address_unchanged else None,
        members=members,
        outdated=(
            now != set(ids) or not address_unchanged or any(m.changed or m.left for m in members)
        ),
    )
