"""Bulk import of an existing register (families and members with their Samagra IDs) from the
two CSV files described in the README ("Scale: bulk import").

Families are taken in batches of ``batch_size`` in the order of families.csv; the members file
lists members grouped by family, in the same order, so both files are read once, side by side.
This process reads the files and cuts them into batches (scale.import_csv); worker processes
check every row (scale.import_batch, scale.import_rows) while this one writes the batch before. A batch is
written in one transaction together with its journal row (scale.ImportBatch) and one audit row
(scale.import_db), so an interrupted import leaves whole batches only and a second run with the
same files skips what the journal says is done.

A batch with a rejected row is not loaded at all unless ``skip_bad_families`` is set, which
loads the rest and leaves out only the families with a rejected row (and their members).
On PostgreSQL rows go by COPY straight into the register's tables; on other databases through
bulk_create.
"""

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from geography.models import Area, Village
from registry.models import Family, Member
from scale.import_batch import Checked, RawBatch, Taken, batch_ids, check_batch
from scale.import_csv import family_order, files_hash, read_batches, record_value
from scale.import_db import (
    IdTaken,
    defer_indexes,
    journal_rejected,
    pending_indexes,
    prepare_copy,
    rebuild_indexes,
    unique_ids_deferred,
    write_batch,
)
from scale.import_rows import Geography, Place
from scale.models import ImportBatch

DEFAULT_BATCH = 10_000  # families per batch (about 45,000 members)


@dataclass
class Progress:
    batch: int
    batches: int
    families: int
    members: int
    rejected: int
    skipped: bool
    indexes: int = 0  # set once, when the indexes of a first load are being rebuilt


@dataclass
class ImportReport:
    families: int = 0
    members: int = 0
    batches_loaded: int = 0
    batches_skipped: int = 0
    batches_rejected: int = 0
    rejected: list[str] = field(default_factory=list)  # "file:line: reason", rows only
    # Rows read (members also those refused while reading), skipped batches included.
    families_read: int = 0
    members_read: int = 0
    not_loaded: list[int] = field(default_factory=list)  # batches (from 1) with a rejected row
    batches_rejected_before: int = 0  # skipped: journaled as rejected by an earlier run

    @property
    def loaded_nothing(self) -> bool:
        """Nothing of these files is in the register, from this run or an earlier one."""
        return self.families == 0 and self.batches_skipped == self.batches_rejected_before

    # A first load's deferred indexes, unique constraints and foreign keys, rebuilt at its end.
    indexes_rebuilt: int = 0
    indexes_seconds: float = 0.0


def load_geography() -> Geography:
    return Geography(
        areas={
            code: Place(pk, kind == Area.Kind.GRAM_PANCHAYAT, local_body)
            for code, pk, kind, local_body in Area.objects.values_list(
                "lgd_code", "pk", "kind", "local_body_id"
            )
        },
        villages={
            code: (pk, area)
            for code, pk, area in Village.objects.values_list("lgd_code", "pk", "area_id")
        },
    )


class _Seen:
    """Every Family ID and Member ID in the register while its unique indexes are down (a first
    load): what they would refuse is found here instead. Numbers, not text: a few hundred
    megabytes at five million members."""

    def __init__(self) -> None:
        self.families: set[int] = set()
        self.members: set[int] = set()

    @classmethod
    def from_register(cls) -> "_Seen":
        seen = cls()  # a first load resumed: what earlier runs loaded
        seen.families.update(
            _numbers(Family.objects.values_list("family_id", flat=True).iterator(10_000))
        )
        seen.members.update(
            _numbers(Member.objects.values_list("member_id", flat=True).iterator(10_000))
        )
        return seen

    def taken(self, families: list[str], members: list[str]) -> Taken:
        found_families = self.families.intersection(_numbers(families))
        found_members = self.members.intersection(_numbers(members))
        return Taken(
            frozenset(f for f in families if f.isdigit() and int(f) in found_families),
            frozenset(m for m in members if m.isdigit() and int(m) in found_members),
        )

    def add(self, checked: Checked) -> None:
        self.families.update(_numbers(checked.family_ids))
        self.members.update(_numbers(checked.member_ids))


def _numbers(ids: Iterable[str]) -> Iterator[int]:
    return (int(i) for i in ids if i.isascii() and i.isdigit())


