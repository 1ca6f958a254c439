"""Possible duplicates: people already in the register, or in another pending application, who
may be the same person as an applicant member.

**Blocks** (who is compared: registration.duplicate_blocks): several keys, so that no single
slip hides a pair. The applicant's own local body is searched first (one query for the whole
family, with the state-wide strong keys), then the rest of the district for those with no strong
candidate (one more). Pending applications of the district are one more query.

**Score**: registry.matching (the same as the statewide sweep's), from 0 to 100; at LIKELY or
more the person is likely the same.

**The same Aadhaar**: an applicant whose Aadhaar number the vault already holds keeps the entry's
token (registration.services); the registered member whose e-KYC holds that token, anywhere in
the state and whatever the names say, is the same person: shown first, at 100, with "aadhaar" in
its details. Read in the first query (one more block), not in a query of its own.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from geography.models import Area, LocalBody
from registration.duplicate_blocks import (
    YEAR_WINDOW,
    Row,
    local_blocks,
    member_of,
    pending_in_district,
    registered_in,
    state_blocks,
)
from registration.models import (
    Application,
    ApplicationMember,
    PossibleDuplicate,
)
from registry.matching import (
    LIKELY,
    SAME_NAME,
    Person,
    bits_of,
    evidence_bound,
    married,
    name_bits_bound,
    score,
)
from registry.models import Member
from registry.names import (
    Frequencies,
    WordCounts,
    member_keys,
    name_keys,
    name_words,
    words_similarity,
)
from registry.word_counts import word_counts

TOP_N = 5  # candidates kept per applicant member
SCORE_THRESHOLD = 25  # shown from this score (a probability of one person of 1 in 4)
# A candidate this likely, whose name agrees this well, is strong: the rest of the district
# is not searched for that applicant.
STRONG_SCORE = LIKELY
NAME_THRESHOLD = 80  # names this alike (0-100) are taken for one name
SAME_AADHAAR = 100  # the score of a registered member whose e-KYC holds the applicant's Aadhaar


@dataclass
class Candidate:
    score: int
    details: dict[str, int]
    member: Member | None = None
    pending: ApplicationMember | None = None
    sort_key: tuple[int, int] = field(default=(0, 0))
    row: "Row | None" = None  # a registered member as read: made a Member only if shown

    @property
    def is_likely(self) -> bool:
        return self.score >= LIKELY

    @property
    def same_aadhaar(self) -> bool:
        return "aadhaar" in self.details


def similarity(first: Iterable[str], second: Iterable[str]) -> int:
    """From 0 to 100: how alike the closest pair of names is, in whichever script each is written."""
    return round(
        100
        * max(
            (words_similarity(name_words(a), name_words(b)) for a in first for b in second),
            default=0.0,
        )
    )


def _words(*names: str) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(w for n in names if n and (w := name_words(n))))


def _applicant(m: ApplicationMember) -> Person:
    area = m.application.area
    return Person(
        names=_words(m.name_en, m.name_hi),
        relative=name_words(m.father_or_husband_name),
        gender=m.gender,
        date_of_birth=m.date_of_birth,
        birth_year=m.birth_year,
        mobile=m.mobile,
        district_id=area.local_body.district_id,
        local_body_id=area.local_body_id,
        area_id=area.pk,
        village_id=m.application.village_id,
        married=married(m.marital_status, m.relation),
    )


def _registered(row: Row) -> Person:
    """A member found by the search, from the stored columns."""
    return Person(
        names=_words(row.name_latin, row.name_hi_latin),
        relative=name_words(row.relative_latin),
        gender=row.gender,
        date_of_birth=row.date_of_birth,
        birth_year=row.birth_year,
        mobile=row.mobile,
        district_id=row.district_id,
        local_body_id=row.local_body_id,
        area_id=row.area_id,
        village_id=row.village_id,
        married=married(row.marital_status, row.relation),
        family_id=row.family_id,
        relation=row.relation,
    )


@dataclass
class _Search:
    """One applicant member: who they are and what a candidate must share with them."""

    applicant: ApplicationMember
    person: Person
    keys: list[str]
    relative_key: str
    found: dict[int, Candidate] = field(default_factory=dict)

    def shares_block(self, name_key: str, gender: str, birth_year: int | None) -> bool:
        year = self.person.birth_year
        return (
            name_key in self.keys
            and gender == self.applicant.gender
            and (year is None or birth_year is None or abs(birth_year - year) <= YEAR_WINDOW)
        )

    def is_strong(self) -> bool:
        return any(
            c.score >= STRONG_SCORE and c.details["name"] >= NAME_THRESHOLD
            for c in self.found.values()
        )


def _search(applicant: ApplicationMember) -> _Search:
    person = _applicant(applicant)
    keys = sorted(name_keys(applicant.name_en, applicant.name_hi))
    relative_key = member_keys("", "", applicant.father_or_husband_name).relative_key
    return _Search(applicant, person, keys, relative_key)


def _counts(
    searches: list[_Search], rows: list[Row], pending: list[ApplicationMember]
) -> WordCounts:
    """The register's counts of every word about to be compared (one query for those the
    process has not read yet)."""
    words: set[str] = set()
    for s in searches:
        words.update(w for name in s.person.names for w in name)
        words.update(s.person.relative)
    # A block of a common name holds the same few spellings hundreds of times: each once.
    texts = {text for row in rows for text in (row.name_latin, row.name_hi_latin)}
    texts.update(row.relative_latin for row in rows)
    for other in pending:
        texts.update((other.name_en, other.name_hi, other.father_or_husband_name))
    words.update(*map(name_words, texts))
    return word_counts(words)


def _score_members(
    searches: list[_Search], rows: list[Row], counts: Frequencies, exclude: Collection[int]
) -> None:
    """Score each row found for its applicant; a row that cannot reach SCORE_THRESHOLD whatever
    its name (registry.matching.evidence_bound) is not compared name by name: a common
    surname's block holds hundreds, and comparing names is the check's cost."""
    shown_from = bits_of(SCORE_THRESHOLD)
    bounds = [name_bits_bound(s.person, counts) for s in searches]
    for row in rows:
        s = searches[row.search]
        if row.id in s.found or row.id in exclude:
            continue
        other = _registered(row)
        if evidence_bound(s.person, other, counts, bounds[row.search]) < shown_from:
            continue
        total, details = score(s.person, other, counts)
        s.found[row.id] = Candidate(total, details, sort_key=(-total, row.id), row=row)


def _score_pending(
    searches: list[_Search], pending: list[ApplicationMember], counts: Frequencies
) -> None:
    for s in searches:
        for other in pending:
            if s.shares_block(other.name_key, other.gender, other.birth_year):
                total, details = score(s.person, _applicant(other), counts)
                s.found[-other.pk] = Candidate(
                    total, details, pending=other, sort_key=(-total, -other.pk)
                )


def _split_same_aadhaar(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(the rows of the blocks, the rows of the same Aadhaar with their search's index)."""
    blocks = [r for r in rows if r.search >= 0]
    same = [r._replace(search=-1 - r.search) for r in rows if r.search < 0]
    return blocks, same


