"""The summary ``import_register`` prints at its end, and its exit status.

Exit status: 0 every row read is in the register (loaded now or by an earlier run); 1 rows
were rejected and the rest loaded; 2 nothing could be loaded (every batch rejected, a file
missing or with the wrong columns, or wrong arguments).
"""

import re
from collections import Counter

from django.utils.translation import gettext as _

from scale.importer import ImportReport

EXAMPLES = 3  # rows shown for each reason
REASONS = 10  # reasons shown; the rest are counted
_LOCATION = re.compile(r"^(?P<where>.+?:\d+): (?P<reason>.*)$", re.DOTALL)
_VALUE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+")

OK, ROWS_REJECTED, NOTHING_LOADED = 0, 1, 2


def reason_of(line: str) -> str:
    """A rejected row's reason without its values ("Unknown area code '99'." and "Unknown area
    code '12'." are one reason), to count the rows by reason."""
    match = _LOCATION.match(line)
    reason = match.group("reason") if match else line
    return _VALUE.sub("…", reason)


def exit_status(report: ImportReport) -> int:
    if not report.rejected and not report.not_loaded:
        return OK
    return NOTHING_LOADED if report.loaded_nothing else ROWS_REJECTED


def summary_lines(report: ImportReport) -> list[str]:
    """The summary, in the active language."""
    lines = [
        _("Summary:"),
        "  "
        + _("read: %(families)d families, %(members)d members")
        % {"families": report.families_read, "members": report.members_read},
        "  "
        + _("loaded now: %(families)d families, %(members)d members")
        % {"families": report.families, "members": report.members},
        "  " + _("rejected: %(rows)d rows") % {"rows": len(report.rejected)},
        "  "
        + _(
            "batches: %(loaded)d loaded, %(skipped)d skipped (done by an earlier run), "
            "%(rejected)d not loaded"
        )
        % {
            "loaded": report.batches_loaded,
            "skipped": report.batches_skipped - report.batches_rejected_before,
            "rejected": len(report.not_loaded),
        },
    ]
    if report.not_loaded:
        lines.append(
            "  "
            + _("batches not loaded because of a rejected row: %(numbers)s")
            % {"numbers": ", ".join(map(str, report.not_loaded))}
        )
    if report.rejected:
        by_reason: dict[str, list[str]] = {}
        for line in report.rejected:
            by_reason.setdefault(reason_of(line), []).append(line)
        counts = Counter({reason: len(rows) for reason, rows in by_reason.items()})
        lines.append(_("Rejected rows by reason:"))
        for reason, count in counts.most_common(REASONS):
            lines.append(
                "  " + _("%(count)d rows: %(reason)s") % {"count": count, "reason": reason}
            )
            lines += [f"      {example}" for example in by_reason[reason][:EXAMPLES]]
        others = len(counts) - REASONS
        if others > 0:
            lines.append(
                "  "
                + _("… and %(count)d other reasons (all rows are listed above).")
                % {"count": others}
            )
    return lines


def verdict(report: ImportReport) -> str:
    """The last line: what became of the files."""
    status = exit_status(report)
    if status == OK:
        return _("Every row read is in the register.")
    if status == NOTHING_LOADED:
        return _("Nothing was loaded: %(rows)d rows rejected. Correct them and run it again.") % {
            "rows": len(report.rejected)
        }
    return _(
        "%(rows)d rows rejected and not loaded; the rest was loaded. Correct them and run it "
        "again with the corrected files."
    ) % {"rows": len(report.rejected)}
