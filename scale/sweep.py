"""The statewide duplicate sweep: every member compared with the people like them anywhere in
the state, outside the register database.

1. export: members leave the database once (PostgreSQL COPY, else the ORM) with the columns the
   duplicate check stores (names in one Latin spelling, name, surname and relative keys), into
   DuckDB; the words of the names are counted on the way (NameWord is written again from them);
2. blocks: DuckDB joins the people who share one of BLOCKS (SQL equi-joins: several keys, so that
   no single slip hides a pair, reaching other local bodies and districts);
3. score: each pair by the same model as the registration's duplicate check
   (registry.matching.score: the name word by word weighted by rarity, the relative, the birth,
   the place, the mobile; weights set by hand, not learned from the register), in worker
   processes when there are many; the sweep, which groups people without anyone having asked,
   adds its own rules (``score_rows``): a mobile of one household counts more, and a birth
   that does not confirm the pair, a married person against a child, or two full dates that
   differ keep it out of a group;
4. clusters: connected components of the pairs at or above the threshold become DuplicateCluster
   rows, work for the local body officer of the area of the cluster's first member.

The blocks are plain SQL over one table and the scoring a function of two rows, so a register
beyond one machine runs the same SQL on Spark and maps ``score_rows`` over its pairs: the engines
are in scale.sweep_engines (DuckDB, the default) and scale.sweep_spark.
"""

import multiprocessing
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb
import pyarrow as pa
from django.db import connection

from registry import matching
from registry.matching import Person, married
from registry.models import Member, MemberStatus
from registry.names import WordCounts, name_words
from registry.word_counts import name_words_store
from scale.sweep_rules import (
    MOBILE_SHARED_FAMILIES,
    Home,
    crowd_bits,
    homes_differ,
    kept_apart,
    sweep_bits,
)

if TYPE_CHECKING:
    from scale.sweep_engines import Engine

COLUMNS = [
    "unique_id",
    "family_id",
    "name_latin",
    "name_hi_latin",
    "relative_latin",
    "name_key",
    "surname_key",
    "relative_key",
    "gender",
    "dob",
    "birth_year",
    "mobile",
    "marital_status",
    "relation",
    "area_id",
    "village_id",
    "local_body_id",
    "district_id",
    "given_word",  # sweep_rules.first_word of the name, and of the relative's: the crowd's key
    "relative_word",
]
# What a pair needs of each side, in this order (score_rows): the columns of _person, the
# people the person lives with (sweep_rules.Home) and the crowd of namesakes (both
# sweep_rules.CROWD_SQL's).
HOME = ["spouse_word", "spouse_year", "mother_word", "mother_year"]
SIDE = [*COLUMNS[1:5], *COLUMNS[8:18], *HOME, "crowd"]
Id = TypeVar("Id", int, str)
# A pair at or above this probability is one person. Set with the check's LIKELY in mind (0.90):
# the sweep groups people without anyone having asked, so it asks for more.
THRESHOLD = 0.95
MAX_GROUP = 4  # one person entered more often than this is rare; a chain of namesakes is not
WORKERS = 2  # processes scoring pairs (the machine's cores)
CHUNK = 50_000  # pairs a worker scores at a time
# Retired and inactive Member IDs are decided: the sweep does not raise them again.
SWEPT_OUT = [MemberStatus.MERGED, MemberStatus.INACTIVE]
EXPORT_SQL = """
SELECT m.id, m.family_id, m.name_latin, m.name_hi_latin, m.relative_latin, m.name_key,
       m.surname_key, m.relative_key, m.gender, m.date_of_birth, m.birth_year, m.mobile,
       m.marital_status, m.relation, f.area_id, f.village_id, a.local_body_id, lb.district_id
FROM registry_member m
JOIN registry_family f ON f.id = m.family_id
JOIN geography_area a ON a.id = f.area_id
JOIN geography_localbody lb ON lb.id = a.local_body_id
WHERE m.status NOT IN ('MERGED', 'INACTIVE')
"""
# Which pairs are compared: each an equi-join of people on these columns (l.id < r.id), with an
# extra condition. What each is for:
NEAR = "(l.birth_year IS NULL OR r.birth_year IS NULL OR abs(l.birth_year - r.birth_year) <= {})"
PLACEHOLDER = "l.dob NOT LIKE '%-01-01'"  # 1 January says the year only (matching)
# A block holds at most this many people: a larger one (a common name in a state, a kiosk's
# mobile number) is cut into buckets of BLOCK_CAP people of near birth years and places (the
# block's people in order of birth year, district, local body, area: ``bucket_sql``), and only
# people of one bucket are compared. The pairs then grow with the register, not with its square:
# at most BLOCK_CAP / 2 a person a block.
BLOCK_CAP = 30


