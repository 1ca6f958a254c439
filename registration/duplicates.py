"""Possible duplicates: people already in the register, or in another pending application, who
may be the same person as an applicant member.

The search never reads a whole table, and looks at a whole family at once. Candidates must share
a name key (registry.names: the first letters of a word of the name, spelled roughly), the
gender and a birth year within ±2. Registered members are looked for in the applicant's own
local body first (one query for the family, served by the index on name key, gender, local body
and birth year); only for applicants with no strong candidate there is the rest of the district
searched (two more queries). Pending applications of the district are one more query. A limit
caps each query. Names are compared in the rough Latin spelling stored with each member
(registry.search_columns), all of a candidate set in one rapidfuzz call; the rest is scored
only for those whose name is close.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import permutations
from typing import Any, NamedTuple

from django.db import connection
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from geography.models import Area, LocalBody
from registration.models import (
    Application,
    ApplicationMember,
    ApplicationStatus,
    PossibleDuplicate,
)
from registry.models import Family, Member
from registry.names import name_keys, normalize_name

YEAR_WINDOW = 2
SCAN_LIMIT = 100  # rows read per applicant member and query at most
TOP_N = 5  # candidates kept per applicant member
NAME_THRESHOLD = 80
SCORE_THRESHOLD = 60
# A candidate in the applicant's own local body with this overall score, whose name and father's
# or husband's name (when known) score at least NAME_THRESHOLD, is strong: the rest of the
# district is not searched for that applicant.
STRONG_SCORE = 85
WEIGHTS = {"name": 50, "relative": 20, "age": 20, "place": 10}
PENDING = [ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED]
MAX_PERMUTED_WORDS = 4  # names of more words are compared as written and with words sorted


@dataclass(frozen=True)
class Person:
    """The parts of a person the comparison looks at; names in registry.names' spelling."""

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


def _orders(name: str) -> set[str]:
    """The name with its words in every order (a register writes "Kumar Ramesh" too)."""
    words = name.split()
    if len(words) > MAX_PERMUTED_WORDS:
        return {name, " ".join(sorted(words))}
    return {" ".join(p) for p in permutations(words)}


def _queries(names: Iterable[str]) -> list[str]:
    return sorted({order for name in names if name for order in _orders(name)})


def _name_scores(queries: list[str], choices: Sequence[str], cutoff: int = 0) -> dict[int, int]:
    """For each choice at least ``cutoff`` alike to one of the queries: its best score, 0 to 100.

    Levenshtein similarity (edits needed, one a letter, over the longer length): one letter
    wrong in a word costs little (Varma/Verma), and the words in the best order."""
    best: dict[int, int] = {}
    for query in queries:
        for _choice, similarity_, index in process.extract(
            query,
            choices,
            scorer=Levenshtein.normalized_similarity,
            processor=None,
            limit=None,
            score_cutoff=max(0, cutoff - 0.5) / 100,  # as rounded below
        ):
            score = round(similarity_ * 100)
            if score > best.get(index, -1):
                best[index] = score
    return best


def similarity(first: Iterable[str], second: Iterable[str]) -> int:
    """From 0 to 100: how alike the closest pair of names is, in whichever script each is written."""
    choices = sorted({normalize_name(n) for n in second} - {""})
    found = _name_scores(_queries(normalize_name(n) for n in first), choices)
    return max(found.values(), default=0)


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


def _total(parts: dict[str, int | None]) -> tuple[int, dict[str, int]]:
    known = {k: v for k, v in parts.items() if v is not None}
    total = sum(WEIGHTS[k] * v for k, v in known.items()) / sum(WEIGHTS[k] for k in known)
    return round(total), known


def _relative_score(a: Person, b: Person) -> int | None:
    if not (a.relative and b.relative):
        return None
    return _name_scores(_queries([a.relative]), [b.relative]).get(0, 0)


def score(a: Person, b: Person) -> tuple[int, dict[str, int]]:
    """The overall score and its parts; parts unknown on either side do not count."""
    return _total(
        {
            "name": max(_name_scores(_queries(a.names), b.names).values(), default=0),
            "relative": _relative_score(a, b),
            "age": _age_score(a, b),
            "place": _place_score(a, b),
        }
    )


def _names(*names: str) -> tuple[str, ...]:
    return tuple(sorted({n for n in names if n}))


def _applicant(m: ApplicationMember) -> Person:
    area = m.application.area
    return Person(
        names=_names(normalize_name(m.name_en), normalize_name(m.name_hi)),
        relative=normalize_name(m.father_or_husband_name),
        date_of_birth=m.date_of_birth,
        birth_year=m.birth_year,
        district_id=area.local_body.district_id,
        local_body_id=area.local_body_id,
        area_id=area.pk,
        village_id=m.application.village_id,
    )


def _registered(row: "_Row", district_id: int) -> Person:
    """A member found by the search (always in ``district_id``), from the stored columns."""
    return Person(
        names=_names(row.name_latin, row.name_hi_latin),
        relative=row.relative_latin,
        date_of_birth=row.date_of_birth,
        birth_year=row.birth_year,
        district_id=district_id,
        local_body_id=row.local_body_id,
        area_id=row.area_id,
        village_id=row.village_id,
    )


@dataclass
class _Search:
    """One applicant member: who they are and what a candidate must share with them."""

    applicant: ApplicationMember
    person: Person
    keys: set[str]
    queries: list[str]
    found: list[Candidate] = field(default_factory=list)

    def shares_block(self, name_key: str, gender: str, birth_year: int | None) -> bool:
        year = self.person.birth_year
        return (
            name_key in self.keys
            and gender == self.applicant.gender
            and (year is None or birth_year is None or abs(birth_year - year) <= YEAR_WINDOW)
        )

    def is_strong(self) -> bool:
        return any(
            c.score >= STRONG_SCORE
            and c.details["name"] >= NAME_THRESHOLD
            and c.details.get("relative", NAME_THRESHOLD) >= NAME_THRESHOLD
            for c in self.found
        )


