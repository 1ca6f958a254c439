"""Reading the Local Government Directory's published CSV downloads (LGD, lgdirectory.gov.in,
"Download Directory") for ``import_geography``.

A header is matched ignoring case, spaces and punctuation, so "Sub-District Code",
"Subdistrict Code" and "SUB DISTRICT CODE" are one column, as are "Local Body Name (In English)"
and "Localbody Name (IN English)". Columns not in the table are ignored (S.No., versions,
Census codes, Sub-District and Block codes: the register has no tehsil or block level; a block's
Janpad Panchayat is its intermediate panchayat). What a file holds is decided by the most
specific code column it has: Village Code, then Ward Code, then Local Body Code, then District
Code, then Division Code, then State Code.

==================  =====================================  ==================================
Register level      LGD columns read                       Parent (code column)
==================  =====================================  ==================================
State               State Code, State Name (In English),   -
                    State Name (In Local)
Division            Division Code, Division Name (In       State Code
(not in the LGD)    English), Division Name (In Local)
District            District Code, District Name (In       Division Code (add it: the LGD
                    English), District Name (In Local)     has no divisions)
Local body          Local Body Code, Local Body Name (In   District Code (the revenue
(Janpad Panchayat,  English), Local Body Name (In Local),  district; in the coverage
urban local body)   Local Body Type Name                   downloads, else add it)
Gram Panchayat      the same, type "Village Panchayat"     Intermediate/Block Panchayat Code
Ward                Ward Code, Ward Name (In English),     Local Body Code (the urban local
                    Ward Name (In Local)                   body)
Village             Village Code, Village Name (In         Local Body Code (the Gram
                    English), Village Name (In Local)      Panchayat: "Village to Gram
                                                           Panchayat Mapping")
==================  =====================================  ==================================

Local Body Type Name: Intermediate Panchayat / Block Panchayat / Janpad Panchayat → Janpad
Panchayat; Municipal Corporation / Nagar Nigam → Nagar Nigam; Municipality / Municipal Council /
Nagar Palika Parishad → Nagar Palika Parishad; Nagar Panchayat / Town Panchayat / Nagar
Parishad → Nagar Parishad; Village Panchayat / Gram Panchayat → a Gram Panchayat (an area).
District Panchayat rows are counted as skipped, not stored: the register keeps the district.
"(In Local)" may also be "(In Local language)"; the names in the local language are the Hindi
names, and both names are required.
"""

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from geography.services import ImportReport, _Row

ALIASES: dict[str, tuple[str, ...]] = {
    "state_code": ("State Code", "State LGD Code"),
    "state_name_en": ("State Name (In English)", "State Name"),
    "state_name_hi": ("State Name (In Local)", "State Name (In Local language)"),
    "division_code": ("Division Code",),
    "division_name_en": ("Division Name (In English)", "Division Name"),
    "division_name_hi": ("Division Name (In Local)", "Division Name (In Local language)"),
    "district_code": ("District Code", "District LGD Code"),
    "district_name_en": ("District Name (In English)", "District Name"),
    "district_name_hi": ("District Name (In Local)", "District Name (In Local language)"),
    "local_body_code": ("Local Body Code", "Local Body LGD Code"),
    "local_body_name_en": ("Local Body Name (In English)", "Local Body Name"),
    "local_body_name_hi": ("Local Body Name (In Local)", "Local Body Name (In Local language)"),
    "local_body_type": ("Local Body Type Name",),
    "block_panchayat_code": (
        "Intermediate/Block Panchayat Code",
        "Intermediate Panchayat Code",
        "Block Panchayat Code",
        "Parent Local Body Code",
    ),
    "ward_code": ("Ward Code",),
    "ward_name_en": ("Ward Name (In English)", "Ward Name"),
    "ward_name_hi": ("Ward Name (In Local)", "Ward Name (In Local language)"),
    "village_code": ("Village Code", "Village LGD Code"),
    # "Englsih": the spelling of some of the LGD's own village downloads.
    "village_name_en": ("Village Name (In English)", "Village Name (In Englsih)", "Village Name"),
    "village_name_hi": ("Village Name (In Local)", "Village Name (In Local language)"),
}
# Most specific first: (code column, register level, parent code column, name prefix).
FILE_KINDS = [
    ("village_code", "village", "local_body_code", "village"),
    ("ward_code", "area", "local_body_code", "ward"),
    ("local_body_code", "local_body", "district_code", "local_body"),
    ("district_code", "district", "division_code", "district"),
    ("division_code", "division", "state_code", "division"),
    ("state_code", "state", None, "state"),
]
SKIPPED_TYPES = {"districtpanchayat", "zilapanchayat", "zillapanchayat", "zillaparishad"}
LOCAL_BODY_TYPES = {
    **dict.fromkeys(
        ["jp", "intermediatepanchayat", "blockpanchayat", "janpadpanchayat", "panchayatsamiti"],
        "JP",
    ),
    **dict.fromkeys(["nn", "municipalcorporation", "nagarnigam"], "NN"),
    **dict.fromkeys(
        ["npp", "municipality", "municipalcouncil", "nagarpalikaparishad", "nagarpalika"], "NPP"
    ),
    **dict.fromkeys(["np", "nagarpanchayat", "townpanchayat", "nagarparishad"], "NP"),
    **dict.fromkeys(["gp", "villagepanchayat", "grampanchayat"], "GP"),
}


