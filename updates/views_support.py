"""What the change-request views need besides the views themselves: which form, what title,
the preview rows."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from officials.models import Official
from registration.duplicates import Candidate
from registry.models import Family, Member
from updates import forms as f
from updates.kinds import aadhaar, kind_for, merge_families, relations, split
from updates.kinds.adding import possible_registrations
from updates.kinds.base import Row, label, shown
from updates.models import ChangeKind, ChangeRequest

TITLES: dict[str, Any] = {
    ChangeKind.CORRECT_MEMBER: _("Correct a member's details"),
    ChangeKind.CORRECT_FAMILY: _("Correct the family's address"),
    ChangeKind.BIRTH: _("Add a member by birth"),
    ChangeKind.MISSED_MEMBER: _("Add a member left out at registration"),
    ChangeKind.DEATH: _("Record a death"),
    ChangeKind.MARRIAGE: _("Add a member by marriage"),
    ChangeKind.RELATIONS: _("Change the head of the family"),
    ChangeKind.TRANSFER: _("Transfer a member from another family"),
    ChangeKind.SPLIT: _("Split the family"),
    ChangeKind.MERGE_FAMILIES: _("Merge another family into this one"),
}


def form_for(
    kind: str, family: Family, official: Official | None = None, **kwargs: Any
) -> f.ChangeForm:
    """The kind's form; ``official`` gives the choices that depend on who fills it (the areas
    a split's new family may live in)."""
    match kind:
        case ChangeKind.CORRECT_MEMBER:
            return f.PersonForm(**kwargs)
        case ChangeKind.MISSED_MEMBER:
            return f.NewPersonForm(**kwargs)
        case ChangeKind.MARRIAGE:
            return f.MarriageForm(family=family, **kwargs)
        case ChangeKind.BIRTH:
            return f.BirthForm(family=family, **kwargs)
        case ChangeKind.DEATH:
            return f.DeathForm(**kwargs)
        case ChangeKind.CORRECT_FAMILY:
            return f.FamilyForm(family=family, **kwargs)
        case ChangeKind.RELATIONS:
            return f.RelationsForm(family=family, **kwargs)
        case ChangeKind.TRANSFER:
            return f.TransferForm(family=family, **kwargs)
        case ChangeKind.SPLIT:
            return f.SplitForm(family=family, official=official, **kwargs)
        case ChangeKind.MERGE_FAMILIES:
            return f.MergeForm(family=family, official=official, **kwargs)
    raise ValueError(kind)


@dataclass
class Preview:
    """A change checked against the family as it is now: its old → new rows, or why it no
    longer fits; for a person being added, who may already be registered."""

    rows: list[Row] = field(default_factory=list)
    error: ValidationError | None = None
    possible: list[Candidate] = field(default_factory=list)


def preview(kind: str, family: Family, member: Member | None, payload: dict[str, Any]) -> Preview:
    """The change checked and shown (nothing is written)."""
    change_kind = kind_for(kind)
    try:
        cleaned = change_kind.validate(family, member, payload)
    except ValidationError as exc:
        return Preview(error=exc)
    possible = possible_registrations(family, cleaned) if change_kind.ADDS_PERSON else []
    return Preview(change_kind.preview(family, member, cleaned), possible=possible)


def transfer_offer(kind: str, payload: dict[str, Any]) -> dict[str, str] | None:
    """For a person being added who is likely registered already (a bride with her parents, a
    member left out here but registered elsewhere): what a transfer of that registration needs
    from this form, so that the preview offers "transfer them" instead of a second Member ID."""
    if kind not in (ChangeKind.MARRIAGE, ChangeKind.MISSED_MEMBER):
        return None
    return {
        "relation": str(payload.get("relation") or ""),
        "spouse": str(payload.get("spouse") or ""),
    }


def payload_rows(change: ChangeRequest) -> list[Row]:
    """A decided request's proposed values, as entered (the audit log holds old → new)."""
    if change.kind == ChangeKind.RELATIONS:
        return relations.asked(change.family, change.payload)
    if change.kind == ChangeKind.SPLIT:
        return split.asked(change.payload)
    if change.kind == ChangeKind.MERGE_FAMILIES:
        return merge_families.asked(change.payload)
    model = Family if change.kind == ChangeKind.CORRECT_FAMILY else Member
    # Labelled as the form asked for them: some values are the request's, not the model's.
    fields = form_for(change.kind, change.family).fields
    rows = [
        Row(
            str(fields[name].label) if name in fields else label(model, name),
            "",
            shown(model, name, value),
        )
        for name, value in change.payload.items()
        if name not in (aadhaar.NUMBER, aadhaar.LAST4)
    ]
    aadhaar_row = aadhaar.row(change.payload, old="")
    return [*rows, aadhaar_row] if aadhaar_row else rows