# Each bucketed block's key columns (its join's equalities): the buckets are cut within them.
# The blocks that are narrow by nature are not bucketed: one date of birth, or one local
# body's people crossed (surname first).
BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    # moved anywhere, surname changed or dropped, a year or two off: the father's name agrees
    "b_relative": ("name_key", "relative_key", "gender"),
    # name and surname in the district, a year off at most: the relative written otherwise
    "b_surname": ("name_key", "surname_key", "gender", "district_id"),
    # the first letters of the given name slipped: surname and father in one local body
    "b_slipped": ("surname_key", "relative_key", "gender", "local_body_id"),
    # a woman married within the district (her surname, relative and village changed) and
    # anyone with one name: the given name and the year
    "b_year": ("name_key", "gender", "birth_year", "district_id"),
    # one mobile number: a household's (few people) or a kiosk's (many: bucketed)
    "b_mobile": ("mobile", "gender"),
}
BLOCKS: list[tuple[str, str]] = [
    (
        "l.name_key = r.name_key AND l.relative_key = r.relative_key AND l.gender = r.gender "
        "AND l.b_relative = r.b_relative",
        NEAR.format(2),
    ),
    # the same day of birth anywhere: a married woman whose surname and relative changed
    ("l.name_key = r.name_key AND l.dob = r.dob AND l.gender = r.gender", PLACEHOLDER),
    (
        "l.name_key = r.name_key AND l.surname_key = r.surname_key AND l.gender = r.gender "
        "AND l.district_id = r.district_id AND l.b_surname = r.b_surname",
        NEAR.format(1),
    ),
    (
        "l.surname_key = r.surname_key AND l.relative_key = r.relative_key "
        "AND l.gender = r.gender AND l.local_body_id = r.local_body_id "
        "AND l.b_slipped = r.b_slipped",
        f"l.surname_key <> '' AND {NEAR.format(2)}",
    ),
    # surname first, or initials (R. K. Sharma): one's first key is the other's last, in one
    # local body
    (
        "l.name_key = r.surname_key AND l.gender = r.gender AND l.local_body_id = r.local_body_id",
        NEAR.format(2),
    ),
    (
        "l.surname_key = r.name_key AND l.gender = r.gender AND l.local_body_id = r.local_body_id",
        NEAR.format(2),
    ),
    (
        "l.name_key = r.name_key AND l.gender = r.gender AND l.birth_year = r.birth_year "
        "AND l.district_id = r.district_id AND l.b_year = r.b_year",
        "l.gender = 'F' OR l.surname_key = '' OR r.surname_key = ''",
    ),
    ("l.mobile = r.mobile AND l.gender = r.gender AND l.b_mobile = r.b_mobile", NEAR.format(4)),
]


def bucket_sql(table: str = "people") -> str:
    """A SELECT of ``table`` with each person's bucket in each block of BLOCK_KEYS (plain SQL
    window functions, the same on DuckDB and Spark)."""
    order = "birth_year NULLS LAST, district_id, local_body_id, area_id, unique_id"
    buckets = ", ".join(
        f"CAST(floor((row_number() OVER (PARTITION BY {', '.join(key)} ORDER BY {order}) - 1)"
        f" / {BLOCK_CAP}) AS INTEGER) AS {name}"
        for name, key in BLOCK_KEYS.items()
    )
    return f"SELECT *, {buckets} FROM {table}"  # noqa: S608 - the module's own SQL


