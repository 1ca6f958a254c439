"""Search of the register for officials, always within their jurisdiction.

An ID or a mobile number is looked up exactly (indexed). A name, in either script, is reduced
to its blocking keys (registry.names) so that only members sharing a key are read (indexed,
capped at SCAN_LIMIT), and those are then ranked by how alike the names are (rapidfuzz), so
that Ramesh, Rames, रमेश and रामेश find each other."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone
from rapidfuzz import fuzz

from core.validators import normalize_indian_mobile
from geography.models import Area
from officials import jurisdiction
from officials.models import Official
from registry.models import Member
from registry.names import name_keys, normalize_name
from registry.selectors import retired_family_for_official

SCAN_LIMIT = 500  # members read for one name search at most
NAME_THRESHOLD = 75
FAMILY_ID = re.compile(r"\d{8}")
MEMBER_ID = re.compile(r"\d{9}")


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    area: Area | None = None
    age_from: int | None = None
    age_to: int | None = None
    gender: str = ""


def scoped_members(official: Official, query: SearchQuery, today: date) -> QuerySet[Member]:
    """The members the official may see, narrowed by the query's filters (not its text)."""
    members = jurisdiction.scope(official, Member.objects.all())
    if query.area is not None:
        members = members.filter(family__area=query.area)
    if query.gender:
        members = members.filter(gender=query.gender)
    # Ages from the year of birth: a person of age N was born in (year - N - 1, year - N].
    if query.age_from is not None:
        members = members.filter(birth_year__lte=today.year - query.age_from)
    if query.age_to is not None:
        members = members.filter(birth_year__gte=today.year - query.age_to - 1)
    # merged_into: a retired ID found answers where it went (registry/_member_status.html).
    return members.select_related("family__area", "merged_into")


def _name_score(wanted: str, name_latin: str, name_hi_latin: str, name_en: str) -> int:
    # The member's names as registry.search_columns stored them (normalize_name of each; the
    # Devanagari one empty when it reads as the Latin one): nothing is transliterated here.
    spellings = [name_latin or normalize_name(name_en)]
    if name_hi_latin:
        spellings.append(name_hi_latin)
    return round(max(fuzz.token_set_ratio(wanted, n) for n in spellings))


class RankedMembers(Sequence[Member]):
    """Members in the order of a ranking made on a few columns of each, read whole from the
    database a page at a time (a name search ranks up to SCAN_LIMIT; a page shows 25)."""

    def __init__(self, members: QuerySet[Member], ranked: list[int]) -> None:
        self.members = members
        self.ranked = ranked  # primary keys, best first

    def __len__(self) -> int:
        return len(self.ranked)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if isinstance(index, slice):
            wanted = self.ranked[index]
            found = self.members.in_bulk(wanted)
            return [found[pk] for pk in wanted if pk in found]
        return self[index : (index + 1) or None][0]

    def __iter__(self) -> Iterator[Member]:  # one query, not Sequence's one an item
        return iter(self[:])


def _digits(text: str) -> str:
    return text.replace(" ", "").removeprefix("+91")


def retired_family_searched(official: Official, query: SearchQuery) -> tuple[str, str] | None:
    """When the query is a retired Family ID within the official's jurisdiction: that ID and
    the one it was merged into, for the page to say where its members went."""
    digits = _digits(query.text)
    if not FAMILY_ID.fullmatch(digits):
        return None
    return retired_family_for_official(official, digits)


def members_search(official: Official, query: SearchQuery) -> RankedMembers | QuerySet[Member]:
    """Members matching the query within the official's jurisdiction, best first."""
    text = " ".join(query.text.split())
    members = scoped_members(official, query, timezone.localdate())
    digits = _digits(text)
    if FAMILY_ID.fullmatch(digits):
        return members.filter(family__family_id=digits).order_by("pk")
    if MEMBER_ID.fullmatch(digits):
        return members.filter(member_id=digits).order_by("pk")
    if digits.isdigit() and len(digits) >= 10:
        try:
            return members.filter(mobile=normalize_indian_mobile(digits)).order_by("pk")
        except Exception:  # not a mobile number: nothing matches
            return members.none()
    if not text:
        return members.order_by("family__family_id", "pk")
    wanted = normalize_name(text)
    candidates = name_candidates(members, text).values_list(
        "pk", "name_latin", "name_hi_latin", "name_en"
    )
    scored = [
        (score, pk)
        for pk, *names in candidates
        if (score := _name_score(wanted, *names)) >= NAME_THRESHOLD
    ]
    return RankedMembers(
        members, [pk for _score, pk in sorted(scored, key=lambda p: (-p[0], p[1]))]
    )


def name_candidates(members: QuerySet[Member], text: str) -> QuerySet[Member]:
    """The members read for a name search: those sharing one of the name's keys (index on
    name_key, family), at most SCAN_LIMIT."""
    keys = name_keys(text)
    if not keys:
        return members.none()
    return members.filter(name_key__in=keys).order_by("pk")[:SCAN_LIMIT]
