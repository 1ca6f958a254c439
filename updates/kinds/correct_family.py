"""Correct the family's address within its Gram Panchayat or ward: village, house number,
locality, PIN code. Moving to another area is a migration, not a correction."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from audit.services import diff
from documents.models import DocumentKind
from geography.models import Village
from officials.models import Official
from registration.validation import PIN_CODE
from registry.models import Family, Member
from updates.kinds.base import Applied, Errors, Row, add, label, non_field, raise_if, shown, text
from updates.models import ChangeKind

CODE = ChangeKind.CORRECT_FAMILY
MEMBER_BOUND = False
ADDS_PERSON = False
DOCUMENT_KIND = DocumentKind.PROOF_OF_ADDRESS
FIELDS = ["village", "house_number", "locality", "pin_code"]


def initial(family: Family) -> dict[str, Any]:
    return {
        "village": family.village_id,
        "house_number": family.house_number,
        "locality": family.locality,
        "pin_code": family.pin_code,
    }


def _village(family: Family, raw: Any, errors: Errors) -> Village | None:
    if raw in (None, ""):
        return None
    village = Village.objects.filter(pk=raw if str(raw).isdigit() else None).first()
    if village is None or village.area_id != family.area_id:
        add(
            errors,
            "village",
            _(
                "Choose a village of the family's own Gram Panchayat. A move to another "
                "Gram Panchayat or ward is a migration."
            ),
        )
    return village


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    from migration.selectors import open_migration_for

    pending = open_migration_for(family)
    if pending is not None:
        # The address changes when the migration is decided; a correction now would race it.
        raise non_field(
            _(
                "Migration request %(number)s of this family is waiting for a decision. Its "
                "address can be corrected after that request is decided."
            )
            % {"number": pending.number}
        )
    errors: Errors = {}
    cleaned: dict[str, Any] = {
        "village": _village(family, payload.get("village"), errors),
        "house_number": text(payload, "house_number"),
        "locality": text(payload, "locality"),
        "pin_code": text(payload, "pin_code"),
    }
    if cleaned["pin_code"] and not PIN_CODE.fullmatch(cleaned["pin_code"]):
        add(errors, "pin_code", _("Enter a valid 6-digit PIN code."))
    raise_if(errors)
    if not _changed(family, cleaned):
        raise non_field(_("Nothing was changed. Change at least one detail."))
    return cleaned


def _changed(family: Family, cleaned: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in cleaned.items() if getattr(family, name) != value}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    return [
        Row(
            label(Family, name),
            shown(Family, name, getattr(family, name)),
            shown(Family, name, new),
        )
        for name, new in _changed(family, cleaned).items()
    ]


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    changed = _changed(family, cleaned)
    old = {name: getattr(family, name) for name in changed}
    for name, value in changed.items():
        setattr(family, name, value)
    family.save(update_fields=list(changed))
    return Applied(changes=diff(old, changed))


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    return "address"