@dataclass
class SweepResult:
    members: int
    pairs: int
    clusters: list[list[int]]  # member pks, each list one probable person
    best: dict[int, float] = field(default_factory=dict)  # cluster index -> best probability
    seconds: dict[str, float] = field(default_factory=dict)
    scored: list[tuple[int, int, float]] = field(default_factory=list)  # with keep_pairs


def _rows() -> Iterator[tuple[Any, ...]]:
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as wrapper,
            wrapper.cursor.copy(f"COPY ({EXPORT_SQL}) TO STDOUT") as copy,
        ):
            yield from copy.rows()
        return
    yield from (
        Member.objects.exclude(status__in=SWEPT_OUT)
        .values_list(
            "pk",
            "family_id",
            "name_latin",
            "name_hi_latin",
            "relative_latin",
            "name_key",
            "surname_key",
            "relative_key",
            "gender",
            "date_of_birth",
            "birth_year",
            "mobile",
            "marital_status",
            "relation",
            "family__area_id",
            "family__village_id",
            "family__area__local_body_id",
            "family__area__local_body__district_id",
        )
        .iterator(chunk_size=20_000)
    )


def _nullable_int(value: Any) -> int | None:
    return None if value is None else int(value)


def people_table(rows: Iterable[tuple[Any, ...]]) -> tuple[pa.Table, Counter[str]]:
    """Members (``rows`` shaped like EXPORT_SQL's) as one table ``people`` (COLUMNS), and how
    often each word of a name occurs: for a small register (the tests); the sweep itself takes
    them a batch at a time (scale.sweep_export)."""
    from scale.sweep_export import SCHEMA, people_batches

    counts: Counter[str] = Counter()
    return pa.Table.from_batches(people_batches(rows, counts), schema=SCHEMA), counts


def export(
    con: duckdb.DuckDBPyConnection, rows: Iterable[tuple[Any, ...]] | None = None
) -> tuple[int, Counter[str]]:
    """Members (from the register, or ``rows`` shaped like EXPORT_SQL's) into the DuckDB table
    ``people``, a batch at a time (scale.sweep_export); returns how many, and how often each
    word of a name occurs."""
    from scale.sweep_export import load_people

    return load_people(con, _rows() if rows is None else rows)


def pairs_sql() -> str:
    """The pairs (l, r: unique_id, l < r) of the people any of BLOCKS joins in ``blocked``."""
    selects = [
        f"SELECT l.unique_id AS l, r.unique_id AS r FROM blocked l JOIN blocked r "  # noqa: S608
        f"ON {join} AND l.unique_id < r.unique_id" + (f" WHERE ({where})" if where else "")
        for join, where in BLOCKS
    ]
    return f"SELECT DISTINCT l, r FROM ({' UNION ALL '.join(selects)}) AS blocks"  # noqa: S608


def block_steps() -> list[tuple[str, str]]:
    """The tables made from ``people``, in order, each (name, query), the last ``pairs``: plain
    SQL that DuckDB and Spark run alike (scale.sweep_engines)."""
    return [("blocked", bucket_sql()), ("pairs", pairs_sql())]


def block_pairs(con: duckdb.DuckDBPyConnection) -> int:
    """The table ``pairs`` (l, r: unique_id, l < r) of the people any block joins."""
    for table, query in block_steps():
        con.execute(f"CREATE OR REPLACE TABLE {table} AS {query}")
    return int(con.execute("SELECT count(*) FROM pairs").fetchall()[0][0])


def _person(values: tuple[Any, ...]) -> Person:
    family, latin, hindi, relative, gender, dob, year, mobile, marital, relation = values[:10]
    area, village, lb, district = values[10:14]
    names = tuple(dict.fromkeys(w for n in (latin, hindi) if n and (w := name_words(n))))
    return Person(
        names=names,
        relative=name_words(relative or ""),
        gender=gender,
        date_of_birth=date.fromisoformat(dob) if dob else None,
        birth_year=year,
        mobile=mobile or "",
        district_id=district,
        local_body_id=lb,
        area_id=area,
        village_id=village,
        married=married(marital, relation),
        family_id=family,
        relation=relation or "",
    )