def key(header: str) -> str:
    """A header or type name without case, spaces or punctuation ("Sub-District Code" →
    "subdistrictcode"; "Localbody" and "Local Body" are one)."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


_BY_KEY = {key(alias): name for name, aliases in ALIASES.items() for alias in aliases}


def columns(header: list[str]) -> dict[str, int]:
    """Our column name → its index in an LGD header (the first of each, when repeated)."""
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        name = _BY_KEY.get(key(title))
        if name is not None:
            found.setdefault(name, index)
    return found


def is_lgd(header: list[str]) -> bool:
    return any(code in columns(header) for code, *_rest in FILE_KINDS)


def read_lgd(
    name: str, header: list[str], reader: Iterator[list[str]], report: "ImportReport"
) -> list["_Row"]:
    """The rows of one LGD download; its rejected rows go to ``report``."""
    from geography.services import Rejection, _Row

    found = columns(header)
    code_col, level, parent_col, prefix = next(k for k in FILE_KINDS if k[0] in found)
    needed = [code_col, f"{prefix}_name_en", f"{prefix}_name_hi"]
    needed += [parent_col] if parent_col and level != "local_body" else []
    needed += ["local_body_type"] if level == "local_body" else []
    missing = [ALIASES[c][0] for c in needed if c not in found]
    if missing:
        report.rejected.append(
            Rejection(name, 1, _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        )
        return []
    rows = []
    for number, raw in enumerate(reader, start=2):
        if not any(value.strip() for value in raw):
            continue
        report.read += 1

        def value(column: str, raw: list[str] = raw) -> str:
            index = found.get(column)
            return raw[index].strip() if index is not None and index < len(raw) else ""

        row_level, parent, kind = level, parent_col, None
        if level == "area":
            kind = "WARD"
        elif level == "local_body":
            type_name = value("local_body_type")
            kind = LOCAL_BODY_TYPES.get(key(type_name))
            if key(type_name) in SKIPPED_TYPES:
                report.skipped.append(
                    Rejection(
                        name,
                        number,
                        _("%(type)s: not stored (the register keeps the district).")
                        % {"type": type_name},
                    )
                )
                continue
            if kind is None:
                report.rejected.append(
                    Rejection(
                        name,
                        number,
                        _("Unknown LGD local body type %(type)r.") % {"type": type_name},
                    )
                )
                continue
            if kind == "GP":
                row_level, parent = "area", "block_panchayat_code"
            if parent is None or parent not in found:
                report.rejected.append(
                    Rejection(
                        name,
                        number,
                        _("A %(type)s needs the column %(column)s.")
                        % {"type": type_name, "column": ALIASES[str(parent)][0]},
                    )
                )
                continue
        rows.append(
            _Row(
                file=name,
                line=number,
                level=row_level,
                code=value(code_col),
                name_en=value(f"{prefix}_name_en"),
                name_hi=value(f"{prefix}_name_hi"),
                parent_code=value(parent) if parent else None,
                kind=kind,
            )
        )
    return rows
