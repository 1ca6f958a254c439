"""Search by Member ID, Family ID, mobile, and by name (either script) within a local body.

    uv run python bench/search.py [--repeat 500]

Runs on the register the import bench left in BENCH_DB (scale_bench), through the selectors a
page would use (scale.selectors, scoped for a state admin), one client. The floor is one
database round trip (SELECT 1) through the same connection, measured in the same run.
"""

import argparse
import os
import random

import _common as c


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=500)
    args = parser.parse_args()
    c.setup_django()
    from django.db import connection

    from registry.models import Member
    from scale import selectors

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
    print(
        f"register: {total:,} members; {len(sample)} probes each; "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    floor_t = c.timed(floor, args.repeat)
    it = iter(sample * 4)
    by_id = c.timed(lambda: selectors.member_by_id(admin, next(it)[0]), len(sample))
    by_family = c.timed(lambda: selectors.members_by_family_id(admin, next(it)[1]), len(sample))
    with_mobile = [s for s in sample if s[2]] or sample
    mit = iter(with_mobile)
    by_mobile = c.timed(lambda: selectors.members_by_mobile(admin, next(mit)[2]), len(with_mobile))
    scripts = iter([(s[3] if i % 2 else s[4], s[5]) for i, s in enumerate(sample)])

    def by_name() -> None:
        query, local_body = next(scripts)
        selectors.members_by_name(admin, local_body_id=local_body, query=query)

    by_name_t = c.timed(by_name, len(sample))
    server_side = explain_times(admin, sample[:50])
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


def explain_times(admin, sample):  # type: ignore[no-untyped-def]
    """The database's own execution time of the same queries: what the indexes decide, apart
    from the ORM and the client's share of a busy CPU."""
    import json

    from django.db import connection

    from registry.models import Member
    from scale import selectors

    def run(qs) -> float:  # type: ignore[no-untyped-def]
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Execution Time"] / 1000

    members = selectors._members(admin)
    out: dict[str, list[float]] = {
        "member by ID": [],
        "members by mobile": [],
        "name in a local body": [],
    }
    for member_id, _fid, mobile, name_en, _hi, local_body in sample:
        out["member by ID"].append(run(members.filter(member_id=member_id)[:1]))
        if mobile:
            out["members by mobile"].append(run(members.filter(mobile=mobile)[:25]))
        from registry.names import name_keys

        qs = members.filter(
            name_key__in=name_keys(name_en), family__area__local_body_id=local_body
        ).order_by("pk")[: selectors.SCAN_LIMIT]
        out["name in a local body"].append(run(qs))
    del Member
    return out


if __name__ == "__main__":
    main()
