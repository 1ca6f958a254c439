"""Checking one batch of the bulk import: the families and members read for it (raw CSV records,
as scale.importer hands them over) become the rows to load and the rejected rows with their
reasons. Runs in worker processes (one a core) while the main process writes the batch before,
so it touches no database: what it needs (the geography, the reserved family keys, the default
values of the columns the files do not fill) comes with the batch.

A good batch comes back as COPY text (PostgreSQL) or as tuples (other databases, bulk_create).
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from registry.models import Relation
from scale import import_rows as rows
from scale.import_rows import Geography, RowError


@dataclass
class RawBatch:
    """One batch as read: records are the raw CSV text of one row (several lines if quoted)."""

    number: int
    first: int  # place of the batch's first family in the families file
    family_lines: list[int] = field(default_factory=list)
    family_records: list[str] = field(default_factory=list)
    repeated: set[int] = field(default_factory=set)  # offsets of Family IDs seen before
    member_lines: list[int] = field(default_factory=list)
    member_records: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # found while reading
    # Filled in by the main process before checking, for COPY: the families' primary keys
    # (reserved from the sequence) and each table's remaining columns as COPY text.
    family_keys: list[int] | None = None
    family_tail: str = "\n"
    member_tail: str = "\n"


@dataclass
class Checked:
    number: int
    families: int
    members: int
    rejected: list[str]
    family_rows: str | list[tuple[object, ...]]  # COPY text, or values for bulk_create
    member_rows: str | list[tuple[str, str, str]]  # ... or (Member ID, Family ID, COPY text)
    family_ids: list[str] = field(default_factory=list)  # of the rows to load
    member_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Taken:
    """IDs found already in the register (the slow path after the unique index refused a batch)."""

    families: frozenset[str] = frozenset()
    members: frozenset[str] = frozenset()


def split_record(record: str) -> list[str]:
    """One CSV record's values; a record without quotes is split directly (csv.reader would
    give the same values at several times the cost)."""
    if '"' in record:
        return next(csv.reader(io.StringIO(record)), [])
    return record.rstrip("\r\n").split(",")


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _needs_escape(record: str) -> bool:
    return "\\" in record or "\t" in record or '"' in record  # quoted: may hold line breaks


def _family_copy(values: tuple[object, ...], key: str, escape: bool, tail: str) -> str:
    family_id, area, village, house, locality, pin = values
    if escape:
        house, locality = str(house).translate(_ESCAPE), str(locality).translate(_ESCAPE)
    village_text = "\\N" if village is None else str(village)
    return f"{key}\t{family_id}\t{area}\t{village_text}\t{house}\t{locality}\t{pin}{tail}"


def check_batch(
    batch: RawBatch,
    geo: Geography,
    names: tuple[str, str],
    today: date,
    *,
    as_copy: bool,
    taken: Taken = Taken(),
) -> Checked:
    """Every row of a batch; the rows of a family with a rejected row are held back."""
    fam_file, mem_file = names
    rejected = list(batch.rejected)
    bad: set[str] = set()
    families: dict[str, tuple[object, ...]] = {}
    family_line: dict[str, int] = {}
    family_index: dict[str, int] = {}
    escape_family: set[str] = set()
    for offset, (line, record) in enumerate(
        zip(batch.family_lines, batch.family_records, strict=True)
    ):
        row = split_record(record)
        try:
            values = rows.family_values(row, geo)
            fid = values[0]
            if fid in families or offset in batch.repeated:
                raise RowError(_("The Family ID %(id)s appears twice.") % {"id": fid})
            if fid in taken.families:
                raise RowError(_("The Family ID %(id)s is already in the register.") % {"id": fid})
            families[fid] = values
            family_line[fid] = line
            family_index[fid] = offset
            if _needs_escape(record):
                escape_family.add(fid)
        except RowError as exc:
            rejected.append(f"{fam_file}:{line}: {exc}")
            bad.add(row[0].strip() if row else "")
    members, heads = _members(batch, names, today, taken, rejected, bad)
    for fid in families:
        lines = heads.get(fid, [])
        if len(lines) != 1 and fid not in bad:
            bad.add(fid)
            reason = (
                _("Family %(id)s has no head.") % {"id": fid}
                if not lines
                else _("Family %(id)s has %(count)d heads (lines %(lines)s); it must have one.")
                % {"id": fid, "count": len(lines), "lines": ", ".join(map(str, lines))}
            )
            rejected.append(f"{mem_file}:{lines[-1] if lines else family_line[fid]}: {reason}")
    good_families = [(k, v) for k, v in families.items() if k not in bad]
    good_members = [m for m in members if m[1] not in bad] if bad else members
    ids = [fid for fid, _v in good_families], [m[0] for m in good_members]
    if not as_copy:
        return Checked(
            batch.number,
            len(good_families),
            len(good_members),
            rejected,
            [v for _k, v in good_families],
            good_members,
            *ids,
        )
    assert batch.family_keys is not None  # noqa: S101 - set by the main process for COPY
    keys = {fid: str(batch.family_keys[family_index[fid]]) for fid, _v in good_families}
    # Member.local_body: the local body of the family's area (the duplicate check's copy).
    local_body_of = geo.local_body_of()
    local_bodies = {fid: str(local_body_of[int(str(v[1]))]) for fid, v in good_families}
    tail = batch.member_tail
    return Checked(
        batch.number,
        len(good_families),
        len(good_members),
        rejected,
        "".join(
            _family_copy(v, keys[fid], fid in escape_family, batch.family_tail)
            for fid, v in good_families
        ),
        "".join(
            f"{mid}\t{keys[fid]}\t{rest}\t{local_bodies[fid]}{tail}"
            for mid, fid, rest in good_members
        ),
        *ids,
    )


def _members(
    batch: RawBatch,
    names: tuple[str, str],
    today: date,
    taken: Taken,
    rejected: list[str],
    bad: set[str],
) -> tuple[list[tuple[str, str, str]], dict[str, list[int]]]:
    """(Member ID, Family ID, the rest as COPY text) of every good member row, and the lines
    of each family's heads."""
    mem_file = names[1]
    members: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    heads: dict[str, list[int]] = {}
    head = Relation.HEAD.value
    member_row = rows.member_row
    for line, record in zip(batch.member_lines, batch.member_records, strict=True):
        row = split_record(record)
        try:
            member_id, family_id, relation, rest = member_row(row, today, _needs_escape(record))
            if member_id in seen:
                raise RowError(
                    _("The Member ID %(id)s appears twice (also on line %(line)d).")
                    % {"id": member_id, "line": seen[member_id]}
                )
            seen[member_id] = line
            if member_id in taken.members:
                raise RowError(
                    _("The Member ID %(id)s is already in the register.") % {"id": member_id}
                )
            if relation == head:
                heads.setdefault(family_id, []).append(line)
            members.append((member_id, family_id, rest))
        except RowError as exc:
            rejected.append(f"{mem_file}:{line}: {exc}")
            bad.add(row[1].strip() if len(row) > 1 else "")
    return members, heads


def batch_ids(batch: RawBatch) -> tuple[list[str], list[str]]:
    """The Family IDs and Member IDs a batch's records name (to ask the register about them)."""
    families = [row[0].strip() for row in map(split_record, batch.family_records) if row]
    members = [row[0].strip() for row in map(split_record, batch.member_records) if row]
    return families, members
