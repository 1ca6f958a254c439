"""The statewide duplicate sweep: every member, compared with the people like them anywhere in
the state by a probabilistic model (Splink, Fellegi-Sunter), run outside the register database.

1. export: members leave the database once (PostgreSQL COPY, else the ORM), with their names
   in both scripts reduced to one rough Latin spelling (registry.names), into DuckDB;
2. model: Splink blocks on the name key, father's name, mobile, Devanagari name, first name
   (settings()), compares first name and surname (both scripts, term-frequency adjusted),
   father's or husband's given name, birth, place and mobile, trains u by random sampling and
   m by EM (training_blocks()), and predicts;
3. clusters: connected components above the threshold become DuplicateCluster rows, work for
   the local body officer of the area of the cluster's first member.

The same settings run unchanged on Spark for a register too big for one machine:
``SparkAPI(spark_session=spark)`` instead of ``DuckDBAPI(...)`` (see the README).
"""

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
from django.db import connection

from registry.models import Member
from registry.names import spell

COLUMNS = [
    "unique_id",
    "family_id",
    "first_en",
    "surname_en",
    "first_hi",
    "surname_hi",
    "name_hi_n",
    "father_n",
    "father_first",
    "name_key",
    "gender",
    "dob",
    "birth_year",
    "mobile",
    "area_id",
    "local_body_id",
    "district_id",
]
Id = TypeVar("Id", int, str)
PRIOR = 2e-7
# Chosen on synthetic states of 0.26 and 0.51 million members (README): at 0.99 brothers and
# sisters with like names (Chandanbai, Chandrabai) cost precision; at 0.9999 the same person
# with a common name, no date of birth and another area is lost.
THRESHOLD = 0.999
EXPORT_SQL = """
SELECT m.id, m.family_id, m.name_en, m.name_hi, m.father_or_husband_name, m.name_key, m.gender,
       m.date_of_birth, m.birth_year, m.mobile, f.area_id, a.local_body_id, lb.district_id
FROM registry_member m
JOIN registry_family f ON f.id = m.family_id
JOIN geography_area a ON a.id = f.area_id
JOIN geography_localbody lb ON lb.id = a.local_body_id
"""


@dataclass
class SweepResult:
    members: int
    pairs: int
    clusters: list[list[int]]  # member pks, each list one probable person
    best: dict[int, float] = field(default_factory=dict)  # cluster index -> best probability
    seconds: dict[str, float] = field(default_factory=dict)
    scored: list[tuple[int, int, float]] = field(default_factory=list)  # with keep_pairs


def _words(text: str) -> list[str]:
    """The words of normalize_name(text), spelled a word at a time (registry.names.spell: a
    state has a few thousand given names and surnames but millions of ways to put them
    together, so whole names hardly repeat and are not worth remembering)."""
    return spell(text).split()


def _rows() -> Iterator[tuple[Any, ...]]:
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as wrapper,
            wrapper.cursor.copy(f"COPY ({EXPORT_SQL}) TO STDOUT") as copy,
        ):
            yield from copy.rows()
        return
    yield from Member.objects.values_list(
        "pk",
        "family_id",
        "name_en",
        "name_hi",
        "father_or_husband_name",
        "name_key",
        "gender",
        "date_of_birth",
        "birth_year",
        "mobile",
        "family__area_id",
        "family__area__local_body_id",
        "family__area__local_body__district_id",
    ).iterator(chunk_size=20_000)


def export(con: duckdb.DuckDBPyConnection, rows: Iterable[tuple[Any, ...]] | None = None) -> int:
    """Members (from the register, or ``rows`` shaped like EXPORT_SQL's) into the DuckDB table
    ``people``; returns how many."""
    data: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for pk, family, en, hi, father, key, gender, dob, year, mobile, area, lb, district in (
        rows or _rows()
    ):
        words = _words(en)
        data["unique_id"].append(int(pk))
        data["family_id"].append(int(family))
        data["first_en"].append(words[0] if words else None)
        data["surname_en"].append(words[-1] if len(words) > 1 else None)
        hi_words = _words(hi)
        data["first_hi"].append(hi_words[0] if hi_words else None)
        data["surname_hi"].append(hi_words[-1] if len(hi_words) > 1 else None)
        data["name_hi_n"].append(" ".join(hi_words) or None)
        father_words = _words(father)
        data["father_n"].append(" ".join(father_words) or None)
        data["father_first"].append(father_words[0] if father_words else None)
        data["name_key"].append(key or None)
        data["gender"].append(gender)
        data["dob"].append(str(dob) if dob else None)
        data["birth_year"].append(int(year) if year is not None else None)
        data["mobile"].append(mobile or None)
        data["area_id"].append(int(area))
        data["local_body_id"].append(int(lb))
        data["district_id"].append(int(district))
    con.register("people_arrow", pa.table(data))
    con.execute("CREATE OR REPLACE TABLE people AS SELECT * FROM people_arrow")
    con.unregister("people_arrow")
    return len(data["unique_id"])


