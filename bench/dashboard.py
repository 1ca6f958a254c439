"""The supervisors' dashboards on the register in BENCH_DB (load it with import_register.py).

    uv run python bench/dashboard.py [--days 365] [--repeat 20]

1. dashboards_compute for today, against its floor: one count of every member and family
   grouped by area (what the computation cannot do with less reading).
2. A year of stored days (today's rows copied back ``--days`` days in SQL, as a year of cron
   runs would leave them), then the state admin's, a district officer's and a local body
   officer's dashboard (dashboards.selectors.dashboard_for), against the live count the page
   would make without the summary: every active member of the officer's area. Prints times,
   ratios and the queries per page; the first page after the days were written (cold) apart.
"""

import argparse
import time

import _common as c


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365, help="stored days to read back")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    c.setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from dashboards.compute import figures_compute
    from dashboards.selectors import dashboard_for
    from geography.models import LocalBody
    from officials.models import Designation, Official, Role
    from registry.models import Member

    c.manage("migrate", "dashboards", "-v0")
    today = timezone.localdate()
    members = c.member_count()

    def floor() -> None:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT f.area_id, count(*) FROM registry_member m "
                "JOIN registry_family f ON f.id = m.family_id GROUP BY f.area_id"
            )
            cur.fetchall()

    floor_s = min(c.timed(floor, 3))
    started = time.perf_counter()
    rows = figures_compute(day=today)
    compute_s = time.perf_counter() - started
    print(f"register: {members:,} members; {rows:,} areas")
    print(f"floor (members counted per area): {floor_s:.2f} s")
    print(f"dashboards_compute (one day): {compute_s:.2f} s = x{compute_s / floor_s:.1f} the floor")

    for table, place in (
        ("dashboards_areadayfigures", "area_id"),
        ("dashboards_localbodydayfigures", "local_body_id"),
        ("dashboards_districtdayfigures", "district_id"),
    ):
        c.psql(
            f"DELETE FROM {table} WHERE day < '{today}';"  # noqa: S608 (our own table names)
            f"INSERT INTO {table} (day, families, members, ekyc_done, families_registered, "
            f"births, deaths, moved_in, moved_out, computed_at, {place}) "
            f"SELECT day - n, families, members, ekyc_done, n % 3, n % 5, n % 4, n % 2, n % 2, "
            f"computed_at, {place} FROM {table} CROSS JOIN generate_series(1, {args.days}) n "
            f"WHERE day = '{today}'; ANALYZE {table};",
            c.DB,
        )

    body = LocalBody.objects.select_related("district").order_by("pk").first()
    if body is None:
        raise SystemExit("load a register first (bench/import_register.py)")
    admin = c.bench_admin()
    district_officer, _ = Official.objects.get_or_create(
        user_id="bench-district",
        defaults={
            "name": "Bench District",
            "mobile": "6999999998",
            "role": Role.DISTRICT_OFFICER,
            "designation": Designation.COLLECTOR,
            "district": body.district,
            "must_change_password": False,
        },
    )
    officer = c.bench_local_body_officer(body.pk)
    live = {
        "state": Member.objects.all(),
        "district": Member.objects.filter(family__area__local_body__district=body.district),
        "local body": Member.objects.filter(family__area__local_body=body),
    }
    for name, official in (
        ("state", admin),
        ("district", district_officer),
        ("local body", officer),
    ):
        queryset = live[name]
        counted = c.timed(lambda qs=queryset: qs.filter(status="ACTIVE").count(), 3)
        # The first page after the days were written reads them cold (and sets their hint
        # bits): told apart from the pages officers then open, the steady state.
        (first,) = c.timed(lambda o=official: dashboard_for(o), 1)
        page = c.timed(lambda o=official: dashboard_for(o), args.repeat)
        with CaptureQueriesContext(connection) as queries:
            dashboard_for(official)
        print(c.summary(f"{name} dashboard ({args.days} stored days)", page))
        print(
            f"  live count of its members instead: {min(counted) * 1000:.1f} ms; "
            f"page/live = {c.percentile(page, 0.5) / min(counted):.2f}; "
            f"{len(queries)} queries; the first page after the refill {first * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
