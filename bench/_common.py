"""Shared by the benchmarks: the bench database, the synthetic state on disk, timing helpers.

Every bench uses the PostgreSQL database ``BENCH_DB`` (default scale_bench on
postgres://postgres@127.0.0.1:5432) and the CSVs under var/bench/state-<families>/.
"""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the portal's modules, for the benches that use them (core.net)
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "scale_bench")
MEMBERS_PER_FAMILY = 4.2  # what the generator averages


def database_url() -> str:
    return f"{SERVER}/{DB}"


def setup_django() -> None:
    os.environ.setdefault("SAMAGRA_DEBUG", "1")
    os.environ["DATABASE_URL"] = database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samagra.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log kept in memory while measuring


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    full_env = {**os.environ, "SAMAGRA_DEBUG": "1", "DATABASE_URL": database_url(), **(env or {})}
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args], check=True, env=full_env, cwd=ROOT
    )


def psql(sql: str, db: str = "postgres") -> None:
    subprocess.run(  # noqa: S603
        ["psql", f"{SERVER}/{db}", "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],  # noqa: S607
        check=True,
    )


def state_dir(members: int) -> Path:
    families = max(50, round(members / MEMBERS_PER_FAMILY))
    path = Path(os.environ.get("BENCH_STATE", ROOT / "var" / "bench" / f"state-{families}"))
    if not (path / "duplicates.csv").exists():
        print(f"generating {families} families into {path} …", flush=True)
        manage("synth_state", "--families", str(families), "--seed", "1", "--out", str(path))
    return path


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"{name}: n={len(ms)} p50={percentile(ms, 0.5):.2f} ms p99={percentile(ms, 0.99):.2f} ms "
        f"mean={statistics.fmean(ms):.2f} ms"
    )


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def member_count() -> int:
    from registry.models import Member

    return Member.objects.count()


def pk_range() -> tuple[int, int]:
    from django.db.models import Max, Min

    from registry.models import Member

    r = Member.objects.aggregate(low=Min("pk"), high=Max("pk"))
    return r["low"], r["high"]


def bench_admin():  # type: ignore[no-untyped-def]
    """A state admin for the benches (sees the whole register)."""
    from officials.models import Designation, Official, Role

    admin, _created = Official.objects.get_or_create(
        user_id="bench-admin",
        defaults={
            "name": "Bench Admin",
            "mobile": "6999999999",
            "role": Role.STATE_ADMIN,
            "designation": Designation.MISSION_OFFICER,
            "must_change_password": False,
        },
    )
    return admin


def bench_local_body_officer(local_body_id: int):  # type: ignore[no-untyped-def]
    """A local body officer of that local body: a name search is within their local body."""
    from geography.models import LocalBody
    from officials.models import Designation, Official, Role

    local_body = LocalBody.objects.select_related("district").get(pk=local_body_id)
    officer, _created = Official.objects.get_or_create(
        user_id=f"bench-lb-{local_body_id}",
        defaults={
            "name": "Bench Officer",
            "mobile": f"68{local_body_id:08d}",  # unique a local body
            "role": Role.LOCAL_BODY_OFFICER,
            "designation": Designation.CEO_JANPAD_PANCHAYAT,
            "district": local_body.district,
            "local_body": local_body,
            "must_change_password": False,
        },
    )
    return officer
