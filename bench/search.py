"""Search by Member ID, Family ID, mobile, and by name (either script) within a local body.

    uv run python bench/search.py [--repeat 500]

Runs on the register the import bench left in BENCH_DB (scale_bench), one client, through the
function the search page calls (registry.search.members_search), as the people who use it:
IDs and mobiles as a state admin (the whole register), names as the local body officer of the
member's local body (the search is within their jurisdiction). The floor is one database round
trip (SELECT 1) through the same connection, measured in the same run.
"""

import argparse
import json
import os
import random

import _common as c


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    c.setup_django()
    from django.db import connection
    from django.utils import timezone

    from registry.models import Member
    from registry.search import SearchQuery, members_search, name_candidates, scoped_members

    admin = c.bench_admin()
    rng = random.Random(1)
    total = c.member_count()
    low, high = c.pk_range()
    # A sample of real rows to look for, drawn spread over the table.
    sample = list(
        Member.objects.filter(pk__in=[rng.randrange(low, high + 1) for _ in range(args.repeat * 2)])
        .select_related("family__area")
        .values_list(
            "member_id",
            "family__family_id",
            "mobile",
            "name_en",
            "name_hi",
            "family__area__local_body_id",
        )[: args.repeat]
    )
    officers = {lb: c.bench_local_body_officer(lb) for lb in {s[5] for s in sample}}
    print(
        f"register: {total:,} members; {len(sample)} probes each; "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    def search(official, text: str) -> int:  # type: ignore[no-untyped-def]
        # What the page does: the first page of results (25 rows) is read.
        return len(list(members_search(official, SearchQuery(text=text))[:25]))

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    floor_t = c.timed(floor, args.repeat)
    it = iter(sample * 4)
    by_id = c.timed(lambda: search(admin, next(it)[0]), len(sample))
    by_family = c.timed(lambda: search(admin, next(it)[1]), len(sample))
    with_mobile = [s for s in sample if s[2]] or sample
    mit = iter(with_mobile)
    by_mobile = c.timed(lambda: search(admin, next(mit)[2]), len(with_mobile))
    names = iter([(s[3] if i % 2 else s[4], s[5]) for i, s in enumerate(sample)])

    def by_name() -> None:
        text, local_body = next(names)
        search(officers[local_body], text)

    by_name_t = c.timed(by_name, len(sample))

    def explain(qs) -> float:  # type: ignore[no-untyped-def]
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return float(plan[0]["Execution Time"]) / 1000

    # The database's own execution time of the same queries: what the indexes decide, apart
    # from the ORM, the Python ranking and the client's share of the CPU.
    today = timezone.localdate()
    everyone = scoped_members(admin, SearchQuery(), today)
    server_side = {
        "member by ID": [explain(everyone.filter(member_id=s[0])[:25]) for s in sample[:100]],
        "members by mobile": [
            explain(everyone.filter(mobile=s[2]).order_by("pk")[:25]) for s in with_mobile[:100]
        ],
        "name in a local body": [
            explain(
                name_candidates(scoped_members(officers[s[5]], SearchQuery(), today), s[3 + i % 2])
            )
            for i, s in enumerate(sample[:100])
        ],
    }
    base = c.percentile(floor_t, 0.99)
    print(c.summary("floor SELECT 1", floor_t))
    for name, values, target in (
        ("member by ID", by_id, 20),
        ("family by ID", by_family, 20),
        ("members by mobile", by_mobile, 20),
        ("name in a local body (Latin and Devanagari)", by_name_t, 100),
    ):
        p99 = c.percentile(values, 0.99) * 1000
        print(
            f"{c.summary(name, values)}  x{c.percentile(values, 0.99) / base:.1f} the floor's p99;"
            f" target p99 < {target} ms: {'met' if p99 < target else 'MISSED'}"
        )
    for name, values in server_side.items():
        print(f"  database execution only (EXPLAIN ANALYZE) {c.summary(name, values)}")


if __name__ == "__main__":
    main()