def _taken(batch: RawBatch, seen: _Seen | None) -> Taken:
    """The batch's IDs already in the register: from ``seen`` while the unique indexes are
    down, else by two bounded queries on them."""
    families, members = batch_ids(batch)
    if seen is not None:
        return seen.taken(families, members)
    return Taken(
        frozenset(existing_family_ids(families)),
        frozenset(member for member, _family in existing_member_ids(members)),
    )


def _chunks(values: list[str], size: int = 900) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_family_ids(ids: list[str]) -> list[str]:
    if connection.vendor == "postgresql":  # one array parameter instead of 10,000
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT family_id FROM {Family._meta.db_table} WHERE family_id = ANY(%s)",  # noqa: S608
                [ids],
            )
            return [row[0] for row in cursor.fetchall()]
    return [
        fid
        for chunk in _chunks(ids)
        for fid in Family.objects.filter(family_id__in=chunk).values_list("family_id", flat=True)
    ]


def existing_member_ids(ids: list[str]) -> list[tuple[str, str]]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.member_id, f.family_id FROM {Member._meta.db_table} m "  # noqa: S608
                f"JOIN {Family._meta.db_table} f ON f.id = m.family_id "
                "WHERE m.member_id = ANY(%s)",
                [ids],
            )
            return list(cursor.fetchall())
    return [
        pair
        for chunk in _chunks(ids)
        for pair in Member.objects.filter(member_id__in=chunk).values_list(
            "member_id", "family__family_id"
        )
    ]


def _already_loaded(batch: RawBatch, seen: _Seen | None) -> bool:
    """A batch whose families are all in the register already (a corrected file run again)."""
    ids = [record_value(record, 0) for record in batch.family_records]
    if seen is not None:
        return bool(ids) and len(seen.taken(ids, []).families) == len(set(ids))
    return bool(ids) and len(existing_family_ids(ids)) == len(ids)


# The checking processes' copy of what every batch needs (inherited when they are forked).
_worker: dict[str, Any] = {}


def _worker_start(geo: Geography, names: tuple[str, str], language: str) -> None:
    _worker.update(geo=geo, names=names)
    translation.activate(language)


def _worker_check(batch: RawBatch, today: date, as_copy: bool) -> Checked:
    return check_batch(batch, _worker["geo"], _worker["names"], today, as_copy=as_copy)


class _Done:
    """The result of a check done in this process (no workers), with a pool result's get()."""

    def __init__(self, checked: Checked) -> None:
        self.checked = checked

    def get(self) -> Checked:
        return self.checked


@contextmanager
def _checker(
    workers: int, geo: Geography, names: tuple[str, str]
) -> Iterator[Callable[[RawBatch, date, bool], Any]]:
    """submit(batch, today, as_copy) → something whose get() is the Checked batch. With workers
    the checks run in that many forked processes, the main process meanwhile writing."""
    if workers <= 0:
        yield lambda batch, today, as_copy: _Done(
            check_batch(batch, geo, names, today, as_copy=as_copy)
        )
        return
    # fork: the workers inherit the geography and Django's set-up instead of rebuilding them;
    # they never use the database connection they inherit.
    context = multiprocessing.get_context("fork")
    language = translation.get_language() or settings.LANGUAGE_CODE
    with context.Pool(workers, _worker_start, (geo, names, language)) as pool:
        yield lambda batch, today, as_copy: pool.apply_async(_worker_check, (batch, today, as_copy))


def default_workers() -> int:
    """One checking process a core: this process mostly waits for the database (measured at 5 M
    members on 2 cores: this one at 10 % of a core while its one worker was at 99 %)."""
    return max(1, min(8, os.cpu_count() or 2))


