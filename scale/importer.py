"""Bulk import of an existing register (families and members with their Samagra IDs) from the
two CSV files described in the README ("Scale: bulk import").

Families are taken in batches of ``batch_size`` in the order of families.csv; the members file
lists members grouped by family, in the same order, so both files are read once, side by side.
Every row is checked (scale.import_rows); a batch is written in one transaction together with its
journal row (scale.ImportBatch) and one audit row, so an interrupted import leaves whole batches
only and a second run with the same files skips what the journal says is done.

A batch with a rejected row is not loaded at all unless ``skip_bad_families`` is set, which
loads the rest and leaves out only the families with a rejected row (and their members).
On PostgreSQL rows go through COPY into temporary staging tables, then INSERT … SELECT; on
other databases through bulk_create.
"""

import csv
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from geography.models import Area, Village
from registry.models import Family, Member, Relation
from scale import import_rows as rows
from scale.import_rows import FAMILY_COLUMNS, MEMBER_COLUMNS, Geography, Place, RowError
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


@dataclass
class ImportReport:
    families: int = 0
    members: int = 0
    batches_loaded: int = 0
    batches_skipped: int = 0
    batches_rejected: int = 0
    rejected: list[str] = field(default_factory=list)


@dataclass
class _Batch:
    number: int
    families: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, row)
    members: list[tuple[int, list[str]]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)


def files_hash(*paths: Path, batch_size: int) -> str:
    digest = hashlib.sha256(str(batch_size).encode())
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def load_geography() -> Geography:
    return Geography(
        areas={
            code: Place(pk, kind == Area.Kind.GRAM_PANCHAYAT)
            for code, pk, kind in Area.objects.values_list("lgd_code", "pk", "kind")
        },
        villages={
            code: (pk, area)
            for code, pk, area in Village.objects.values_list("lgd_code", "pk", "area_id")
        },
    )


