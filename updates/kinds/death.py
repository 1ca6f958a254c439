"""Record a member's death: the date, and optionally the death certificate. The member stays
in the register, marked deceased; nobody is ever deleted."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from officials.models import Official
from registry.models import Family, Member
from updates.kinds.base import Applied, Errors, Row, add, label, named, parse_date, raise_if, shown
from updates.models import ChangeKind

CODE = ChangeKind.DEATH
MEMBER_BOUND = True
ADDS_PERSON = False
DOCUMENT_KIND = DocumentKind.DEATH_CERTIFICATE


def validate(family: Family, member: Member | None, payload: Mapping[str, Any]) -> dict[str, Any]:
    member = named(member)
    errors: Errors = {}
    if member.is_deceased:
        add(errors, "date_of_death", _("This member's death is already recorded."))
    died = parse_date(payload, "date_of_death", errors)
    if died is None and "date_of_death" not in errors:
        add(errors, "date_of_death", _("Enter the date of death."))
    elif died is not None:
        if died > timezone.localdate():
            add(errors, "date_of_death", _("The date of death cannot be in the future."))
        born = member.date_of_birth
        if (born is not None and died < born) or (
            born is None and member.birth_year is not None and died.year < member.birth_year
        ):
            add(errors, "date_of_death", _("The date of death cannot be before the date of birth."))
        if member.children.filter(date_of_birth__gt=died).exists():
            add(
                errors,
                "date_of_death",
                _("A child of this member is recorded as born after this date of death."),
            )
    raise_if(errors)
    return {"date_of_death": died}


def preview(family: Family, member: Member | None, cleaned: dict[str, Any]) -> list[Row]:
    member = named(member)
    return [
        Row(label(Member, "is_deceased"), shown(Member, "", False), shown(Member, "", True)),
        Row(
            label(Member, "date_of_death"),
            "—",
            shown(Member, "date_of_death", cleaned["date_of_death"]),
        ),
    ]


def apply(
    family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
) -> Applied:
    member = named(member)
    member.is_deceased = True
    member.date_of_death = cleaned["date_of_death"]
    member.death_recorded_at = timezone.now()
    member.save(update_fields=["is_deceased", "date_of_death", "death_recorded_at"])
    return Applied(
        changes={
            "is_deceased": [False, True],
            "date_of_death": [None, cleaned["date_of_death"].isoformat()],
        }
    )


def conflict_key(member: Member | None, cleaned: dict[str, Any]) -> str:
    member = named(member)
    return f"member:{member.pk}"
