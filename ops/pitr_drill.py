"""The restore drill: a backup with point-in-time recovery, restored and checked, end to end.

    uv run python -m ops.pitr_drill [--families 300] [--keep]

On a scratch PostgreSQL cluster of its own (initdb in a temporary folder, its own port, nothing
shared with the running server) it does what docs/deployment.md ("Backups and a tested
restore") asks of production, with PostgreSQL's own tools:

1. a primary with continuous WAL archiving (archive_command copies each segment away);
2. the portal's schema (``migrate``) and a register loaded by ``import_register``;
3. a base backup (``pg_basebackup``, checked with ``pg_verifybackup``);
4. work after the backup (a tenth of the families change address), then the recovery target
   time is noted, then a mistake (every member's name and every family's house number
   overwritten by hand in SQL);
5. the backup restored into a new folder, WAL replayed from the archive up to the target time,
   the restored server promoted;
6. checks on the restored register: the families' addresses are those at the target time (the
   work after the backup is there, the mistake is not), member and audit counts are those at
   the target time, ``migrate --check`` finds nothing to apply and ``check --database default``
   passes.

Prints each step's time (the restore's is the recovery time to plan for) and ends with
"RESTORE DRILL PASSED", or exits non-zero saying what differed. Needs PostgreSQL's server
programs (Debian: /usr/lib/postgresql/<version>/bin); run as root, it runs them as the
``postgres`` user, as initdb refuses root.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import psycopg

from core.net import free_port

ROOT = Path(__file__).resolve().parent.parent
CHECKSUM_FAMILIES = (
    "SELECT count(*), md5(coalesce(string_agg(family_id || ':' || house_number, ',' "
    "ORDER BY family_id), '')) FROM registry_family"
)
CHECKSUM_MEMBERS = (
    "SELECT count(*), md5(coalesce(string_agg(member_id || ':' || name_en, ',' "
    "ORDER BY member_id), '')) FROM registry_member"
)
COUNT_AUDIT = "SELECT count(*) FROM audit_auditevent"


class DrillFailed(Exception):
    pass


def pg_bin() -> Path:
    """The folder of PostgreSQL's server programs (PG_BIN, else the newest Debian install)."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if not found:
        on_path = shutil.which("initdb")
        if on_path is None:
            raise DrillFailed("PostgreSQL's server programs (initdb) were not found; set PG_BIN.")
        return Path(on_path).parent
    return found[-1].parent


