"""An Aadhaar number given with a person being added (a missed member, a member by marriage) is
checked, its Verhoeff check digit by the registration's rules, and then dropped, as at
registration: the request keeps only the last four digits, which UIDAI allows to be shown. The
number is not put in the vault (identity.vault) either: the vault holds numbers confirmed by
UIDAI, and a number typed here is confirmed only by the new member's own e-KYC, afterwards."""

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from identity.vault import MASK_PREFIX
from updates.kinds.base import Row

NUMBER = "aadhaar"  # as the form sends it: never kept
LAST4 = "aadhaar_last4"  # what the request keeps instead
LABEL = _("Aadhaar number")


def last4(payload: Mapping[str, Any]) -> str:
    """The last four digits of the Aadhaar number given (typed, or kept earlier), or ""."""
    digits = re.sub(r"[\s-]", "", str(payload.get(NUMBER) or ""))
    if len(digits) == 12 and digits.isdigit():
        return digits[-4:]
    kept = str(payload.get(LAST4) or "")
    return kept if len(kept) == 4 and kept.isdigit() else ""


def kept(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload as it may be kept, in the database or in the preview's signed token: the
    Aadhaar number replaced by its last four digits. Call it once the number is checked."""
    found = last4(payload)
    values = {name: value for name, value in payload.items() if name not in (NUMBER, LAST4)}
    return {**values, LAST4: found} if found else values


def row(values: Mapping[str, Any], old: str = "—") -> Row | None:
    """The preview's line for the Aadhaar number, masked; None when none was given."""
    found = last4(values)
    return Row(str(LABEL), old, MASK_PREFIX + found) if found else None
