"""The change feed (GET /api/v1/changes): pages of 1,000 changes through the real view, for a
statewide client, a client of one district and one of three, over a change table of N rows.

    BENCH_DB=helper_feed uv run python bench/api_feed.py [--changes 1000000] [--pages 200]

Fills registry_registerchange in BENCH_DB up to --changes rows (one INSERT … SELECT from
generate_series, spread over --districts districts, ids and times in step) when it holds fewer;
it never deletes them (the table is append-only; TRUNCATE it by hand to start again). Each
measured call is a django test Client GET with a bearer token, authenticated, authorized,
read, serialised and logged (1,000 ApiRead rows a page), at a random place in the feed (a
cursor signed as the feed signs it) and, separately, following the cursor from the start.
The issue's target: a page of 1,000 events p99 < 100 ms (at 5 M members; the feed reads only
its own table, so the members' count does not enter).
"""

import argparse
import os
import random
import subprocess
import time
from datetime import date, timedelta
from typing import Any

import _common as c

KINDS = [
    "member.born",
    "member.died",
    "member.married",
    "member.corrected",
    "member.moved",
    "family.migrated",
    "member.merged",
    "member.deactivated",
    "family.registered",
]


def geography(districts: int, areas_per_district: int) -> list[int]:
    """Districts with a local body and areas each (LGD codes bench-feed-…); their ids."""
    from geography.models import Area, District, Division, LocalBody, State

    state, _new = State.objects.get_or_create(
        lgd_code="bench-feed-s", defaults={"name_en": "Bench", "name_hi": "बेंच"}
    )
    division, _new = Division.objects.get_or_create(
        lgd_code="bench-feed-v", defaults={"name_en": "Bench", "name_hi": "बेंच", "state": state}
    )
    ids = []
    for d in range(districts):
        district, _new = District.objects.get_or_create(
            lgd_code=f"bench-feed-d{d}",
            defaults={"name_en": f"District {d}", "name_hi": f"ज़िला {d}", "division": division},
        )
        body, _new = LocalBody.objects.get_or_create(
            lgd_code=f"bench-feed-l{d}",
            defaults={
                "name_en": f"Body {d}",
                "name_hi": f"निकाय {d}",
                "district": district,
                "kind": LocalBody.Kind.JANPAD_PANCHAYAT,
            },
        )
        for a in range(areas_per_district):
            Area.objects.get_or_create(
                lgd_code=f"bench-feed-a{d}-{a}",
                defaults={
                    "name_en": f"Area {d}-{a}",
                    "name_hi": f"क्षेत्र {d}-{a}",
                    "local_body": body,
                    "kind": Area.Kind.GRAM_PANCHAYAT,
                },
            )
        ids.append(district.pk)
    return ids


