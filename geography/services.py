"""Loading the geography from CSV files, in this project's own columns (state_code, ..., see
tests/geography/csvs.py) or as the Local Government Directory publishes them (geography.lgd has
the mapping): all rows are checked first, every rejected row is reported with its reason, and
nothing is written unless every row is good."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from geography.models import Area, District, Division, LocalBody, State, Village

LEVELS: list[tuple[str, type[models.Model], str | None, type[models.Model] | None]] = [
    # (code column prefix, model, parent column prefix, parent model)
    ("state", State, None, None),
    ("division", Division, "state", State),
    ("district", District, "division", Division),
    ("local_body", LocalBody, "district", District),
    ("area", Area, "local_body", LocalBody),
    ("village", Village, "area", Area),
]
KIND_COLUMN = {"local_body": "local_body_type", "area": "area_type"}


@dataclass
class Rejection:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)
    read: int = 0  # rows read (not counting blank lines)
    skipped: list[Rejection] = field(default_factory=list)  # read, not stored (geography.lgd)


@dataclass
class _Row:
    file: str
    line: int
    level: str
    code: str
    name_en: str
    name_hi: str
    parent_code: str | None
    kind: str | None


def _level_of(header: list[str]) -> str | None:
    for level, *_rest in LEVELS:
        if f"{level}_code" in header and header[0] == f"{level}_code":
            return level
    return None


def _read(path: Path, report: ImportReport) -> list[_Row]:
    from geography import lgd

    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        level = _level_of(header)
        if level is None:
            if lgd.is_lgd(header):
                return lgd.read_lgd(path.name, header, reader, report)
            report.rejected.append(
                Rejection(
                    path.name,
                    1,
                    _(
                        "Unknown file: the first column must be one of state_code, "
                        "division_code, district_code, local_body_code, area_code, village_code, "
                        "or the file must have an LGD code column (State Code, District Code, "
                        "Local Body Code, Ward Code, Village Code)."
                    ),
                )
            )
            return []
        parent = dict((lvl, p) for lvl, _m, p, _pm in LEVELS)[level]
        needed = [f"{level}_code", f"{level}_name_en", f"{level}_name_hi"]
        needed += [f"{parent}_code"] if parent else []
        needed += [KIND_COLUMN[level]] if level in KIND_COLUMN else []
        missing = [c for c in needed if c not in header]
        if missing:
            report.rejected.append(
                Rejection(
                    path.name,
                    1,
                    _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)},
                )
            )
            return []
        index = {name: header.index(name) for name in needed}
        rows = []
        for number, raw in enumerate(reader, start=2):
            if not any(v.strip() for v in raw):
                continue
            report.read += 1
            record = {k: raw[i].strip() if i < len(raw) else "" for k, i in index.items()}
            rows.append(
                _Row(
                    file=path.name,
                    line=number,
                    level=level,
                    code=record[f"{level}_code"],
                    name_en=record[f"{level}_name_en"],
                    name_hi=record[f"{level}_name_hi"],
                    parent_code=record[f"{parent}_code"] if parent else None,
                    kind=record.get(KIND_COLUMN.get(level, "")),
                )
            )
        return rows


def _check(rows: list[_Row], report: ImportReport) -> None:
    """Reject bad rows; parents may come from the same import or the database."""
    known: dict[str, dict[str, str | None]] = {}  # level -> code -> kind
    for level, model, _parent, _pm in LEVELS:
        known[level] = dict(
            model.objects.values_list(  # type: ignore[attr-defined]
                "lgd_code", "kind" if level in KIND_COLUMN else "lgd_code"
            )
        )
    seen: set[tuple[str, str]] = set()
    valid_lb_kinds = set(LocalBody.Kind.values)
    for row in sorted(rows, key=lambda r: [lvl for lvl, *_rest in LEVELS].index(r.level)):
        reason = None
        parent = dict((lvl, p) for lvl, _m, p, _pm in LEVELS)[row.level]
        # isdigit() alone would let Devanagari digits (४१३) through.
        if not (row.code.isascii() and row.code.isdigit()) or len(row.code) > 20:
            reason = _("The code %(code)r is not an LGD code (digits only).") % {"code": row.code}
        elif (row.level, row.code) in seen:
            reason = _("The code %(code)s appears twice.") % {"code": row.code}
        elif not row.name_en or not row.name_hi:
            reason = _("Both the English and the Hindi name are required.")
        elif parent and row.parent_code not in known[parent]:
            reason = _("Unknown parent code %(code)s.") % {"code": row.parent_code}
        elif row.level == "local_body" and row.kind not in valid_lb_kinds:
            reason = _("Unknown local body type %(kind)r (JP, NN, NPP or NP).") % {"kind": row.kind}
        elif row.level == "area":
            lb_kind = known["local_body"][row.parent_code or ""]
            expected = (
                Area.Kind.GRAM_PANCHAYAT
                if lb_kind == LocalBody.Kind.JANPAD_PANCHAYAT
                else Area.Kind.WARD
            )
            if row.kind != expected:
                reason = _("A %(lb)s has areas of type %(kind)s only.") % {
                    "lb": LocalBody.Kind(str(lb_kind)).label,
                    "kind": expected.label,
                }
        elif row.level == "village" and known["area"][row.parent_code or ""] != "GP":
            reason = _("Villages belong to Gram Panchayats, not to wards.")
        if reason:
            report.rejected.append(Rejection(row.file, row.line, reason))
            continue
        seen.add((row.level, row.code))
        known[row.level][row.code] = row.kind if row.level in KIND_COLUMN else row.code


def geography_import(paths: Iterable[Path]) -> ImportReport:
    """Check every row of every file; write all of them, or none if any is rejected."""
    report = ImportReport()
    rows: list[_Row] = []
    for path in paths:
        rows += _read(path, report)
    if any(r.line == 1 for r in report.rejected):  # a whole file unreadable
        return report
    _check(rows, report)  # also after a rejected row: every bad row is reported
    if report.rejected:
        return report
    with transaction.atomic():
        for level, model, parent, parent_model in LEVELS:
            level_rows = [r for r in rows if r.level == level]
            if level_rows:
                _write(level, model, parent, parent_model, level_rows, report)
        if rows:
            state = State.objects.order_by("pk").first()
            if state is not None:
                audit_record(
                    actor=None,
                    event_type="geography.imported",
                    subject=state,
                    changes={k: [None, v] for k, v in report.created.items()},
                )
    return report


def _write(
    level: str,
    model: Any,
    parent: str | None,
    parent_model: Any,
    rows: list[_Row],
    report: ImportReport,
) -> None:
    existing = {
        obj.lgd_code: obj for obj in model.objects.filter(lgd_code__in=[r.code for r in rows])
    }
    parents = {}
    if parent_model is not None:
        parents = dict(
            parent_model.objects.filter(lgd_code__in={r.parent_code for r in rows}).values_list(
                "lgd_code", "pk"
            )
        )
    new, changed = [], []
    for row in rows:
        values: dict[str, Any] = {"name_en": row.name_en, "name_hi": row.name_hi}
        if parent:
            values[f"{parent}_id"] = parents[row.parent_code]
        if level in KIND_COLUMN:
            values["kind"] = row.kind
        obj = existing.get(row.code)
        if obj is None:
            new.append(model(lgd_code=row.code, **values))
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        fields = [
            f
            for f in ["name_en", "name_hi", f"{parent}_id" if parent else "", "kind"]
            if f and (f != "kind" or level in KIND_COLUMN)
        ]
        model.objects.bulk_update(changed, [f.removesuffix("_id") for f in fields], batch_size=2000)
    report.created[level] = len(new)
    report.updated[level] = len(changed)
