"""Reading the bulk import's two CSV files (README, "Scale: bulk import") into batches: families
in the order of families.csv, each batch with its families' members (members.csv lists them
grouped by family, in the same order, so both files are read once, side by side). Rows are
only cut out here, with their line numbers; scale.import_batch and scale.import_rows check them.
"""

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from scale.import_batch import RawBatch, split_record
from scale.import_rows import FAMILY_COLUMNS, MEMBER_COLUMNS, RowError


def files_hash(*paths: Path, batch_size: int) -> str:
    digest = hashlib.sha256(str(batch_size).encode())
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def _blank(record: str) -> bool:
    if record[0] not in ', \t\r\n"':  # the common case: the first value is there
        return False
    if '"' in record:
        return not any(value.strip() for value in split_record(record))
    return not record.replace(",", "").strip()


def _records(path: Path, columns: list[str]) -> Iterator[tuple[int, str]]:
    """(line, raw record) for every row that is not blank. A record is one line unless a quoted
    value holds a line break (an odd number of quotes so far); the line is where it starts."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = [h.strip() for h in split_record(handle.readline())]
        if header != columns:
            raise RowError(
                _("%(file)s:1: the columns must be: %(columns)s")
                % {"file": path.name, "columns": ",".join(columns)}
            )
        pending, start, quotes = "", 0, 0
        for line, text in enumerate(handle, start=2):
            if pending:
                pending += text
                quotes += text.count('"')
                if quotes % 2:
                    continue
                record, pending = pending, ""
            elif '"' in text and text.count('"') % 2:
                pending, start, quotes = text, line, text.count('"')
                continue
            else:
                record, start = text, line
            if not _blank(record):
                yield start, record
        if pending:  # an unclosed quote: the row check rejects what it reads
            yield start, pending


def record_value(record: str, index: int) -> str:
    """The index-th value of a record (0 or 1), stripped, without parsing the rest."""
    if '"' in record:
        parts = split_record(record)
        return parts[index].strip() if len(parts) > index else ""
    start = 0
    for _step in range(index):
        start = record.find(",", start) + 1
        if not start:
            return ""
    end = record.find(",", start)
    return record[start : end if end >= 0 else None].strip()


def family_order(path: Path) -> dict[str, int]:
    """Family ID → its place in families.csv (first occurrence), read once before importing."""
    order: dict[str, int] = {}
    for index, (_line, record) in enumerate(_records(path, FAMILY_COLUMNS)):
        order.setdefault(record_value(record, 0), index)
    return order


def read_batches(
    families_path: Path, members_path: Path, batch_size: int, order: dict[str, int]
) -> Iterator[RawBatch]:
    members = _records(members_path, MEMBER_COLUMNS)
    pending = next(members, None)
    batch = RawBatch(0, 0)
    for index, (line, record) in enumerate(_records(families_path, FAMILY_COLUMNS)):
        if index // batch_size != batch.number:
            pending = _take_members(batch, members, pending, order, batch_size, members_path)
            yield batch
            batch = RawBatch(index // batch_size, index)
        if order.get(record_value(record, 0)) != index:
            batch.repeated.add(len(batch.family_records))
        batch.family_lines.append(line)
        batch.family_records.append(record)
    _take_members(batch, members, pending, order, batch_size, members_path)
    yield batch


def _take_members(
    batch: RawBatch,
    members: Iterator[tuple[int, str]],
    pending: tuple[int, str] | None,
    order: dict[str, int],
    batch_size: int,
    path: Path,
) -> tuple[int, str] | None:
    """Move the members of ``batch``'s families from the reader; return the first later one."""
    lines, records = batch.member_lines, batch.member_records
    while pending is not None:
        line, record = pending
        family_id = record_value(record, 1)
        position = order.get(family_id)
        if position is None:
            batch.rejected.append(
                f"{path.name}:{line}: "
                + _("Family %(id)r is not in the families file.") % {"id": family_id}
            )
        elif position // batch_size > batch.number:
            return pending
        elif position // batch_size < batch.number:
            batch.rejected.append(
                f"{path.name}:{line}: "
                + _("Out of order: members must follow their families' order in the families file.")
            )
        else:
            lines.append(line)
            records.append(record)
        pending = next(members, None)
    return None
