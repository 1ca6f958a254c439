"""What the change-request views need besides the views themselves: which form, what title,
the preview rows."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registration.duplicates import Candidate
from registry.models import Family, Member
from updates import forms as f
from updates.kinds import aadhaar, kind_for, relations
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
}


def form_for(kind: str, family: Family, **kwargs: Any) -> f.ChangeForm:
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


def payload_rows(change: ChangeRequest) -> list[Row]:
    """A decided request's proposed values, as entered (the audit log holds old → new)."""
    if change.kind == ChangeKind.RELATIONS:
        return relations.asked(change.family, change.payload)
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