class Cluster:
    """One scratch PostgreSQL server: its data folder, its port, its log."""

    def __init__(self, bin_dir: Path, data: Path, as_postgres: bool) -> None:
        self.bin, self.data, self.as_postgres = bin_dir, data, as_postgres
        self.port = free_port()
        self.log = data.parent / f"{data.name}.log"

    def run(self, program: str, *args: str | Path) -> None:
        command = [str(self.bin / program), *map(str, args)]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise DrillFailed(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        self.run(
            "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "120", "-o",
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            "start",
        )  # fmt: skip

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def query(self, sql: str) -> tuple[object, ...]:
        with psycopg.connect(self.url, autocommit=True) as conn:
            row = conn.execute(sql).fetchone()  # type: ignore[arg-type]  # our own constants
        if row is None:
            raise DrillFailed(f"no row for: {sql}")
        return tuple(row)

    def execute(self, *statements: str) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[arg-type]  # our own constants


def manage(url: str, *args: str | Path | int) -> None:
    env = {**os.environ, "DATABASE_URL": url, "SAMAGRA_DEBUG": "1"}
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DrillFailed(f"manage.py {args[0]} failed: {result.stderr.strip()[-2000:]}")


@contextmanager
def step(seconds: dict[str, float], name: str) -> Iterator[None]:
    """Announce a step and note how long it took."""
    print(f"… {name}", flush=True)
    started = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - started


def drill(work: Path, families: int, *, late_target: bool = False) -> dict[str, float]:
    """``late_target`` notes the target time after the mistake instead of before: the restore
    then brings the mistake back and the checks must say so (the drill's own test of itself)."""
    bin_dir = pg_bin()
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(work, "postgres")
    archive, state = work / "wal-archive", work / "state"
    archive.mkdir()
    state.mkdir()
    if as_postgres:
        shutil.chown(archive, "postgres")
    seconds: dict[str, float] = {}

    primary = Cluster(bin_dir, work / "primary", as_postgres)
    with step(seconds, "primary with WAL archiving"):
        primary.run("initdb", "-D", primary.data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        with (primary.data / "postgresql.conf").open("a") as conf:
            conf.write(
                "wal_level = replica\narchive_mode = on\n"
                f"archive_command = 'test ! -f {archive}/%f && cp %p {archive}/%f'\n"
                # A scratch cluster that has no crash to survive: no fsync, for speed.
                "fsync = off\n"
            )
        primary.start()
    try:
        with step(seconds, f"schema and a register of {families} families"):
            manage(primary.url, "migrate", "-v0")
            manage(primary.url, "synth_state", "--families", families, "--districts", 2,
                   "--local-bodies", 2, "--areas", 4, "--out", state)  # fmt: skip
            manage(primary.url, "import_geography", state / "geography")
            manage(primary.url, "import_register", state / "families.csv",
                   state / "members.csv", "--quiet-progress", "--language", "en")  # fmt: skip
        base = work / "base"
        with step(seconds, "base backup (pg_basebackup, pg_verifybackup)"):
            primary.run("pg_basebackup", "-d", primary.url, "-D", base, "-X", "none",
                        "-c", "fast")  # fmt: skip
            primary.run("pg_verifybackup", "-n", base)  # WAL comes from the archive
        # Work after the backup: only WAL replay can bring it back.
        primary.execute(
            "UPDATE registry_family SET house_number = house_number || '-B' WHERE id % 10 = 0"
        )
        expected = (
            primary.query(CHECKSUM_FAMILIES),
            primary.query(CHECKSUM_MEMBERS),
            primary.query(COUNT_AUDIT),
        )
        (target,) = primary.query("SELECT now()::text")
        time.sleep(1.1)
        # The mistake to undo, committed after the target time.
        primary.execute(
            "UPDATE registry_member SET name_en = 'OVERWRITTEN'",
            "UPDATE registry_family SET house_number = ''",
        )
        if primary.query(CHECKSUM_MEMBERS) == expected[1]:
            raise DrillFailed("the mistake changed nothing: the drill would prove nothing")
        if late_target:
            time.sleep(1.1)
            (target,) = primary.query("SELECT now()::text")
            primary.execute("SELECT txid_current()")  # a commit after it, for recovery to stop
        (segment,) = primary.query("SELECT pg_walfile_name(pg_switch_wal())")
        _wait_archived(primary, str(segment))
    finally:
        primary.stop()

    restored = Cluster(bin_dir, work / "restored", as_postgres)
    with step(seconds, f"restore to {target} and promote"):
        shutil.copytree(base, restored.data)
        if as_postgres:
            subprocess.run(["chown", "-R", "postgres:", str(restored.data)], check=True)  # noqa: S603,S607
        with (restored.data / "postgresql.conf").open("a") as conf:
            conf.write(
                "archive_mode = off\n"
                f"restore_command = 'cp {archive}/%f %p'\n"
                f"recovery_target_time = '{target}'\n"
                "recovery_target_action = 'promote'\n"
            )
        (restored.data / "recovery.signal").touch()
        if as_postgres:
            shutil.chown(restored.data / "recovery.signal", "postgres")
        restored.start()
        _wait_promoted(restored)
    try:
        with step(seconds, "checks on the restored register"):
            found = (
                restored.query(CHECKSUM_FAMILIES),
                restored.query(CHECKSUM_MEMBERS),
                restored.query(COUNT_AUDIT),
            )
            for what, want, got in zip(
                ("families' addresses", "members' names", "audit events"),
                expected,
                found,
                strict=True,
            ):
                if want != got:
                    raise DrillFailed(f"{what} differ after the restore: {got} instead of {want}")
            manage(restored.url, "migrate", "--check")
            manage(restored.url, "check", "--database", "default")
    finally:
        restored.stop()
    families_count, _digest = found[0]
    members_count, _digest = found[1]
    print(f"restored: {families_count} families, {members_count} members, {found[2][0]} audit "
          "events, as at the target time")  # fmt: skip
    return seconds


def _wait_archived(cluster: Cluster, segment: str, timeout: float = 60) -> None:
    """Until the WAL segment holding the last commits is in the archive."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        (last,) = cluster.query("SELECT last_archived_wal FROM pg_stat_archiver")
        if last is not None and str(last) >= segment:
            return
        time.sleep(0.2)
    raise DrillFailed(f"WAL was not archived in {timeout:.0f} s (last {last}, need {segment})")


def _wait_promoted(cluster: Cluster, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not (cluster.data / "postmaster.pid").exists():
            log = cluster.log.read_text(errors="replace")[-2000:]
            raise DrillFailed(f"the restored server stopped during recovery:\n{log}")
        try:
            (recovering,) = cluster.query("SELECT pg_is_in_recovery()")
            if recovering is False:
                return
        except psycopg.OperationalError:
            pass
        time.sleep(0.2)
    raise DrillFailed(f"the restored server was not promoted in {timeout:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--late-target", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="samagra-pitr-"))
    try:
        seconds = drill(work, args.families, late_target=args.late_target)
    except DrillFailed as exc:
        kept = f" (scratch folder: {work})" if args.keep else " (--keep keeps the scratch folder)"
        print(f"RESTORE DRILL FAILED: {exc}{kept}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 1
    for name, took in seconds.items():
        print(f"{name}: {took:.1f} s")
    print("RESTORE DRILL PASSED")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