def _score_same_aadhaar(
    searches: list[_Search], rows: list[Row], counts: Frequencies, exclude: Collection[int]
) -> None:
    """The same Aadhaar is the same person: at SAME_AADHAAR whatever the rest says (the parts'
    agreement is kept, for the side-by-side view), and first of all (its sort key)."""
    for row in rows:
        if row.id in exclude:
            continue
        s = searches[row.search]
        _total, details = score(s.person, _registered(row), counts)
        s.found[row.id] = Candidate(
            SAME_AADHAAR,
            {**details, "aadhaar": 100},
            sort_key=(-SAME_AADHAAR - 1, row.id),
            row=row,
        )


def _keep(candidate: Candidate) -> bool:
    """Shown from SCORE_THRESHOLD; a name that is not the same name is shown only with something
    else to compare (the relative or the birth): Ramesh Kumar with no date and no father may be
    any Ramesh."""
    details = candidate.details
    if candidate.same_aadhaar:
        return True
    return candidate.score >= SCORE_THRESHOLD and (
        "relative" in details or "age" in details or details["name"] >= SAME_NAME * 100
    )


def _local_and_state(lb: list[int]) -> Any:
    return lambda s: [*local_blocks(s, lb), *state_blocks(s)]


def family_candidates(
    applicants: Sequence[ApplicationMember], *, exclude: Collection[int] = ()
) -> list[list[Candidate]]:
    """For each member of one application, the best few people who may be them, best first;
    never the registered members of pk ``exclude`` (the people a change is about).

    One query for the applicant's local body and the state-wide strong keys, one more for the
    rest of the district when someone has no strong candidate yet, one for the district's
    pending applications and one for the words' counts."""
    if not applicants:
        return []
    searches = [_search(a) for a in applicants]
    here = searches[0].person
    rows, same = _split_same_aadhaar(
        registered_in(
            list(enumerate(searches)), _local_and_state([here.local_body_id]), aadhaar=True
        )
    )
    pending = pending_in_district(searches)
    counts = _counts(searches, [*rows, *same], pending)
    _score_same_aadhaar(searches, same, counts, exclude)
    _score_members(searches, rows, counts, exclude)
    weak = [(i, s) for i, s in enumerate(searches) if not s.is_strong()]
    if weak:
        others = list(
            LocalBody.objects.filter(district_id=here.district_id)
            .exclude(pk=here.local_body_id)
            .values_list("pk", flat=True)
        )
        if others:
            more = registered_in(weak, lambda s: local_blocks(s, others))
            if more:
                counts = _counts(searches, [*rows, *same, *more], pending)  # read: no query
            _score_members(searches, more, counts, exclude)
    _score_pending(searches, pending, counts)
    return [_shown(s) for s in searches]