@dataclass
class _Run:
    key: str
    names: tuple[str, str]
    geo: Geography
    actor: object
    skip_bad_families: bool
    seen: _Seen | None
    report: ImportReport = field(default_factory=ImportReport)

    def finish(self, batch: RawBatch, checked: Checked) -> None:
        """Write a checked batch, or journal it as rejected. A batch the unique indexes refuse
        (an ID already in the register) is checked again knowing which IDs are taken: asking
        the register only then keeps two queries a batch off the common path."""
        if checked.rejected and not self.skip_bad_families:
            taken = _taken(batch, self.seen)  # so that the report names those too
            if taken.families or taken.members:
                checked = self._recheck(batch, taken)
            self._reject(batch, checked)
            return
        if self.seen is not None:
            taken = self.seen.taken(checked.family_ids, checked.member_ids)
            if taken.families or taken.members:
                checked = self._recheck(batch, taken)
                if checked.rejected and not self.skip_bad_families:
                    self._reject(batch, checked)
                    return
        try:
            write_batch(key=self.key, checked=checked, actor=self.actor)
        except IdTaken:
            taken = _taken(batch, self.seen)
            if not (taken.families or taken.members):
                raise
            checked = self._recheck(batch, taken)
            if checked.rejected and not self.skip_bad_families:
                self._reject(batch, checked)
                return
            write_batch(key=self.key, checked=checked, actor=self.actor)
        if self.seen is not None:
            self.seen.add(checked)
        self.report.rejected += checked.rejected
        self.report.batches_loaded += 1
        self.report.families += checked.families
        self.report.members += checked.members

    def _recheck(self, batch: RawBatch, taken: Taken) -> Checked:
        as_copy = connection.vendor == "postgresql"
        return check_batch(
            batch, self.geo, self.names, timezone.localdate(), as_copy=as_copy, taken=taken
        )

    def _reject(self, batch: RawBatch, checked: Checked) -> None:
        self.report.rejected += checked.rejected
        journal_rejected(
            key=self.key, number=batch.number, rejected=checked.rejected, actor=self.actor
        )
        self.report.batches_rejected += 1
        self.report.not_loaded.append(batch.number + 1)


def run_import(
    families_path: Path,
    members_path: Path,
    *,
    actor: object = None,
    batch_size: int = DEFAULT_BATCH,
    skip_bad_families: bool = False,
    progress: Callable[[Progress], None] | None = None,
    stop_after: int | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import both files; ``stop_after`` batches end the run early, as an interruption would
    (to test resuming). ``workers`` checking processes (default: one a core; 0: check
    in this process).

    Into an empty register (a first load) on PostgreSQL the register's indexes, unique
    constraints and foreign keys are dropped first and rebuilt at the end (scale.import_db.defer_indexes); a
    run that is interrupted leaves them to the next run, which rebuilds them when it ends."""
    key = files_hash(families_path, members_path, batch_size=batch_size)
    order = family_order(families_path)
    batches = (len(order) + batch_size - 1) // batch_size
    done = {
        b.batch_number: b
        for b in ImportBatch.objects.filter(files_hash=key).only(
            "batch_number", "status", "rejections", "families", "members"
        )
    }
    empty = not Family.objects.exists()
    if empty:
        defer_indexes()
    seen = None
    if unique_ids_deferred():
        seen = _Seen() if empty else _Seen.from_register()
    as_copy = connection.vendor == "postgresql"
    names = (families_path.name, members_path.name)
    run = _Run(key, names, load_geography(), actor, skip_bad_families, seen)
    report = run.report
    workers = default_workers() if workers is None else workers
    window: deque[tuple[RawBatch, Any, bool]] = deque()

    def settle() -> None:
        batch, result, skipped = window.popleft()
        if result is not None:
            run.finish(batch, result.get())
        if progress is not None:
            progress(
                Progress(
                    batch.number + 1,
                    batches,
                    report.families,
                    report.members,
                    len(report.rejected),
                    skipped,
                )
            )

    stopped = False
    with _checker(workers, run.geo, names) as submit:
        for count, batch in enumerate(read_batches(families_path, members_path, batch_size, order)):
            if stop_after is not None and count >= stop_after:
                stopped = True
                break
            report.families_read += len(batch.family_records)
            report.members_read += len(batch.member_records) + len(batch.rejected)
            journal = done.get(batch.number)
            if journal is not None:
                report.rejected += [r for r in journal.rejections.splitlines() if r]
                if journal.status == ImportBatch.Status.REJECTED:
                    report.batches_rejected_before += 1
                    report.not_loaded.append(batch.number + 1)
            if journal is not None or (not empty and _already_loaded(batch, seen)):
                report.batches_skipped += 1
                window.append((batch, None, True))
            else:
                if as_copy:
                    prepare_copy(batch)
                window.append((batch, submit(batch, timezone.localdate(), as_copy), False))
            while len(window) > workers + 1:  # the writer never waits for a check to start
                settle()
        while window:
            settle()
    if not stopped:
        count = pending_indexes()
        if count and progress is not None:
            progress(
                Progress(
                    batches,
                    batches,
                    report.families,
                    report.members,
                    len(report.rejected),
                    False,
                    indexes=count,
                )
            )
        rebuilding = time.perf_counter()
        report.indexes_rebuilt = rebuild_indexes()
        report.indexes_seconds = time.perf_counter() - rebuilding
    return report
