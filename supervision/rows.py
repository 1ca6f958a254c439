"""The columns and cells of the supervisors' lists, in the reader's language: the same for the
page and for the file (which gives names in both scripts, one column each)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.words import history_lines
from core.choices import choice_label
from registry.models import FamilyStatus, Gender
from supervision.models import ListKind
from supervision.selectors import area_holders

# An Aadhaar number (12 digits, in groups or not) or an Indian mobile number in an audit row's
# words is shown masked, as the pages mask them: an export must not be the way round that.
AADHAAR = re.compile(r"(?<!\d)\d{4}[ -]?\d{4}[ -]?(\d{4})(?!\d)")
MOBILE = re.compile(r"(?<!\d)(?:\+?91[ -]?)?[6-9]\d{5}(\d{4})(?!\d)")


def masked(text: str) -> str:
    text = AADHAAR.sub(lambda m: "XXXX-XXXX-" + m.group(1), text)
    return MOBILE.sub(lambda m: "******" + m.group(1), text)


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[Any]]


def _hindi() -> bool:
    return get_language() == "hi"


def _name(row: dict[str, Any], path: str) -> str:
    return row[f"{path}_hi"] if _hindi() else row[f"{path}_en"]


def _both(hi: str | None, en: str | None, for_file: bool) -> list[str]:
    if for_file:
        return [hi or "", en or ""]
    return [" / ".join(n for n in (hi, en) if n)]


def _day(value: date, for_file: bool) -> date | str:
    return value if for_file else formats.date_format(value, "d-m-Y")


def _age(row: dict[str, Any], today: date) -> int | str:
    born = row["date_of_birth"]
    if born is not None:
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if row["birth_year"]:
        return today.year - row["birth_year"]
    return ""


def family_table(rows: list[dict[str, Any]], *, for_file: bool) -> Table:
    names = (
        [_("Head of family (Devanagari)"), _("Head of family (Latin script)")]
        if for_file
        else [_("Head of family")]
    )
    headers = [
        _("Samagra Family ID"),
        *names,
        _("Members"),
        _("Status"),
        _("Registered on"),
        _("Gram Panchayat or Ward"),
        _("Local body"),
    ]
    cells = [
        [
            row["family_id"],
            *_both(row["head_hi"], row["head_en"], for_file),
            row["member_count"],
            choice_label(FamilyStatus, row["status"]),
            _day(timezone.localdate(row["registered_at"]), for_file),
            _name(row, "area__name"),
            _name(row, "area__local_body__name"),
        ]
        for row in rows
    ]
    return Table(headers, cells)


def ekyc_table(rows: list[dict[str, Any]], *, for_file: bool) -> Table:
    names = [_("Name (Devanagari)"), _("Name (Latin script)")] if for_file else [_("Name")]
    headers = [
        _("Samagra Family ID"),
        _("Samagra Member ID"),
        *names,
        _("Age"),
        _("Gender"),
        _("Gram Panchayat or Ward"),
        _("Field officials of the area"),
    ]
    holders = area_holders({row["family__area_id"] for row in rows})
    today = timezone.localdate()
    cells = [
        [
            row["family__family_id"],
            row["member_id"],
            *_both(row["name_hi"], row["name_en"], for_file),
            _age(row, today),
            choice_label(Gender, row["gender"]),
            _name(row, "family__area__name"),
            ", ".join(holders.get(row["family__area_id"], [])) or _("None"),
        ]
        for row in rows
    ]
    return Table(headers, cells)


def audit_table(events: list[Any], *, for_file: bool) -> Table:
    headers = [_("When"), _("What happened"), _("Details")]
    cells = [
        [line.when_text, masked(line.sentence), masked("; ".join(line.details))]
        for line in history_lines(events)
    ]
    return Table(headers, cells)


TABLES: dict[str, Any] = {
    ListKind.FAMILIES: family_table,
    ListKind.PENDING_EKYC: ekyc_table,
    ListKind.AUDIT: audit_table,
}


def table(kind: str, rows: list[Any], *, for_file: bool = False) -> Table:
    return TABLES[kind](rows, for_file=for_file)


def headers(kind: str) -> list[str]:
    return table(kind, [], for_file=True).headers
