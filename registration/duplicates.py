"""Possible duplicates: people already in the register, or in another pending application, who
may be the same person as an applicant member.

**Blocks** (who is compared): several keys, so that no single slip hides a pair — a registered
member is a candidate when they share the gender and one of: a name key (registry.names: of a
word carrying the name, in either script) as the first or the last word of their name, with a
birth year within ±2 (or none); the father's or husband's name key with that year; the exact
date of birth; the mobile. The applicant's own local body is searched first (one query for the
whole family, with the state-wide strong keys: the same date of birth and name key, the same
name and relative keys and year ±1, the same mobile), then the rest of the district for those
with no strong candidate (one more). A block is cut at BLOCK_LIMIT rows, the closest birth years
first (never by row order). Pending applications of the district are one more query.

**Score**: registry.matching (the same as the statewide sweep's), from 0 to 100; at LIKELY or
more the person is likely the same.

**The same Aadhaar**: an applicant whose Aadhaar number the vault already holds keeps the entry's
token (registration.services); the registered member whose e-KYC holds that token, anywhere in
the state and whatever the names say, is the same person: shown first, at 100, with "aadhaar" in
its details. Read in the first query (one more block), not in a query of its own.
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone

from geography.models import Area, LocalBody
from identity.models import MemberEkyc
from registration.models import (
    Application,
    ApplicationMember,
    ApplicationStatus,
    PossibleDuplicate,
)
from registry.matching import (
    LIKELY,
    SAME_NAME,
    Person,
    bits_of,
    evidence_bound,
    is_placeholder,
    married,
    name_bits_bound,
    score,
)
from registry.models import Family, Member, MemberStatus
from registry.names import (
    Frequencies,
    WordCounts,
    member_keys,
    name_keys,
    name_words,
    words_similarity,
)
from registry.word_counts import word_counts

YEAR_WINDOW = 2
BLOCK_LIMIT = 300  # rows read per applicant member, block and query at most
TOP_N = 5  # candidates kept per applicant member
SCORE_THRESHOLD = 25  # shown from this score (a probability of one person of 1 in 4)
# A candidate this likely, whose name agrees this well, is strong: the rest of the district
# is not searched for that applicant.
STRONG_SCORE = LIKELY
NAME_THRESHOLD = 80  # names this alike (0-100) are taken for one name
SAME_AADHAAR = 100  # the score of a registered member whose e-KYC holds the applicant's Aadhaar
PENDING = [ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED]


@dataclass
class Candidate:
    score: int
    details: dict[str, int]
    member: Member | None = None
    pending: ApplicationMember | None = None
    sort_key: tuple[int, int] = field(default=(0, 0))
    row: "_Row | None" = None  # a registered member as read: made a Member only if shown

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


class _Row(NamedTuple):
    """A registered member as the search reads them: what the comparison needs, nothing more."""

    search: int  # which applicant's block found them
    id: int
    family_id: int
    name_latin: str
    name_hi_latin: str
    relative_latin: str
    gender: str
    date_of_birth: date | None
    birth_year: int | None
    mobile: str
    marital_status: str
    relation: str
    local_body_id: int
    area_id: int
    village_id: int | None
    district_id: int


def _registered(row: _Row) -> Person:
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


# Names from the models and placeholders only; every value is a query parameter. Each block
# reads the member table alone (a subquery of one table is cheap to plan: with the joins in
# every block, planning a family's query took longer than running it), and the union of the
# blocks is joined once to the families and local bodies.
MEMBER_SELECT = (
    "SELECT %s AS i, m.id, m.family_id, m.name_latin, m.name_hi_latin, m.relative_latin, "  # noqa: S608
    "m.gender, m.date_of_birth, m.birth_year, m.mobile, m.marital_status, m.relation, "
    f"m.local_body_id FROM {Member._meta.db_table} m "
)
REGISTERED_SELECT = (
    "SELECT u.*, f.area_id, f.village_id, lb.district_id FROM ({blocks}) u "  # noqa: S608
    f"JOIN {Family._meta.db_table} f ON f.id = u.family_id "
    f"JOIN {LocalBody._meta.db_table} lb ON lb.id = u.local_body_id"
)
Param = int | str | date
# The row's member columns in the model's field order, as Model.from_db wants them.
MEMBER_COLUMNS = [f.attname for f in Member._meta.concrete_fields if f.attname in _Row._fields]


def _marks(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _row(values: tuple[Any, ...]) -> _Row:
    row = _Row(*values)
    if isinstance(row.date_of_birth, str):  # SQLite gives a raw cursor dates as text
        return row._replace(date_of_birth=date.fromisoformat(row.date_of_birth))
    return row


def _member(row: _Row) -> Member:
    """The member with the compared columns loaded (any other loads when first used)."""
    values = row._asdict()
    return Member.from_db(connection.alias, MEMBER_COLUMNS, [values[c] for c in MEMBER_COLUMNS])


class _Block(NamedTuple):
    where: str
    params: list[Param]


def _year_window(s: _Search, window: int = YEAR_WINDOW) -> _Block:
    year = s.person.birth_year
    if year is None:
        return _Block("", [])
    return _Block(
        " AND (m.birth_year BETWEEN %s AND %s OR m.birth_year IS NULL)",
        [year - window, year + window],
    )


def _local_blocks(s: _Search, local_body_ids: list[int]) -> list[_Block]:
    """The blocks within these local bodies (the indexes member_duplicate_search,
    member_surname_search, member_relative_search and member_birth_search serve them)."""
    place = f" AND m.gender = %s AND m.local_body_id IN ({_marks(local_body_ids)})"
    around: list[Param] = [s.applicant.gender, *local_body_ids]
    years = _year_window(s)
    blocks = []
    if s.keys:
        for column in ("name_key", "surname_key"):
            blocks.append(
                _Block(
                    f"m.{column} IN ({_marks(s.keys)}){place}{years.where}",
                    [*s.keys, *around, *years.params],
                )
            )
    if s.relative_key:
        blocks.append(
            _Block(
                f"m.relative_key = %s{place}{years.where}", [s.relative_key, *around, *years.params]
            )
        )
    if s.person.date_of_birth and not is_placeholder(s.person.date_of_birth):
        blocks.append(_Block(f"m.date_of_birth = %s{place}", [s.person.date_of_birth, *around]))
    return blocks


def _state_blocks(s: _Search) -> list[_Block]:
    """The strong keys, anywhere in the state: someone registered in another district (indexes
    member_birth_search, member_state_search, member_mobile)."""
    blocks = []
    gender = s.applicant.gender
    if s.keys and s.person.date_of_birth and not is_placeholder(s.person.date_of_birth):
        blocks.append(
            _Block(
                f"m.date_of_birth = %s AND m.gender = %s AND m.name_key IN ({_marks(s.keys)})",
                [s.person.date_of_birth, gender, *s.keys],
            )
        )
    if s.keys and s.relative_key and s.person.birth_year is not None:
        year = s.person.birth_year
        blocks.append(
            _Block(
                f"m.name_key IN ({_marks(s.keys)}) AND m.relative_key = %s "
                "AND m.birth_year BETWEEN %s AND %s AND m.gender = %s",
                [*s.keys, s.relative_key, year - 1, year + 1, gender],
            )
        )
    if s.person.mobile:
        blocks.append(_Block("m.mobile = %s AND m.gender = %s", [s.person.mobile, gender]))
    return blocks


def _aadhaar_blocks(s: _Search) -> list[_Block]:
    """The registered member whose e-KYC holds the applicant's Aadhaar (one at most: the
    e-KYC's token is unique), whatever their gender or place."""
    token = s.applicant.aadhaar_token_id
    if not token:
        return []
    ekyc = MemberEkyc._meta.db_table
    where = f"m.id IN (SELECT e.member_id FROM {ekyc} e WHERE e.aadhaar_token = %s)"  # noqa: S608
    return [_Block(where, [token])]