_COUNTS = WordCounts()
_SHARED_MOBILES: frozenset[str] = frozenset()


def _use_counts(counts: WordCounts, shared: frozenset[str] = frozenset()) -> None:
    _PEOPLE.clear()
    global _COUNTS, _SHARED_MOBILES
    _COUNTS = counts
    _SHARED_MOBILES = shared


def shared_mobiles(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The mobile numbers of the table ``people`` written in MOBILE_SHARED_FAMILIES families or
    more."""
    return frozenset(r[0] for r in con.execute(SHARED_MOBILES_SQL).fetchall())


SHARED_MOBILES_SQL = (
    "SELECT mobile FROM people WHERE mobile IS NOT NULL GROUP BY mobile "  # noqa: S608
    f"HAVING count(DISTINCT family_id) >= {MOBILE_SHARED_FAMILIES}"
)


_PEOPLE: dict[
    int, tuple[Person, Home, int]
] = {}  # a worker's people, each read once (pairs share people)
PEOPLE_REMEMBERED = 300_000


def _remembered(pk: int, values: tuple[Any, ...]) -> tuple[Person, Home, int]:
    """The person of a pair's side, the people they live with, and how many people are alike
    to them (the crowd)."""
    person = _PEOPLE.get(pk)
    if person is None:
        if len(_PEOPLE) >= PEOPLE_REMEMBERED:
            _PEOPLE.clear()
        spouse_word, spouse_year, mother_word, mother_year = values[-5:-1]
        home = Home(
            spouse=(spouse_word, _nullable_int(spouse_year)) if spouse_word else None,
            mother=(mother_word, _nullable_int(mother_year)) if mother_word else None,
        )
        person = _PEOPLE[pk] = (_person(values), home, int(values[-1] or 1))
    return person


def score_rows(rows: list[tuple[Any, ...]]) -> list[tuple[int, int, float]]:
    """(l, r, probability) of pairs given as (l, r, *SIDE of l, *SIDE of r). The larger the
    register, the more namesakes each person has, and the more a pair needs: the crowd
    (sweep_rules.crowd_bits) counts them, in place of a correction by the register's size."""
    width = len(SIDE)
    out = []
    for row in rows:
        a, home_a, crowd_a = _remembered(row[0], row[2 : 2 + width])
        b, home_b, crowd_b = _remembered(row[1], row[2 + width :])
        bits, details = matching.evidence(a, b, _COUNTS)
        bits += sweep_bits(a, b, _SHARED_MOBILES) - crowd_bits(crowd_a, crowd_b)
        value = matching.probability(bits)
        if kept_apart(a, b, details, _COUNTS) or homes_differ(home_a, home_b, _COUNTS):
            value = min(value, 0.5)
        out.append((int(row[0]), int(row[1]), value))
    return out


def pair_rows_sql() -> str:
    """The pairs as score_rows reads them: (l, r, *SIDE of l, *SIDE of r)."""
    sides = ", ".join([*(f"a.{c}" for c in SIDE), *(f"b.{c}" for c in SIDE)])
    return (
        f"SELECT p.l, p.r, {sides} FROM pairs p "  # noqa: S608 - the module's own SQL
        "JOIN people a ON a.unique_id = p.l JOIN people b ON b.unique_id = p.r"
    )


def _pair_chunks(con: duckdb.DuckDBPyConnection) -> Iterator[list[tuple[Any, ...]]]:
    cursor = con.execute(pair_rows_sql())
    while chunk := cursor.fetchmany(CHUNK):
        yield chunk


def score_pairs(
    con: duckdb.DuckDBPyConnection,
    counts: WordCounts,
    *,
    floor: float,
    workers: int,
    shared: frozenset[str] = frozenset(),
) -> list[tuple[int, int, float]]:
    """Every pair of ``pairs`` scored; those at ``floor`` or above (``shared``: the mobile
    numbers of many families, shared_mobiles)."""
    _use_counts(counts, shared)
    kept: list[tuple[int, int, float]] = []
    chunks = _pair_chunks(con)
    if workers <= 1:
        for chunk in chunks:
            kept += [p for p in score_rows(chunk) if p[2] >= floor]
        return kept
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_use_counts, initargs=(counts, shared)) as pool:
        for scored in pool.imap(score_rows, chunks):
            kept += [p for p in scored if p[2] >= floor]
    return kept


