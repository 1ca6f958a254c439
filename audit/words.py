"""Audit events as sentences in the reader's language, for the history on the family,
application and change pages.

The audit log keeps what was written (field names, stored codes, Member IDs, UTC times) and is
never changed; this module only reads it. Field names become the model's labels, codes their
choice labels, Member IDs the member's name in the page's script, times IST. Everything one
page of events needs from the database is read in at most two queries (``history_lines``), never
one an event."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from audit.models import EVENT_LABELS, AuditEvent
from audit.sentences import GENERIC, SENTENCES, UNKNOWN_EVENT

MEMBER_ID = re.compile(r"^\d{9}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
CITIZEN = re.compile(r"^Citizen \(member (\d+)\)$")
APPLYING = re.compile(r"^Family applying \(mobile (.+)\)$")
MEMBER = "registry.Member"
CHANGE = "updates.ChangeRequest"

# Keys the writers add besides the subject's own fields (or whose model field has no label).
FIELD_LABELS = {
    "family_id": gettext_lazy("Family ID"),
    "member_id": gettext_lazy("Member ID"),
    "members": gettext_lazy("Members"),
    "name": gettext_lazy("Name"),
    "possible_duplicates": gettext_lazy("Possible duplicates found"),
    "possible_registrations": gettext_lazy("Possibly registered already"),
    "decision": gettext_lazy("Decision"),
    "reason": gettext_lazy("Reason"),
    "decision_reason": gettext_lazy("Reason"),
    "sms_reason": gettext_lazy("Reason told by SMS"),
    "candidate": gettext_lazy("Possible duplicate"),
    "document": gettext_lazy("Document"),
    "holder": gettext_lazy("Held by"),
    "held_by": gettext_lazy("Held by"),
    "escalated_to": gettext_lazy("Escalated to"),
    "change_request": gettext_lazy("Change request"),
    "request": gettext_lazy("Migration request"),
    "previous_request": gettext_lazy("Earlier request"),
    "reported_by": gettext_lazy("Reported by"),
    "from_area": gettext_lazy("Area moved from"),
    "to_area": gettext_lazy("Area moved to"),
    "rejection_text": gettext_lazy("Reason"),
    "method": gettext_lazy("Method"),
    "uidai_txn": gettext_lazy("UIDAI transaction"),
    "mobile": gettext_lazy("Mobile number"),
    "mobile_change": gettext_lazy("Mobile change request"),
    "purpose": gettext_lazy("Purpose"),
    "key_id": gettext_lazy("Key"),
    "case": gettext_lazy("Case"),
    "merged_into": gettext_lazy("Merged into"),
    "objection": gettext_lazy("Objection"),
    "in_time": gettext_lazy("Within the objection period"),
    "member_joined": gettext_lazy("Member who joined"),
    "member_left": gettext_lazy("Member who left"),
    "from_family": gettext_lazy("From family"),
    "to_family": gettext_lazy("To family"),
    "family_merged_in": gettext_lazy("Family merged in"),
    "members_joined": gettext_lazy("Members who joined"),
    "members_left": gettext_lazy("Members who left"),
    "new_family": gettext_lazy("New family"),
    "split_from": gettext_lazy("Split from family"),
    "spouse": gettext_lazy("Spouse"),
    "spouse_marital_status": gettext_lazy("Spouse's marital status"),
    "mother": gettext_lazy("Mother"),
    "sweep": gettext_lazy("Duplicate search"),
    "clusters": gettext_lazy("Groups found"),
    "reply": gettext_lazy("Reply"),
    "failed_sign_ins": gettext_lazy("Failed sign-ins"),
    "relation": gettext_lazy("Relation to the head"),
    "marital_status": gettext_lazy("Marital status"),
    "status": gettext_lazy("Status"),
    "kind": gettext_lazy("Kind of change"),
}
# Keys whose codes are the choices of a field of another model than the subject.
CHOICES_OF = {
    "decision": ("registration.PossibleDuplicate", "decision"),
    "sms_reason": ("registration.Application", "sms_reason"),  # sms.reasons.SmsReason
    "spouse_marital_status": (MEMBER, "marital_status"),
    "relation": (MEMBER, "relation"),
    "marital_status": (MEMBER, "marital_status"),
    "kind": ("updates.ChangeRequest", "kind"),
    "method": ("migration.AadhaarAuthentication", "method"),
}


@dataclass(frozen=True)
class Line:
    """One event as the history shows it."""

    when: datetime
    when_text: str
    sentence: str
    details: list[str]


@dataclass
class Known:
    """What the sentences of one page of events need from the database."""

    names: dict[str, str]  # Member ID → "name (Member ID …)"
    by_pk: dict[str, str]  # member pk → the same
    # A change request's number → its kind, and the member it is about (if any).
    changes: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def history_lines(events: Iterable[AuditEvent]) -> list[Line]:
    """The events as sentences in the active language, with one query for the members they
    name (subjects, Member IDs in values, families acting on the portal) and one for the change
    requests that changes applied to a family came from."""
    events = list(events)
    known = _known_members(events)
    known.changes = _known_changes(events)
    return [_line(event, known) for event in events]


def ist(moment: datetime) -> str:
    """A moment as the pages show times: IST, day first."""
    local = timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))
    return formats.date_format(local, "d-m-Y H:i")


def _known_members(events: list[AuditEvent]) -> Known:
    pks: set[str] = set()
    ids: set[str] = set()
    for event in events:
        if event.subject_type == MEMBER:
            pks.add(event.subject_id)
        if match := CITIZEN.match(event.actor_label):
            ids.add(match.group(1))
        for key, values in (event.changes or {}).items():
            ids.update(_member_ids(key, values))
    if not pks and not ids:
        return Known({}, {})
    member_model = apps.get_model(MEMBER)
    rows = member_model.objects.filter(
        models.Q(pk__in=[int(p) for p in pks if p.isdigit()]) | models.Q(member_id__in=ids)
    ).values_list("pk", "member_id", "name_hi", "name_en")
    names: dict[str, str] = {}
    by_pk: dict[str, str] = {}
    for pk, member_id, name_hi, name_en in rows:
        names[member_id] = by_pk[str(pk)] = _member_words(member_id, name_hi, name_en)
    return Known(names, by_pk)


def _known_changes(events: list[AuditEvent]) -> dict[str, tuple[str, str | None]]:
    numbers = {
        str(event.changes["change_request"][1])
        for event in events
        if event.event_type == "change.applied" and "change_request" in (event.changes or {})
    }
    if not numbers:
        return {}
    change_model = apps.get_model(CHANGE)
    kinds = _choices(change_model, "kind")
    rows = change_model.objects.filter(number__in=numbers).values_list(
        "number", "kind", "member__member_id", "member__name_hi", "member__name_en"
    )
    return {
        number: (
            str(kinds.get(kind, kind)),
            _member_words(member_id, name_hi, name_en) if member_id else None,
        )
        for number, kind, member_id, name_hi, name_en in rows
    }


def _member_ids(key: str, values: Any) -> set[str]:
    found = {part for part in key.split(" ")[1:] if MEMBER_ID.match(part)}
    for value in values if isinstance(values, list) else [values]:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found.update(part for part in item.split(", ") if MEMBER_ID.match(part))
    return found


def _member_words(member_id: str, name_hi: str, name_en: str) -> str:
    name = (name_hi if get_language() == "hi" else name_en) or name_en or name_hi
    return _("%(name)s (Member ID %(id)s)") % {"name": name, "id": member_id}


def _line(event: AuditEvent, known: Known) -> Line:
    words = {"actor": _actor(event, known), "subject": _subject(event, known)}
    template = SENTENCES.get(event.event_type)
    if event.event_type == "change.applied":
        sentence = _change_applied(event, known, words)
    elif template is not None:
        sentence = str(template) % words
    else:
        what = EVENT_LABELS.get(event.event_type, UNKNOWN_EVENT)
        sentence = str(GENERIC) % {**words, "what": what}
    model = _model(event.subject_type)
    details = [
        _detail(model, key, values, known)
        for key, values in (event.changes or {}).items()
        if isinstance(values, list) and len(values) == 2
    ]
    details = [d for d in details if d]
    return Line(event.created_at, ist(event.created_at), sentence, details)


def _change_applied(event: AuditEvent, known: Known, words: dict[str, str]) -> str:
    """Which request, of what kind and for whom: the family's row keeps only the number."""
    number = str((event.changes or {}).get("change_request", [None, ""])[1] or "")
    if number not in known.changes:
        return str(SENTENCES["change.applied"]) % words
    kind, member = known.changes[number]
    more = {**words, "number": number, "kind": kind, "member": member}
    if member is None:
        return _("%(actor)s applied change %(number)s to family %(subject)s (%(kind)s).") % more
    return (
        _("%(actor)s applied change %(number)s to family %(subject)s (%(kind)s) for %(member)s.")
        % more
    )


