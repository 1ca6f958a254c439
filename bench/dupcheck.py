"""The duplicate check one new family's registration triggers (registration.duplicates
.find_candidates for every member), against the register in BENCH_DB.

    uv run python bench/dupcheck.py [--families 300]

Each probe is a family built from a registered one (so candidates exist, the realistic worst
case), placed in the same area, not saved. The floor is the same number of database round
trips (two per member: the register and the pending applications) as SELECT 1.
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

    from registration.duplicates import find_candidates
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
    probes = []
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
    print(
        f"register: {c.member_count():,} members; {len(probes)} families, "
        f"{sum(map(len, probes))} members checked; load average {os.getloadavg()[0]:.1f}"
    )
    found = 0

    def check(members: list[ApplicationMember]) -> None:
        nonlocal found
        for applicant in members:
            found += len(find_candidates(applicant))

    def floor(members: list[ApplicationMember]) -> None:
        with connection.cursor() as cursor:
            for _ in range(2 * len(members)):
                cursor.execute("SELECT 1")
                cursor.fetchone()

    pit = iter(probes)
    floor_t = c.timed(lambda: floor(next(pit)), len(probes))
    pit = iter(probes)
    check_t = c.timed(lambda: check(next(pit)), len(probes))
    print(c.summary("floor: the same round trips as SELECT 1", floor_t))
    p99 = c.percentile(check_t, 0.99) * 1000
    print(
        f"{c.summary('duplicate check per new family', check_t)}  "
        f"x{c.percentile(check_t, 0.99) / c.percentile(floor_t, 0.99):.1f} the floor's p99; "
        f"target p99 < 100 ms: {'met' if p99 < 100 else 'MISSED'}; {found} candidates found"
    )


if __name__ == "__main__":
    main()