def fill(target: int, districts: list[int]) -> None:
    """Rows up to ``target``: each in a random area of a random district, an hour apart in all
    over a year, the latest a minute old (none held back as too young)."""
    from django.db import connection

    from geography.models import Area
    from registry.models import RegisterChange

    have = RegisterChange.objects.count()
    if have >= target:
        print(f"change table: {have:,} rows already")
        return
    areas = list(
        Area.objects.filter(local_body__district_id__in=districts).values_list(
            "pk", "local_body__district_id"
        )
    )
    missing = target - have
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO registry_registerchange
                (kind, family_id, member_id, district_id, area_id, details, happened_at)
            SELECT (%(kinds)s::text[])[1 + g %% %(nkinds)s::int],
                   lpad((10000000 + (g * 7919) %% 89999999)::text, 8, '0'),
                   CASE WHEN g %% 9 = 8 THEN ''
                        ELSE lpad((100000000 + (g * 104729) %% 899999999)::text, 9, '0') END,
                   (%(districts)s::int[])[1 + (a %% %(nareas)s::int)],
                   (%(areas)s::int[])[1 + (a %% %(nareas)s::int)],
                   jsonb_build_object('date_of_death', %(day)s::text),
                   now() - interval '1 minute' - (%(missing)s::bigint - g) * interval '30 seconds'
            FROM generate_series(1, %(missing)s::bigint) AS g,
                 LATERAL (SELECT (hashint4(g::int) & 2147483647) AS a) AS r
            """,
            {
                "kinds": KINDS,
                "nkinds": len(KINDS),
                "districts": [d for _a, d in areas],
                "areas": [a for a, _d in areas],
                "nareas": len(areas),
                "day": date(2025, 1, 1).isoformat(),
                "missing": missing,
            },
        )
        cursor.execute("ANALYZE registry_registerchange")
    print(f"change table: inserted {missing:,} rows in {time.perf_counter() - started:.1f} s")


def clients(districts: list[int]) -> dict[str, str]:
    """Three clients (statewide, one district, three districts) and a bearer token each."""
    from django.utils import timezone

    from api.models import Scope
    from api.services import client_register, token_issue
    from geography.models import District

    admin = c.bench_admin()
    tokens = {}
    shapes = {"statewide": [], "one district": districts[:1], "three districts": districts[:3]}
    for name, chosen in shapes.items():
        credentials = client_register(
            actor=admin,
            name=f"Bench feed ({name})",
            department="Bench",
            scopes=[Scope.FEED],
            purposes=["bench"],
            statewide=not chosen,
            districts=list(District.objects.filter(pk__in=chosen)),
            rate_per_minute=10_000_000,
            expires_on=timezone.localdate() + timedelta(days=1),
        )
        tokens[name] = token_issue(
            client_id=credentials.client_id, client_secret=credentials.client_secret
        ).access_token
    return tokens


def explain(districts: list[int]) -> None:
    from django.db import connection

    middle = _middle_id()
    queries = {
        "statewide": (
            "SELECT id FROM registry_registerchange WHERE id > %s ORDER BY id LIMIT 1000",
            [middle],
        ),
        "one district": (
            "SELECT id FROM registry_registerchange WHERE district_id = %s AND id > %s "
            "ORDER BY district_id, id LIMIT 1000",
            [districts[0], middle],
        ),
    }
    with connection.cursor() as cursor:
        for name, (sql, params) in queries.items():
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
            print(f"plan ({name}): " + " | ".join(p.strip() for p in plan[:3]))


def _middle_id() -> int:
    from django.db.models import Max

    from registry.models import RegisterChange

    return (RegisterChange.objects.aggregate(top=Max("pk"))["top"] or 0) // 2


def measure(tokens: dict[str, str], pages: int) -> None:
    from django.db.models import Max
    from django.test import Client

    from api.models import ApiToken, DepartmentClient
    from api.services import _digest
    from api.v1.feed import _cursor
    from registry.models import RegisterChange

    top = RegisterChange.objects.aggregate(top=Max("pk"))["top"]
    http = Client()
    for name, token in tokens.items():
        client = DepartmentClient.objects.get(
            pk=ApiToken.objects.get(token_hash=_digest(token)).client_id
        )
        header: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        sizes: list[int] = []

        def page(cursor: str, header: dict[str, Any] = header, sizes: list[int] = sizes) -> str:
            response = http.get("/api/v1/changes", {"purpose": "bench", "cursor": cursor}, **header)
            if response.status_code != 200:
                raise RuntimeError(response.content[:300])
            body = response.json()
            sizes.append(len(body["changes"]))
            return str(body["next_cursor"])

        page(_cursor(client, 0, None))  # warm
        randoms = [
            _cursor(client, random.randrange(max(1, top * 9 // 10)), None) for _ in range(pages)
        ]
        spread = [_timed(lambda cursor=cursor: page(cursor)) for cursor in randoms]
        following: list[float] = []
        cursor = _cursor(client, 0, None)
        for _ in range(pages):
            started = time.perf_counter()
            cursor = page(cursor)
            following.append(time.perf_counter() - started)
        print(c.summary(f"{name}, random places", spread))
        print(c.summary(f"{name}, following the cursor", following))
        print(f"  changes a page: min {min(sizes)}, max {max(sizes)}")


def parts(tokens: dict[str, str], repeat: int) -> None:
    """Where a statewide page's time goes: the read, the answer's validation and JSON, and the
    read log (1,000 ApiRead rows)."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    from api.models import ApiToken
    from api.services import _digest, log_reads
    from api.v1.feed import ChangesOut, changes_page

    client = ApiToken.objects.get(token_hash=_digest(tokens["statewide"])).client
    after = _middle_id()
    page = changes_page(client, after=after, since=None, kinds=[], limit=1000)
    families = [(row["family_id"], [row["member_id"]] if row["member_id"] else []) for row in page]
    steps = {
        "read (selector)": lambda: changes_page(
            client, after=after, since=None, kinds=[], limit=1000
        ),
        "validate + JSON": lambda: json.dumps(
            ChangesOut.model_validate({"changes": page, "next_cursor": "x"}).model_dump(),
            cls=DjangoJSONEncoder,
        ),
        "read log (log_reads)": lambda: log_reads(
            client, purpose="bench", operation="feed", scopes=["feed"], families=families
        ),
    }
    for name, step in steps.items():
        print(c.summary(f"  statewide page, {name}", c.timed(step, repeat)))


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=1_000_000)
    parser.add_argument("--districts", type=int, default=8)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave the loaded portal in the garbage collector's passes (a worker freezes it: "
        "ops.gunicorn.post_worker_init)",
    )
    args = parser.parse_args()
    subprocess.run(  # noqa: S603 - the database, when missing (an error when it exists)
        ["psql", f"{c.SERVER}/postgres", "-qAt", "-c", f"CREATE DATABASE {c.DB}"],  # noqa: S607
        check=False,
        capture_output=True,
    )
    c.manage("migrate", "--noinput", "-v", "0")
    c.setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    districts = geography(args.districts, areas_per_district=20)
    fill(args.changes, districts)
    explain(districts)
    tokens = clients(districts)
    if not args.no_freeze:
        from ops.gunicorn import post_worker_init

        post_worker_init(worker=None)  # as a gunicorn worker of deploy/gunicorn.conf.py does
    print(f"gc.freeze: {'no' if args.no_freeze else 'yes (as deployed)'}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    measure(tokens, args.pages)
    parts(tokens, args.pages)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