def _search(applicant: ApplicationMember) -> _Search:
    person = _applicant(applicant)
    return _Search(applicant, person, name_keys(*person.names), _queries(person.names))


class _Row(NamedTuple):
    """A registered member as the search reads them: what the comparison needs, nothing more."""

    search: int  # which applicant's block found them
    id: int
    family_id: int
    name_latin: str
    name_hi_latin: str
    relative_latin: str
    date_of_birth: date | None
    birth_year: int | None
    local_body_id: int
    area_id: int
    village_id: int | None


# Names from the models and placeholders only; every value is a query parameter.
REGISTERED_SELECT = (
    "SELECT %s AS i, m.id, m.family_id, m.name_latin, m.name_hi_latin, m.relative_latin, "  # noqa: S608
    "m.date_of_birth, m.birth_year, m.local_body_id, f.area_id, f.village_id "
    f"FROM {Member._meta.db_table} m JOIN {Family._meta.db_table} f ON f.id = m.family_id "
)
Param = int | str
YEAR_CLAUSE = " AND (m.birth_year BETWEEN %s AND %s OR m.birth_year IS NULL)"
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


def _registered_sql(index: int, s: _Search, local_body_ids: list[int]) -> tuple[str, list[Param]]:
    """One applicant's block in these local bodies, at most SCAN_LIMIT rows (the index on
    name_key, gender, local_body, birth_year serves it)."""
    keys = sorted(s.keys)
    year = s.person.birth_year
    where = (
        f"WHERE m.name_key IN ({_marks(keys)}) AND m.gender = %s "
        f"AND m.local_body_id IN ({_marks(local_body_ids)})"
    )
    params: list[Param] = [index, *keys, s.applicant.gender, *local_body_ids]
    if year is not None:
        where += YEAR_CLAUSE
        params += [year - YEAR_WINDOW, year + YEAR_WINDOW]
    sql = f"SELECT * FROM ({REGISTERED_SELECT}{where} ORDER BY m.id LIMIT %s) s"  # noqa: S608
    return sql, [*params, SCAN_LIMIT]


def _registered_in(searches: list[_Search], local_body_ids: list[int]) -> list[_Row]:
    """Registered members sharing a block with one of ``searches`` in these local bodies, in one
    query."""
    parts: list[str] = []
    params: list[Param] = []
    for index, s in enumerate(searches):
        if not s.keys:
            continue
        sql, values = _registered_sql(index, s, local_body_ids)
        parts.append(sql)
        params += values
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
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
        ApplicationMember.objects.filter(pk__in=sorted(ids)[: SCAN_LIMIT * len(searches)])
        .select_related("application__area__local_body")
        .order_by("pk")
    )


def _score_members(searches: list[_Search], rows: list[_Row]) -> None:
    """Score each search's rows: names all at once, the rest only for names close enough."""
    for index, s in enumerate(searches):
        mine = [row for row in rows if row.search == index]
        owners = [row for row in mine for _n in _names(row.name_latin, row.name_hi_latin)]
        names = [n for row in mine for n in _names(row.name_latin, row.name_hi_latin)]
        best: dict[int, tuple[int, _Row]] = {}
        for at, name_score in _name_scores(s.queries, names, NAME_THRESHOLD).items():
            row = owners[at]
            if name_score > best.get(row.id, (-1, row))[0]:
                best[row.id] = (name_score, row)
        for name_score, row in best.values():
            total, details = _scored(s.person, _registered(row, s.person.district_id), name_score)
            s.found.append(
                Candidate(total, details, member=_member(row), sort_key=(-total, row.id))
            )


def _scored(a: Person, b: Person, name_score: int) -> tuple[int, dict[str, int]]:
    return _total(
        {
            "name": name_score,
            "relative": _relative_score(a, b),
            "age": _age_score(a, b),
            "place": _place_score(a, b),
        }
    )


def _score_pending(searches: list[_Search], pending: list[ApplicationMember]) -> None:
    for s in searches:
        for other in pending:
            if s.shares_block(other.name_key, other.gender, other.birth_year):
                total, details = score(s.person, _applicant(other))
                s.found.append(
                    Candidate(total, details, pending=other, sort_key=(-total, -other.pk))
                )


def _keep(candidate: Candidate) -> bool:
    return candidate.details["name"] >= NAME_THRESHOLD and candidate.score >= SCORE_THRESHOLD


def family_candidates(applicants: Sequence[ApplicationMember]) -> list[list[Candidate]]:
    """For each member of one application, the best few people who may be them, best first.

    Two queries (registered members of the local body, pending applications of the district),
    two more when someone has no strong candidate in the local body (the district's other
    local bodies)."""
    if not applicants:
        return []
    searches = [_search(a) for a in applicants]
    here = searches[0].person
    _score_members(searches, _registered_in(searches, [here.local_body_id]))
    weak = [s for s in searches if not s.is_strong()]
    if weak:
        others = list(
            LocalBody.objects.filter(district_id=here.district_id)
            .exclude(pk=here.local_body_id)
            .values_list("pk", flat=True)
        )
        if others:
            _score_members(weak, _registered_in(weak, others))
    _score_pending(searches, _pending_in_district(searches))
    return [sorted(filter(_keep, s.found), key=lambda c: c.sort_key)[:TOP_N] for s in searches]


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