def run(
    *,
    threshold: float = THRESHOLD,
    keep_pairs: bool = False,
    workers: int = WORKERS,
    engine: "Engine | None" = None,
) -> SweepResult:
    """Export, block, score and cluster, the SQL on ``engine`` (scale.sweep_engines: DuckDB in
    this process unless given another, Spark); nothing is written to the register but the word
    counts."""
    from scale.sweep_engines import DuckDbEngine, sweep_pairs

    swept = sweep_pairs(
        engine or DuckDbEngine(), _rows(), floor=min(0.5, threshold), workers=workers
    )
    step = time.perf_counter()
    name_words_store(swept.counts)  # the register's word counts, from the names just read
    timings = {**swept.seconds, "export": swept.seconds["export"] + time.perf_counter() - step}
    return clustered(
        swept.members, swept.pairs, swept.scored, threshold, timings, keep_pairs=keep_pairs
    )


def clustered(
    count: int,
    pairs: int,
    scored: list[tuple[int, int, float]],
    threshold: float,
    timings: dict[str, float],
    *,
    keep_pairs: bool = False,
) -> SweepResult:
    """The groups of the scored pairs (wherever they were scored: scale.sweep_spark's too)."""
    clusters = groups(scored, threshold)
    best: dict[int, float] = {}
    for a, b, p in scored:
        if p >= threshold:
            best[a] = max(best.get(a, 0.0), p)
            best[b] = max(best.get(b, 0.0), p)
    scores = {
        i: max((best.get(pk, threshold) for pk in ids), default=threshold)
        for i, ids in enumerate(clusters)
    }
    return SweepResult(count, pairs, clusters, scores, timings, scored if keep_pairs else [])


def groups(pairs: list[tuple[int, int, float]], threshold: float) -> list[list[int]]:
    """The groups of one person each: connected components of the pairs at ``threshold``; a
    component of more than MAX_GROUP people (a chain of namesakes, each pair alike, rather than
    one person entered many times) is split again at a threshold halfway to 1, until it is
    small or the threshold reaches 0.999."""
    found = []
    for group in components(pairs, threshold):
        if len(group) <= MAX_GROUP or threshold >= 0.999:
            found.append(group)
            continue
        members = set(group)
        inside = [p for p in pairs if p[0] in members and p[2] >= threshold]
        found += groups(inside, threshold + (1 - threshold) / 2)
    return sorted(found)


def components(pairs: list[tuple[Id, Id, float]], threshold: float) -> list[list[Id]]:
    """Connected components of the pairs at or above ``threshold`` (union-find)."""
    parent: dict[Id, Id] = {}

    def find(x: Id) -> Id:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, p in pairs:
        if p >= threshold:
            parent[find(a)] = find(b)
    groups: dict[Id, list[Id]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def pairs_of(clusters: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for ids in clusters for i, a in enumerate(ids) for b in ids[i + 1 :]}


def score(found: list[list[str]], planted: set[frozenset[str]]) -> tuple[float, float]:
    """Precision and recall of the pairs within clusters against the planted pairs (and those
    they imply: a person entered three times is three pairs)."""
    predicted = pairs_of(found)
    planted = pairs_of(components([(*sorted(p), 1.0) for p in planted], 1.0))
    hits = len(predicted & planted)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(planted) if planted else 1.0
    return precision, recall