def _name(column: str, *, tf: bool = True) -> Any:
    """One name part in both scripts as one comparison, so that agreeing in Latin and in
    Devanagari is not counted as two independent pieces of evidence. Agreeing exactly on a
    common name (Sunita, Yadav) weighs less than on a rare one (term frequency)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    en, hi = f"{column}_en", f"{column}_hi"
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.And(cll.NullLevel(en), cll.NullLevel(hi)),
            cll.ExactMatchLevel(en, term_frequency_adjustments=tf),
            cll.ExactMatchLevel(hi, term_frequency_adjustments=tf),
            cll.Or(cll.JaroWinklerLevel(en, 0.92), cll.JaroWinklerLevel(hi, 0.92)),
            cll.Or(cll.JaroWinklerLevel(en, 0.8), cll.JaroWinklerLevel(hi, 0.8)),
            cll.ElseLevel(),
        ],
    )


def settings() -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="dedupe_only",
        # A fixed prior rather than one estimated from the data: the estimate shrinks with the
        # square of the register's size, and with it every probability, so that one threshold
        # would mean something else for a district and for the state. The threshold was chosen
        # with this prior on synthetic states (README).
        probability_two_random_records_match=PRIOR,
        unique_id_column_name="unique_id",
        # Each rule catches what the others miss: a first name whose key changed (Vijay/Bijay)
        # through the father's name, the Devanagari name or the mobile; a surname spelled
        # otherwise (Chouhan/Chauhan) through the first name with the year or the father; a year
        # off by one through everything but the first rule.
        blocking_rules_to_generate_predictions=[
            block_on("name_key", "gender", "birth_year", "district_id"),
            block_on("father_n", "gender", "local_body_id"),
            block_on("mobile", "gender"),
            block_on("name_hi_n", "gender", "local_body_id"),
            block_on("first_en", "father_first", "local_body_id"),
            block_on("first_en", "surname_en", "local_body_id"),
        ],
        comparisons=[
            _name("first"),
            _name("surname"),
            # The father's (or husband's) given name: the surname is shared by the whole family.
            cl.JaroWinklerAtThresholds("father_first", [0.92, 0.8]).configure(
                term_frequency_adjustments=True
            ),
            cl.CustomComparison(
                output_column_name="birth",
                comparison_levels=[
                    cll.NullLevel("birth_year"),
                    cll.ExactMatchLevel("dob"),
                    cll.ExactMatchLevel("birth_year"),
                    cll.AbsoluteDifferenceLevel("birth_year", 1),
                    cll.AbsoluteDifferenceLevel("birth_year", 3),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="place",
                comparison_levels=[
                    cll.ExactMatchLevel("area_id"),
                    cll.ExactMatchLevel("local_body_id"),
                    cll.ExactMatchLevel("district_id"),
                    cll.ElseLevel(),
                ],
            ),
            cl.ExactMatch("mobile"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


# EM learns m (how often the same person agrees) on blocks where the same person is common but
# not alone; a comparison is learnt on the blocks that do not fix it, and Splink averages them.
# Never block on the father's name: its blocks are mostly brothers and sisters, and EM would
# learn "same family" instead of "same person"; nor on the mobile, shared in families.
def training_blocks() -> list[Any]:
    from splink.blocking_rule_library import And, CustomRule, block_on

    return [
        # Born the same day in the same local body, in another family (twins are in one): the
        # names, the father and the mobile.
        And(block_on("dob", "local_body_id"), CustomRule("l.family_id <> r.family_id")),
        block_on("first_en", "surname_en", "local_body_id"),  # birth
        block_on("first_hi", "surname_hi", "birth_year", "gender"),  # place
    ]


def model(con: duckdb.DuckDBPyConnection, *, seed: int = 1, u_pairs: float = 2e6) -> Any:
    """A Splink linker on the table ``people``, trained."""
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI(connection=con)
    linker = Linker(db_api.register("people"), settings(), log_level=None)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    for rule in training_blocks():
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, record_sample_proportion=1.0
        )
    return linker


def run(
    *, threshold: float = THRESHOLD, seed: int = 1, u_pairs: float = 2e6, keep_pairs: bool = False
) -> SweepResult:
    """Export, train, predict and cluster; nothing is written to the register here."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    con = duckdb.connect()
    count = export(con)
    timings["export"] = time.perf_counter() - started
    step = time.perf_counter()
    linker = model(con, seed=seed, u_pairs=u_pairs)
    timings["train"] = time.perf_counter() - step
    step = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=min(0.5, threshold))
    pairs = con.execute(f"SELECT count(*) FROM {predictions.physical_name}").fetchall()[0]  # noqa: S608
    clusters_df = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    rows = con.execute(
        f"""
        WITH c AS (SELECT cluster_id, unique_id FROM {clusters_df.physical_name}),
        big AS (SELECT cluster_id FROM c GROUP BY cluster_id HAVING count(*) > 1)
        SELECT c.cluster_id, list(c.unique_id ORDER BY c.unique_id)
        FROM c JOIN big USING (cluster_id) GROUP BY c.cluster_id ORDER BY 2
        """  # noqa: S608 - table names made by Splink
    ).fetchall()
    best = dict(
        con.execute(
            f"SELECT unique_id_l, max(match_probability) FROM {predictions.physical_name} "  # noqa: S608
            f"WHERE match_probability >= {float(threshold)} GROUP BY 1"
        ).fetchall()
    )
    timings["predict_and_cluster"] = time.perf_counter() - step
    scored = []
    if keep_pairs:  # for scoring other thresholds (benchmarks)
        scored = con.execute(
            f"SELECT unique_id_l, unique_id_r, match_probability FROM {predictions.physical_name}"  # noqa: S608
        ).fetchall()
    clusters = [list(map(int, ids)) for _cid, ids in rows]
    scores = {
        i: max((best.get(pk, threshold) for pk in ids), default=threshold)
        for i, ids in enumerate(clusters)
    }
    con.close()
    return SweepResult(
        count, int(pairs[0]) if pairs else 0, clusters, scores, timings, [tuple(r) for r in scored]
    )


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
    return [sorted(g) for g in groups.values() if len(g) > 1]


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
