"""What every kind of change request is made of, and the helpers they share.

A kind is one module of this package with:

    CODE            the ChangeKind value
    MEMBER_BOUND    True when the request names an existing member (correction, death)
    ADDS_PERSON     True when applying it adds a person (birth, missed member, marriage): the
                    people already registered who may be them are shown and audited
    DOCUMENT_KIND   what an attached document is (documents.models.DocumentKind)
    validate(family, member, payload) -> cleaned values, or ValidationError keyed by field
    preview(family, member, cleaned) -> [Row(label, old, new), ...]
    apply(family, member, cleaned, actor=...) -> Applied (audit changes, the member added)
    conflict_key(member, cleaned) -> what two open requests of a family must not share

The kinds that change a family's shape (transfer, split, merge_families) also have:

    ALWAYS_VERIFIED True: the local body of the receiving family decides, whatever
                    SAMAGRA_UPDATES_VERIFIED_KINDS says (nobody moves without its review)
    to_lock(family, payload) -> Locks: the other families and the members the change reads,
                    locked with the family before it is validated (updates.services)
    subjects(cleaned) -> (member, other family) the request is about, stored with it
    check_held(held, cleaned): refuse what lies outside the areas the actor holds (``held``:
                    officials.jurisdiction.areas of the actor)
    open_conflicts(cleaned) -> Q: open requests elsewhere that it must not run beside

``validate`` reads the family as it is now, so the same payload is checked again when the
local body approves it (the family may have changed in between).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from officials.models import Official
from registry.models import Family, Member

Errors = dict[str, list[Any]]


@dataclass(frozen=True)
class Row:
    """One line of a preview: what a value is, was and will be."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Event:
    """An audit row a change writes besides the family's own (a moved member's history, the
    other family's), on ``subject`` at its area; the service adds the request's number."""

    event_type: str
    subject: Member | Family
    changes: dict[str, list[Any]]


@dataclass
class Applied:
    changes: dict[str, list[Any]] = field(default_factory=dict)
    new_member: Member | None = None
    # The second family a change of shape touched (updates.models.ChangeRequest.other_family),
    # when it only exists once applied (a split's new family).
    other_family: Family | None = None
    events: list[Event] = field(default_factory=list)


class Kind(Protocol):
    @property
    def CODE(self) -> str: ...

    @property
    def MEMBER_BOUND(self) -> bool: ...

    @property
    def ADDS_PERSON(self) -> bool: ...

    @property
    def DOCUMENT_KIND(self) -> str: ...

    def validate(
        self, family: Family, member: Member | None, payload: Mapping[str, Any]
    ) -> dict[str, Any]: ...

    def preview(
        self, family: Family, member: Member | None, cleaned: dict[str, Any]
    ) -> list[Row]: ...

    def apply(
        self, family: Family, member: Member | None, cleaned: dict[str, Any], *, actor: Official
    ) -> Applied: ...

    def conflict_key(self, member: Member | None, cleaned: dict[str, Any]) -> str: ...


@dataclass(frozen=True)
class Locks:
    family_ids: list[str] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)


def add(errors: Errors, key: str, message: Any) -> None:
    errors.setdefault(key, []).append(message)


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def parse_date(payload: Mapping[str, Any], name: str, errors: Errors) -> date | None:
    raw = payload.get(name) or None
    if raw is None:
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        add(errors, name, _("Enter a valid date."))
        return None


def parse_int(payload: Mapping[str, Any], name: str, errors: Errors) -> int | None:
    raw = payload.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        add(errors, name, _("Enter a whole number."))
        return None


def text(payload: Mapping[str, Any], name: str) -> str:
    return " ".join(str(payload.get(name) or "").split())


def family_member(family: Family, member_id: str, name: str, errors: Errors) -> Member | None:
    """A member of this family by Member ID, or an error on ``name``."""
    found = family.members.filter(member_id=member_id).first() if member_id else None
    if found is None:
        add(errors, name, _("Choose a member of this family."))
    return found


def shown(model: type[models.Model], name: str, value: Any) -> str:
    """A value as a person reads it in a preview."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, date):
        return formats.date_format(value, "d-m-Y")
    if isinstance(value, models.Model):
        return str(value)
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a value of the request, not of the model (spouse)
        return str(value)
    choices = dict(getattr(model_field, "choices", None) or ())
    return str(choices.get(value, value))


def label(model: type[models.Model], name: str) -> str:
    try:
        verbose = str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:  # a value of the request, not of the model (spouse)
        return name
    return verbose[:1].upper() + verbose[1:]


def non_field(message: Any) -> ValidationError:
    return ValidationError({NON_FIELD_ERRORS: [message]})


def named(member: Member | None) -> Member:
    """The member a member-bound kind is about (the service always passes one)."""
    if member is None:
        raise ValueError("this kind of change is about one member")
    return member