def _reader(path: Path, columns: list[str]) -> Iterator[tuple[int, list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        if header != columns:
            raise RowError(
                _("%(file)s:1: the columns must be: %(columns)s")
                % {"file": path.name, "columns": ",".join(columns)}
            )
        for line, row in enumerate(reader, start=2):
            if any(value.strip() for value in row):  # blank lines are not rows
                yield line, row


def _family_order(path: Path) -> dict[str, int]:
    """Family ID → its place in families.csv (first occurrence), read once before importing."""
    order: dict[str, int] = {}
    for index, (_line, row) in enumerate(_reader(path, FAMILY_COLUMNS)):
        if row:
            order.setdefault(row[0].strip(), index)
    return order


def _batches(
    families_path: Path, members_path: Path, batch_size: int, order: dict[str, int]
) -> Iterator[_Batch]:
    members = _reader(members_path, MEMBER_COLUMNS)
    pending = next(members, None)
    batch = _Batch(0, order=order)
    for index, (line, row) in enumerate(_reader(families_path, FAMILY_COLUMNS)):
        if index // batch_size != batch.number:
            pending = _take_members(batch, members, pending, order, batch_size, members_path)
            yield batch
            batch = _Batch(index // batch_size, order=order)
        batch.families.append((line, row))
    _take_members(batch, members, pending, order, batch_size, members_path)
    yield batch


def _take_members(
    batch: _Batch,
    members: Iterator[tuple[int, list[str]]],
    pending: tuple[int, list[str]] | None,
    order: dict[str, int],
    batch_size: int,
    path: Path,
) -> tuple[int, list[str]] | None:
    """Move the members of ``batch``'s families from the reader; return the first later one."""
    while pending is not None:
        line, row = pending
        family_id = row[1].strip() if len(row) > 1 else ""
        position = order.get(family_id)
        if position is not None and position // batch_size > batch.number:
            return pending
        if position is None:
            batch.rejected.append(
                f"{path.name}:{line}: "
                + _("Family %(id)r is not in the families file.") % {"id": family_id}
            )
        elif position // batch_size < batch.number:
            batch.rejected.append(
                f"{path.name}:{line}: "
                + _("Out of order: members must follow their families' order in the families file.")
            )
        else:
            batch.members.append(pending)
        pending = next(members, None)
    return None


@dataclass
class _Checked:
    families: list[tuple[object, ...]]
    members: list[tuple[object, ...]]
    rejected: list[str]


def _check(batch: _Batch, geo: Geography, names: tuple[str, str], first: int) -> _Checked:
    """Every row of a batch; the rows of a family with a rejected row are held back.
    ``first`` is the place in the families file of the batch's first family."""
    fam_file, mem_file = names
    rejected = list(batch.rejected)
    bad_families: set[str] = set()
    families: dict[str, tuple[object, ...]] = {}
    for offset, (line, row) in enumerate(batch.families):
        try:
            values = rows.family_values(row, geo)
            if values[0] in families or batch.order.get(values[0]) != first + offset:
                raise RowError(_("The Family ID %(id)s appears twice.") % {"id": values[0]})
            families[values[0]] = values
        except RowError as exc:
            rejected.append(f"{fam_file}:{line}: {exc}")
            bad_families.add(row[0].strip() if row else "")
    today = timezone.localdate()
    members: list[tuple[object, ...]] = []
    member_lines: dict[str, int] = {}
    heads: dict[str, list[int]] = {}
    for line, row in batch.members:
        try:
            member = rows.member_values(row, today)
            member_id, family_id = str(member[0]), str(member[1])
            if member_id in member_lines:
                raise RowError(
                    _("The Member ID %(id)s appears twice (also on line %(line)d).")
                    % {"id": member_id, "line": member_lines[member_id]}
                )
            member_lines[member_id] = line
            if member[6] == Relation.HEAD:
                heads.setdefault(family_id, []).append(line)
            members.append(member)
        except RowError as exc:
            rejected.append(f"{mem_file}:{line}: {exc}")
            bad_families.add(row[1].strip() if len(row) > 1 else "")
    for family_id in families:
        lines = heads.get(family_id, [])
        if len(lines) != 1 and family_id not in bad_families:
            bad_families.add(family_id)
            reason = (
                _("Family %(id)s has no head.") % {"id": family_id}
                if not lines
                else _("Family %(id)s has %(count)d heads (lines %(lines)s); it must have one.")
                % {"id": family_id, "count": len(lines), "lines": ", ".join(map(str, lines))}
            )
            rejected.append(f"{mem_file}:{lines[-1] if lines else '-'}: {reason}")
    _check_against_register(families, member_lines, rejected, bad_families, names)
    return _Checked(
        [v for k, v in families.items() if k not in bad_families],
        [v for v in members if v[1] not in bad_families],
        rejected,
    )


def _check_against_register(
    families: dict[str, tuple[object, ...]],
    member_lines: dict[str, int],
    rejected: list[str],
    bad_families: set[str],
    names: tuple[str, str],
) -> None:
    """IDs already in the register (two bounded queries per batch, on the unique indexes)."""
    for family_id in existing_family_ids(list(families)):
        rejected.append(
            f"{names[0]}:-: "
            + _("The Family ID %(id)s is already in the register.") % {"id": family_id}
        )
        bad_families.add(family_id)
    for member_id, family_id in existing_member_ids(list(member_lines)):
        rejected.append(
            f"{names[1]}:{member_lines[member_id]}: "
            + _("The Member ID %(id)s is already in the register.") % {"id": member_id}
        )
        bad_families.add(family_id)


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


def _already_loaded(batch: _Batch) -> bool:
    """A batch whose families are all in the register already (a corrected file run again)."""
    ids = [row[0].strip() for _line, row in batch.families if row]
    return bool(ids) and len(existing_family_ids(ids)) == len(ids)


def run_import(
    families_path: Path,
    members_path: Path,
    *,
    actor: object = None,
    batch_size: int = DEFAULT_BATCH,
    skip_bad_families: bool = False,
    progress: Callable[[Progress], None] | None = None,
    stop_after: int | None = None,
) -> ImportReport:
    """Import both files; ``stop_after`` batches end the run early (to test resuming)."""
    from scale.import_db import write_batch

    report = ImportReport()
    key = files_hash(families_path, members_path, batch_size=batch_size)
    order = _family_order(families_path)
    batches = (len(order) + batch_size - 1) // batch_size
    done = {
        b.batch_number: b
        for b in ImportBatch.objects.filter(files_hash=key).only(
            "batch_number", "status", "rejections", "families", "members"
        )
    }
    geo = load_geography()
    names = (families_path.name, members_path.name)
    for count, batch in enumerate(_batches(families_path, members_path, batch_size, order)):
        if stop_after is not None and count >= stop_after:
            break
        journal = done.get(batch.number)
        skipped = journal is not None or _already_loaded(batch)
        checked = None
        if journal is not None:
            report.rejected += [r for r in journal.rejections.splitlines() if r]
        elif not skipped:
            checked = _check(batch, geo, names, batch.number * batch_size)
            report.rejected += checked.rejected
        if skipped:
            report.batches_skipped += 1
        elif checked is not None and checked.rejected and not skip_bad_families:
            _journal_rejected(key, batch, checked, actor)
            report.batches_rejected += 1
            report.rejected.append(
                _("Batch %(number)d was not loaded because of the rejected rows above.")
                % {"number": batch.number + 1}
            )
        elif checked is not None:
            write_batch(
                key=key,
                number=batch.number,
                families=checked.families,
                members=checked.members,
                rejected=checked.rejected,
                actor=actor,
            )
            report.batches_loaded += 1
            report.families += len(checked.families)
            report.members += len(checked.members)
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
    return report


def _journal_rejected(key: str, batch: _Batch, checked: _Checked, actor: object) -> None:
    with transaction.atomic():
        entry = ImportBatch.objects.create(
            files_hash=key,
            batch_number=batch.number,
            status=ImportBatch.Status.REJECTED,
            rejected_rows=len(checked.rejected),
            rejections="\n".join(checked.rejected),
        )
        audit_record(
            actor=actor,
            event_type="register.batch_rejected",
            subject=entry,
            changes={"rejected_rows": [None, len(checked.rejected)]},
        )
