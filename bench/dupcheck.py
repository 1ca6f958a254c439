"""The duplicate check one new family's registration triggers (registration.duplicates
.family_candidates for its members), against the register in BENCH_DB.

    uv run python bench/dupcheck.py [--families 300]

Each probe is a family built from a registered one (so candidates exist, the realistic worst
case), placed in the same area, not saved. A second run checks the same families with every
name changed to one the register does not hold (a new family: nothing strong in the local body,
so the district is searched too). The floor is the same number of database round trips as the
check made, counted in the same run, as SELECT 1.
"""

import argparse
import os
import random

import _common as c


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=300)
    args = parser.parse_args()
    c.setup_django()
    from django.db import connection

    from registration.duplicates import family_candidates
    from registration.models import Application, ApplicationMember
    from registry.models import Family

    rng = random.Random(2)
    low, high = c.pk_range()
    families = list(
        Family.objects.filter(
            members__pk__in=[rng.randrange(low, high) for _ in range(args.families)]
        )
        .select_related("area__local_body")
        .prefetch_related("members")
        .distinct()[: args.families]
    )
    probes, strangers = [], []
    for family in families:
        app = Application(area=family.area, village=family.village)
        members = []
        for m in family.members.all():
            members.append(
                ApplicationMember(
                    application=app,
                    name_en=m.name_en,
                    name_hi=m.name_hi,
                    gender=m.gender,
                    date_of_birth=m.date_of_birth,
                    birth_year=m.birth_year,
                    father_or_husband_name=m.father_or_husband_name,
                    name_key=m.name_key,
                )
            )
        probes.append(members)
        strangers.append([_stranger(m) for m in members])
    print(
        f"register: {c.member_count():,} members; {len(probes)} families, "
        f"{sum(map(len, probes))} members checked; load average {os.getloadavg()[0]:.1f}"
    )
    for label, families_ in (
        ("duplicate check per new family", probes),
        ("the same, every name new to the register", strangers),
    ):
        _measure(label, families_, family_candidates, connection)


def _stranger(m):  # type: ignore[no-untyped-def]
    """The same person with a surname nobody in the synthetic register has: same name key, so
    the same namesakes are read, none of them close enough to be strong."""
    from registration.models import ApplicationMember
    from registry.names import first_name_key

    name_en = f"{m.name_en.split()[0]} Zyqxwvt"
    name_hi = f"{m.name_hi.split()[0]} ज़्यक़्ख़्वट"
    return ApplicationMember(
        application=m.application,
        name_en=name_en,
        name_hi=name_hi,
        gender=m.gender,
        date_of_birth=m.date_of_birth,
        birth_year=m.birth_year,
        father_or_husband_name=f"{m.father_or_husband_name}qz",
        name_key=first_name_key(name_en, name_hi),
    )


def _measure(label, probes, check_family, connection) -> None:  # type: ignore[no-untyped-def]
    found = trips = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal trips
        trips += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        for members in probes:  # once untimed: counts round trips, warms the caches
            found += sum(map(len, check_family(members)))
    per_family = [trips / len(probes)] * len(probes)

    def floor(n: float) -> None:
        with connection.cursor() as cursor:
            for _ in range(round(n)):
                cursor.execute("SELECT 1")
                cursor.fetchone()

    fit = iter(per_family)
    floor_t = c.timed(lambda: floor(next(fit)), len(probes))
    pit = iter(probes)
    check_t = c.timed(lambda: check_family(next(pit)), len(probes))
    print(c.summary(f"floor: {trips / len(probes):.1f} round trips as SELECT 1", floor_t))
    p99 = c.percentile(check_t, 0.99) * 1000
    print(
        f"{c.summary(label, check_t)}  "
        f"x{c.percentile(check_t, 0.99) / c.percentile(floor_t, 0.99):.1f} the floor's p99; "
        f"target p99 < 100 ms: {'met' if p99 < 100 else 'MISSED'}; {found} candidates found"
    )


if __name__ == "__main__":
    main()