def _block_sql(index: int, s: _Search, block: _Block) -> tuple[str, list[Param]]:
    """One block of one applicant, at most BLOCK_LIMIT rows: the closest birth years first."""
    year = s.person.birth_year
    order = "m.id" if year is None else "abs(coalesce(m.birth_year, %s) - %s), m.id"
    order_params: list[Param] = [] if year is None else [year, year]
    sql = (
        f"SELECT * FROM ({MEMBER_SELECT}WHERE {block.where} AND m.status <> %s "  # noqa: S608
        f"ORDER BY {order} LIMIT %s) s"
    )
    # A retired Member ID is not a candidate: the one it was merged into is.
    return sql, [index, *block.params, MemberStatus.MERGED, *order_params, BLOCK_LIMIT]


def _registered_in(
    searches: Sequence[tuple[int, _Search]], blocks: Any, *, aadhaar: bool = False
) -> list[_Row]:
    """Registered members in one of the blocks of each of ``searches``, in one query. With
    ``aadhaar``, also the member of the same Aadhaar: their row's ``search`` is -1 - index
    (same_aadhaar_rows)."""
    parts: list[str] = []
    params: list[Param] = []
    for index, s in searches:
        found = [(index, block) for block in blocks(s)]
        if aadhaar:
            found += [(-1 - index, block) for block in _aadhaar_blocks(s)]
        for mark, block in found:
            sql, values = _block_sql(mark, s, block)
            parts.append(sql)
            params += values
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(REGISTERED_SELECT.format(blocks=" UNION ALL ".join(parts)), params)
        return [_row(values) for values in cursor.fetchall()]


