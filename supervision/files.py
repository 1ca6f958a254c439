"""The files of the supervisors' lists: CSV for Excel (UTF-8 with a byte order mark, so that
Devanagari names read right) and XLSX written row by row (xlsxwriter's constant_memory mode:
memory stays the same for a ward or a state)."""

import csv
from datetime import date
from typing import Any, Protocol

import xlsxwriter

from supervision.models import ListFormat

# Excel's last row is 1,048,576: a longer list goes on to another sheet.
XLSX_ROWS_PER_SHEET = 1_000_000
CONTENT_TYPES = {
    ListFormat.CSV: "text/csv; charset=utf-8",
    ListFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel runs a cell that starts with one of these as a formula (CSV injection): text gets a
# leading apostrophe, as OWASP advises (the rule of api.export_files).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class ListWriter(Protocol):
    def write(self, rows: list[list[Any]]) -> None: ...

    def close(self) -> None: ...


class CsvListWriter:
    def __init__(self, path: str, headers: list[str]) -> None:
        self.handle = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        self.writer = csv.writer(self.handle)
        self.writer.writerow(headers)

    def write(self, rows: list[list[Any]]) -> None:
        self.writer.writerows([_csv_cell(v) for v in row] for row in rows)

    def close(self) -> None:
        self.handle.close()


class XlsxListWriter:
    """Strings stay strings (never formulas, numbers or links: a name typed as "=1+1" is
    text); dates are Excel dates."""

    def __init__(self, path: str, headers: list[str]) -> None:
        self.book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": "dd-mm-yyyy",
            },
        )
        self.bold = self.book.add_format({"bold": True})
        self.headers = headers
        self.sheets = 0
        self._new_sheet()

    def _new_sheet(self) -> None:
        self.sheets += 1
        self.sheet = self.book.add_worksheet(f"{self.sheets}")
        self.sheet.write_row(0, 0, self.headers, self.bold)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def write(self, rows: list[list[Any]]) -> None:
        for values in rows:
            if self.row > XLSX_ROWS_PER_SHEET:
                self._new_sheet()
            for col, value in enumerate(values):
                if isinstance(value, date):
                    self.sheet.write_datetime(self.row, col, value)
                elif value is None or value == "":
                    continue
                else:
                    self.sheet.write(self.row, col, value)
            self.row += 1

    def close(self) -> None:
        self.book.close()


WRITERS: dict[str, type[CsvListWriter] | type[XlsxListWriter]] = {
    ListFormat.CSV: CsvListWriter,
    ListFormat.XLSX: XlsxListWriter,
}