def _actor(event: AuditEvent, known: Known) -> str:
    label = event.actor_label
    if event.actor_id is None and label in ("", "system"):
        return _("The portal")
    if match := CITIZEN.match(label):
        member_id = match.group(1)
        return _("The family (%(member)s)") % {
            "member": known.names.get(member_id, _("Member ID %(id)s") % {"id": member_id})
        }
    if match := APPLYING.match(label):
        return _("The family applying (mobile %(mobile)s)") % {"mobile": match.group(1)}
    return label


def _subject(event: AuditEvent, known: Known) -> str:
    if event.subject_type == MEMBER and event.subject_id in known.by_pk:
        return known.by_pk[event.subject_id]
    return event.subject_label or event.subject_id


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    """The subject's field, else the member's (a change applied to a family names the fields
    of the member it changed)."""
    for candidate in (model, _model(MEMBER)):
        if candidate is None:
            continue
        try:
            found = candidate._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(found, models.Field):
            return found
    return None


def _label(model: type[models.Model] | None, key: str, known: Known) -> str:
    name, _space, member_id = key.partition(" ")
    label = _plain_label(model, name)
    if member_id:
        return _("%(field)s of %(member)s") % {
            "field": label,
            "member": known.names.get(member_id, member_id),
        }
    return label


def _plain_label(model: type[models.Model] | None, name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    found = _field(model, name)
    # A verbose name Django made up from the attribute name is English on every page.
    if found is not None and isinstance(found.verbose_name, Promise):
        verbose = str(found.verbose_name)
        return verbose[:1].upper() + verbose[1:]
    return _("Another detail")


def _choices(model: type[models.Model] | None, name: str) -> dict[Any, Any]:
    if name in CHOICES_OF:
        other, field_name = CHOICES_OF[name]
        found = _field(_model(other), field_name)
    else:
        found = _field(model, name)
    return dict(found.flatchoices) if found is not None and found.choices else {}


def _detail(model: type[models.Model] | None, key: str, values: list[Any], known: Known) -> str:
    name = key.partition(" ")[0]
    choices = _choices(model, name)
    old, new = (_value(v, choices, known, name) for v in values)
    words = {"field": _label(model, key, known), "old": old, "new": new}
    if old is None:
        return _("%(field)s: %(new)s.") % words if new is not None else ""
    if new is None:
        return _("%(field)s: %(old)s, no longer.") % words
    return _("%(field)s changed from %(old)s to %(new)s.") % words


def _value(value: Any, choices: dict[Any, Any], known: Known, name: str) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        parts = [_value(v, choices, known, name) for v in value]
        return ", ".join(p for p in parts if p)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    if not isinstance(value, str):
        return formats.localize(value)
    if value in known.names:
        return known.names[value]
    if ", " in value:  # several IDs in one value (possible registrations)
        return ", ".join(known.names.get(part, part) for part in value.split(", "))
    if name == "members" and value.count(" / ") == 3:
        return _applicant(value)
    return _text(value)


def _text(value: str) -> str:
    if ISO_DATE.match(value):
        return formats.date_format(date.fromisoformat(value), "d-m-Y")
    if ISO_DATETIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, ZoneInfo("UTC"))
        return ist(moment)
    return value


def _applicant(value: str) -> str:
    """A member of an application as registration.services.snapshot keeps it:
    "name / relation / gender / born"."""
    name, relation, gender, born = value.split(" / ")
    member = _model(MEMBER)
    relations, genders = _choices(member, "relation"), _choices(member, "gender")
    if born.startswith("~"):
        born_words = _("born about %(year)s") % {"year": born[1:]}
    else:
        born_words = _("born %(date)s") % {"date": _text(born)}
    return _("%(name)s (%(relation)s, %(gender)s, %(born)s)") % {
        "name": name,
        "relation": relations.get(relation, relation),
        "gender": genders.get(gender, gender),
        "born": born_words,
    }
