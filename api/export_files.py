"""The files of the department API's exports: their columns (the read API's field groups,
never an Aadhaar number) and their writers, CSV for Excel and Parquet."""

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from api.models import DepartmentClient, ExportFormat
from api.v1.selectors import READ_GROUPS, STATE
from registry.models import MemberStatus

PARQUET_ROW_GROUP = 64_000
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.PARQUET: "application/vnd.apache.parquet",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, int, bool, date
    member: str = ""  # a path of Member's values_list, or
    family: str = ""  # a key of the family's row
    convert: Callable[[Any], Any] | None = None
    free_text: bool = False  # typed by a person (not a code or an ID): see _csv_text


def _verified_on(value: datetime | None) -> date | None:
    return timezone.localdate(value) if value else None  # as the read API gives it


BASE = [
    Column("member_id", "str", member="member_id"),
    Column("family_id", "str", family="family_id"),
    Column("status", "str", member="status", convert=lambda s: STATE[MemberStatus(s)]),
    Column("district_lgd", "str", family="district_lgd"),
    Column("local_body_lgd", "str", family="local_body_lgd"),
]
# The columns of each field group: the read API's groups (api.v1.schemas), never an Aadhaar
# number (ekyc gives whether it is done and the masked last four).
GROUPS: dict[str, list[Column]] = {
    "identity": [
        Column("name_en", "str", member="name_en", free_text=True),
        Column("name_hi", "str", member="name_hi", free_text=True),
        Column("gender", "str", member="gender"),
        Column("date_of_birth", "date", member="date_of_birth"),
        Column("birth_year", "int", member="birth_year"),
        Column("father_or_husband_name", "str", member="father_or_husband_name", free_text=True),
        Column("deceased", "bool", member="is_deceased"),
        Column("date_of_death", "date", member="date_of_death"),
    ],
    "family": [
        Column("relation", "str", member="relation"),
        Column("mother_member_id", "str", member="mother__member_id"),
    ],
    "social": [
        Column("marital_status", "str", member="marital_status"),
        Column("caste_category", "str", member="caste_category"),
    ],
    "disability": [
        Column("has_disability", "bool", member="has_disability"),
        Column("disability_kind", "str", member="disability_kind", free_text=True),
    ],
    "ekyc": [
        Column("ekyc_done", "bool", member="ekyc__verified_at", convert=lambda v: v is not None),
        Column("ekyc_verified_on", "date", member="ekyc__verified_at", convert=_verified_on),
        Column("aadhaar_last4", "str", member="ekyc__vault_entry__last4"),
    ],
    "contact": [Column("mobile", "str", member="mobile", convert=lambda v: v or None)],
    "address": [
        Column("house_number", "str", family="house_number", free_text=True),
        Column("locality", "str", family="locality", free_text=True),
        Column("pin_code", "str", family="pin_code"),
        Column("area_lgd", "str", family="area_lgd"),
        Column("village_lgd", "str", family="village_lgd"),
    ],
}
FAMILY_VALUES = {
    "family_id": "family_id",
    "district_lgd": "area__local_body__district__lgd_code",
    "local_body_lgd": "area__local_body__lgd_code",
    "area_lgd": "area__lgd_code",
    "village_lgd": "village__lgd_code",
    "house_number": "house_number",
    "locality": "locality",
    "pin_code": "pin_code",
}


def export_groups(client: DepartmentClient) -> list[str]:
    """The field groups an export holds: every read group granted to the client."""
    return [g for g in READ_GROUPS if g in client.scopes]


def export_columns(groups: Sequence[str]) -> list[Column]:
    return BASE + [c for g in groups for c in GROUPS[g]]


# --- Writers ----------------------------------------------------------------------------

# Excel runs a cell that starts with one of these as a formula (CSV injection): free text
# gets a leading apostrophe, as OWASP advises.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str | None) -> str | None:
    return "'" + value if value and value.startswith(_FORMULA_START) else value


def _csv_bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


class CsvWriter:
    """UTF-8 with a byte order mark, so that Excel reads Devanagari names right."""

    def __init__(self, path: str, columns: list[Column]) -> None:
        self.handle = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.handle)
        self.writer.writerow([c.name for c in columns])

    @staticmethod
    def cell(column: Column) -> Callable[[Any], Any] | None:
        """None is written as an empty cell and a date as ISO 8601 by the csv module."""
        if column.kind == "bool":
            return _csv_bool
        return _csv_text if column.free_text else None

    def write(self, rows: list[list[Any]]) -> None:
        self.writer.writerows(rows)

    def close(self) -> None:
        self.handle.close()


class ParquetWriter:
    """Row groups of ``PARQUET_ROW_GROUP`` rows at most. Each chunk becomes Arrow arrays at
    once (compact, columnar): no more than one row group's worth is held, and never as Python
    objects."""

    def __init__(self, path: str, columns: list[Column]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"str": pa.string(), "int": pa.int32(), "bool": pa.bool_(), "date": pa.date32()}
        self.pa = pa
        self.schema = pa.schema([(c.name, types[c.kind]) for c in columns])
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        self.pending: list[Any] = []  # pyarrow RecordBatches
        self.pending_rows = 0

    @staticmethod
    def cell(column: Column) -> Callable[[Any], Any] | None:
        return None

    def write(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        arrays = [
            self.pa.array(values, type=field.type)
            for values, field in zip(zip(*rows, strict=True), self.schema, strict=True)
        ]
        self.pending.append(self.pa.RecordBatch.from_arrays(arrays, schema=self.schema))
        self.pending_rows += len(rows)
        if self.pending_rows >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self.pending:
            return
        table = self.pa.Table.from_batches(self.pending, schema=self.schema)
        self.writer.write_table(table, row_group_size=PARQUET_ROW_GROUP)
        self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        self._flush()
        self.writer.close()


WRITERS: dict[str, type[CsvWriter] | type[ParquetWriter]] = {
    ExportFormat.CSV: CsvWriter,
    ExportFormat.PARQUET: ParquetWriter,
}