def _pending_in_district(searches: list[_Search]) -> list[ApplicationMember]:
    """Members of the district's other pending applications in the block of one of the family
    (few: applications wait days, not years). One query; a second one loads those found."""
    first = searches[0]
    keys = sorted({k for s in searches for k in s.keys})
    if not keys:
        return []
    other = "" if first.applicant.application_id is None else " AND am.application_id <> %s"
    sql = (
        f"SELECT am.id, am.name_key, am.gender, am.birth_year "  # noqa: S608 - values as parameters
        f"FROM {ApplicationMember._meta.db_table} am "
        f"JOIN {Application._meta.db_table} a ON a.id = am.application_id "
        f"JOIN {Area._meta.db_table} ar ON ar.id = a.area_id "
        f"JOIN {LocalBody._meta.db_table} lb ON lb.id = ar.local_body_id "
        f"WHERE am.name_key IN ({_marks(keys)}) "
        f"AND a.status IN ({_marks(PENDING)}) AND lb.district_id = %s{other}"
    )
    params: list[Param] = [*keys, *PENDING, first.person.district_id]
    if other:
        params.append(first.applicant.application_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [
            pk for pk, *block in cursor.fetchall() if any(s.shares_block(*block) for s in searches)
        ]
    if not ids:
        return []
    return list(
        ApplicationMember.objects.filter(pk__in=sorted(ids)[: BLOCK_LIMIT * len(searches)])
        .select_related("application__area__local_body")
        .order_by("pk")
    )


def _counts(
    searches: list[_Search], rows: list[_Row], pending: list[ApplicationMember]
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
    searches: list[_Search], rows: list[_Row], counts: Frequencies, exclude: Collection[int]
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


def _split_same_aadhaar(rows: list[_Row]) -> tuple[list[_Row], list[_Row]]:
    """(the rows of the blocks, the rows of the same Aadhaar with their search's index)."""
    blocks = [r for r in rows if r.search >= 0]
    same = [r._replace(search=-1 - r.search) for r in rows if r.search < 0]
    return blocks, same


def _score_same_aadhaar(
    searches: list[_Search], rows: list[_Row], counts: Frequencies, exclude: Collection[int]
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
    return lambda s: [*_local_blocks(s, lb), *_state_blocks(s)]


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
        _registered_in(
            list(enumerate(searches)), _local_and_state([here.local_body_id]), aadhaar=True
        )
    )
    pending = _pending_in_district(searches)
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
            more = _registered_in(weak, lambda s: _local_blocks(s, others))
            if more:
                counts = _counts(searches, [*rows, *same, *more], pending)  # read: no query
            _score_members(searches, more, counts, exclude)
    _score_pending(searches, pending, counts)
    return [_shown(s) for s in searches]


def _shown(s: _Search) -> list[Candidate]:
    best = sorted(filter(_keep, s.found.values()), key=lambda c: c.sort_key)[:TOP_N]
    for c in best:
        if c.row is not None:
            c.member = _member(c.row)
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
