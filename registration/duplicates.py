"""Possible duplicates: people already in the register, or in another pending application, who
may be the same person as an applicant member.

The search never reads a whole table. Candidates must share a name key (registry.names: the
first letters of a word of the name, spelled roughly), the gender, the district and a birth year
within ±2; the composite indexes on (name_key, gender, birth_year) find them, and a hard limit
caps each query. Only then are names compared closely (rapidfuzz) and the rest scored.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from rapidfuzz import fuzz

from registration.models import (
    Application,
    ApplicationMember,
    ApplicationStatus,
    PossibleDuplicate,
)
from registry.models import Member
from registry.names import name_keys, normalize_name

YEAR_WINDOW = 2
SCAN_LIMIT = 300  # rows read per query at most; a name key is far more selective than this
TOP_N = 5  # candidates kept per applicant member
NAME_THRESHOLD = 80
SCORE_THRESHOLD = 60
WEIGHTS = {"name": 50, "relative": 20, "age": 20, "place": 10}
PENDING = [ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED]


@dataclass(frozen=True)
class Person:
    """The parts of a person the comparison looks at."""

    names: tuple[str, ...]
    relative: str
    date_of_birth: date | None
    birth_year: int | None
    district_id: int
    local_body_id: int
    area_id: int
    village_id: int | None


@dataclass
class Candidate:
    score: int
    details: dict[str, int]
    member: Member | None = None
    pending: ApplicationMember | None = None
    sort_key: tuple[int, int] = field(default=(0, 0))


def similarity(first: Iterable[str], second: Iterable[str]) -> int:
    """From 0 to 100: how alike the closest pair of names is, in whichever script each is written."""
    a = {normalize_name(n) for n in first} - {""}
    b = {normalize_name(n) for n in second} - {""}
    return round(max((fuzz.token_sort_ratio(x, y) for x in a for y in b), default=0))


def _age_score(a: Person, b: Person) -> int | None:
    if a.date_of_birth and b.date_of_birth and a.date_of_birth == b.date_of_birth:
        return 100
    if a.birth_year is None or b.birth_year is None:
        return None
    return max(0, 100 - 30 * abs(a.birth_year - b.birth_year))


def _place_score(a: Person, b: Person) -> int:
    if (a.village_id and a.village_id == b.village_id) or a.area_id == b.area_id:
        return 100
    if a.local_body_id == b.local_body_id:
        return 60
    return 30 if a.district_id == b.district_id else 0


def score(a: Person, b: Person) -> tuple[int, dict[str, int]]:
    """The overall score and its parts; parts unknown on either side do not count."""
    parts: dict[str, int | None] = {
        "name": similarity(a.names, b.names),
        "relative": similarity([a.relative], [b.relative]) if a.relative and b.relative else None,
        "age": _age_score(a, b),
        "place": _place_score(a, b),
    }
    known = {k: v for k, v in parts.items() if v is not None}
    total = sum(WEIGHTS[k] * v for k, v in known.items()) / sum(WEIGHTS[k] for k in known)
    return round(total), known


def _applicant(m: ApplicationMember) -> Person:
    area = m.application.area
    return Person(
        names=(m.name_en, m.name_hi),
        relative=m.father_or_husband_name,
        date_of_birth=m.date_of_birth,
        birth_year=m.birth_year,
        district_id=area.local_body.district_id,
        local_body_id=area.local_body_id,
        area_id=area.pk,
        village_id=m.application.village_id,
    )


def _registered(m: Member) -> Person:
    area = m.family.area
    return Person(
        names=(m.name_en, m.name_hi),
        relative=m.father_or_husband_name,
        date_of_birth=m.date_of_birth,
        birth_year=m.birth_year,
        district_id=area.local_body.district_id,
        local_body_id=area.local_body_id,
        area_id=area.pk,
        village_id=m.family.village_id,
    )


def _year_filter(birth_year: int | None) -> Q:
    if birth_year is None:
        return Q()
    window = (birth_year - YEAR_WINDOW, birth_year + YEAR_WINDOW)
    # A legacy record without any birth year cannot be ruled out by age.
    return Q(birth_year__range=window) | Q(birth_year__isnull=True)


def _registered_nearby(applicant: ApplicationMember, person: Person) -> QuerySet[Member]:
    return (
        Member.objects.filter(
            _year_filter(person.birth_year),
            name_key__in=name_keys(*person.names),
            gender=applicant.gender,
            family__area__local_body__district_id=person.district_id,
        )
        .select_related("family__area__local_body")
        .order_by("pk")[:SCAN_LIMIT]
    )


def _pending_nearby(applicant: ApplicationMember, person: Person) -> QuerySet[ApplicationMember]:
    return (
        ApplicationMember.objects.filter(
            _year_filter(person.birth_year),
            name_key__in=name_keys(*person.names),
            gender=applicant.gender,
            application__area__local_body__district_id=person.district_id,
            application__status__in=PENDING,
        )
        .exclude(application_id=applicant.application_id)
        .select_related("application__area__local_body")
        .order_by("pk")[:SCAN_LIMIT]
    )


def _keep(candidate: Candidate) -> bool:
    return candidate.details["name"] >= NAME_THRESHOLD and candidate.score >= SCORE_THRESHOLD


def find_candidates(applicant: ApplicationMember) -> list[Candidate]:
    """The best few people who may be ``applicant``, best first (two bounded queries)."""
    person = _applicant(applicant)
    found: list[Candidate] = []
    for member in _registered_nearby(applicant, person):
        total, details = score(person, _registered(member))
        found.append(Candidate(total, details, member=member, sort_key=(-total, member.pk)))
    for other in _pending_nearby(applicant, person):
        total, details = score(person, _applicant(other))
        found.append(Candidate(total, details, pending=other, sort_key=(-total, -other.pk)))
    return sorted(filter(_keep, found), key=lambda c: c.sort_key)[:TOP_N]


def refresh_possible_duplicates(application: Application) -> list[PossibleDuplicate]:
    """Look again for every member and store what is new; decisions already made stay, and
    undecided candidates that no longer match are dropped. Returns the new ones.

    Runs inside the caller's transaction, which holds the application's row lock."""
    members = list(
        application.members.select_related("application__area__local_body", "application")
    )
    new: list[PossibleDuplicate] = []
    for applicant in members:
        existing = {(d.member_id, d.pending_id): d for d in applicant.possible_duplicates.all()}
        current = set()
        for c in find_candidates(applicant):
            pair = (c.member.pk if c.member else None, c.pending.pk if c.pending else None)
            current.add(pair)
            if pair not in existing:
                new.append(
                    PossibleDuplicate(
                        application=application,
                        applicant=applicant,
                        member=c.member,
                        pending=c.pending,
                        score=c.score,
                        details=c.details,
                        found_at=timezone.now(),
                    )
                )
        stale = [
            d.pk
            for pair, d in existing.items()
            if pair not in current and d.decision == PossibleDuplicate.Decision.UNDECIDED
        ]
        PossibleDuplicate.objects.filter(pk__in=stale).delete()
    PossibleDuplicate.objects.bulk_create(new)
    return new


def undecided_candidates(application: Application) -> list[Candidate]:
    """Candidates found now that have no "not a duplicate" decision yet (at approval)."""
    decided = set(
        application.possible_duplicates.filter(
            decision=PossibleDuplicate.Decision.NOT_DUPLICATE
        ).values_list("applicant_id", "member_id", "pending_id")
    )
    members = application.members.select_related("application__area__local_body")
    return [
        c
        for applicant in members
        for c in find_candidates(applicant)
        if (applicant.pk, c.member.pk if c.member else None, c.pending.pk if c.pending else None)
        not in decided
    ]