def _shown(s: _Search) -> list[Candidate]:
    best = sorted(filter(_keep, s.found.values()), key=lambda c: c.sort_key)[:TOP_N]
    for c in best:
        if c.row is not None:
            c.member = member_of(c.row)
    return best


def find_candidates(applicant: ApplicationMember) -> list[Candidate]:
    """The best few people who may be ``applicant``, best first."""
    return family_candidates([applicant])[0]


def person_candidates(
    person: Mapping[str, Any], area: Area, village_id: int | None
) -> list[Candidate]:
    """The best few people who may be a person about to join a registered family at ``area``
    (a birth, a marriage, a member left out: updates.kinds.adding), best first. ``person``
    holds the member fields of the registration's rules (names, gender, dates, relative)."""
    fields = {f.name for f in ApplicationMember._meta.concrete_fields}
    applicant = ApplicationMember(
        application=Application(area=area, village_id=village_id),
        **{k: v for k, v in person.items() if k in fields and k not in ("id", "application")},
    )
    return find_candidates(applicant)


def refresh_possible_duplicates(application: Application) -> list[PossibleDuplicate]:
    """Look again for every member and store what is new; decisions already made stay, and
    undecided candidates that no longer match are dropped. Returns the new ones.

    Runs inside the caller's transaction, which holds the application's row lock."""
    members = list(
        application.members.select_related("application__area__local_body", "application")
    )
    new: list[PossibleDuplicate] = []
    for applicant, candidates in zip(members, family_candidates(members), strict=True):
        existing = {(d.member_id, d.pending_id): d for d in applicant.possible_duplicates.all()}
        current = set()
        for c in candidates:
            pair = (c.member.pk if c.member else None, c.pending.pk if c.pending else None)
            current.add(pair)
            kept = existing.get(pair)
            # An Aadhaar typed since the last look makes a known candidate certain.
            if (
                kept is not None
                and c.same_aadhaar
                and not kept.same_aadhaar
                and kept.decision == PossibleDuplicate.Decision.UNDECIDED
            ):
                kept.score, kept.details = c.score, c.details
                kept.save(update_fields=["score", "details"])
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
    members = list(application.members.select_related("application__area__local_body"))
    return [
        c
        for applicant, candidates in zip(members, family_candidates(members), strict=True)
        for c in candidates
        if (applicant.pk, c.member.pk if c.member else None, c.pending.pk if c.pending else None)
        not in decided
    ]
