"""The history in words (audit.words): every event a sentence in the reader's language, with
labels for fields, choice labels for codes, members by name and Member ID, times in IST."""

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from audit.models import AuditEvent
from audit.sentences import SENTENCES
from audit.words import history_lines
from registry.models import Family, Member
from tests import factories as f
from tests.conftest import World

ROOT = Path(__file__).resolve().parent.parent.parent
EVENT_TYPE = re.compile(r"^[a-z]+\.[a-z_]+$")
WRITES_AUDIT = re.compile(r"audit_record|audit_member|\b_audit\(|\bEvent\(")
SKIPPED_PARTS = {".venv", "tests", "migrations", "audit", "node_modules", "var", "bench"}


def _event_types_written_in_code() -> dict[str, str]:
    """Every string that looks like an event type ("family.registered") in a module that writes
    audit rows (directly, or through the helpers that pass the type on), with where it is."""
    found: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if any(p in SKIPPED_PARTS or p.startswith(".") for p in parts):
            continue
        source = path.read_text(encoding="utf-8")
        if not WRITES_AUDIT.search(source):
            continue
        for node in ast.walk(ast.parse(source)):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and EVENT_TYPE.match(value):
                found.setdefault(value, str(path.relative_to(ROOT)))
    return found


def _event(**fields: object) -> AuditEvent:
    values: dict[str, object] = {
        "actor_label": "Asha Verma (asha)",
        "event_type": "family.registered",
        "subject_type": "registry.Family",
        "subject_id": "1",
        "subject_label": "12345678",
        "changes": {},
    }
    values.update(fields)
    return AuditEvent.objects.create(**values)


def _read(events: list[AuditEvent], language: str) -> str:
    with translation.override(language):
        return "\n".join(
            " ".join([line.when_text, line.sentence, *line.details])
            for line in history_lines(events)
        )


def test_every_event_type_written_in_code_has_a_sentence() -> None:
    written = _event_types_written_in_code()
    # The scan finds the types whichever way they reach audit_record (keyword, a helper's
    # argument, a variable): a scan that found none of these would prove nothing.
    assert {"application.submitted", "member.merged", "grievance.filed", "member.moved"} <= set(
        written
    )
    missing = {t: where for t, where in written.items() if t not in SENTENCES}
    assert not missing, f"event types without a sentence in audit/sentences.py: {missing}"


def test_every_sentence_names_only_what_the_renderer_gives() -> None:
    for event_type, sentence in SENTENCES.items():
        with translation.override("hi"):
            str(sentence) % {"actor": "a", "subject": "s"}  # no KeyError, in either language
        with translation.override("en"):
            assert str(sentence) % {"actor": "a", "subject": "s"}, event_type


@pytest.mark.django_db
def test_a_status_change_reads_with_the_choice_labels_in_hindi_and_english() -> None:
    event = _event(
        event_type="application.approved",
        subject_type="registration.Application",
        subject_label="APP-2026-ABCD1234",
        changes={"status": ["SUBMITTED", "APPROVED"], "family_id": [None, "12345678"]},
    )
    english = _read([event], "en")
    hindi = _read([event], "hi")
    assert "Asha Verma (asha) approved application APP-2026-ABCD1234" in english
    assert "Status changed from Waiting for verification to Approved." in english
    assert "Family ID: 12345678." in english
    assert "आवेदन APP-2026-ABCD1234 स्वीकृत किया" in hindi
    assert "सत्यापन की प्रतीक्षा में" in hindi and "स्वीकृत" in hindi
    for raw in ("SUBMITTED", "APPROVED", "status", "Status", "family_id", "Family ID"):
        assert raw not in hindi, raw


@pytest.mark.django_db
def test_a_time_before_0530_ist_shows_the_indian_date() -> None:
    # 23:40 UTC on 1 March is 05:10 on 2 March in India.
    event = _event(created_at=datetime(2026, 3, 1, 23, 40, tzinfo=UTC))
    assert _read([event], "en").startswith("02-03-2026 05:10 ")
    assert _read([event], "hi").startswith("02-03-2026 05:10 ")


@pytest.mark.django_db
def test_a_time_kept_as_a_value_is_shown_in_ist_too() -> None:
    event = _event(
        event_type="official.updated",
        subject_type="officials.Official",
        changes={"last_login": [None, "2026-03-01 23:40:00+00:00"]},
    )
    assert "02-03-2026 05:10" in _read([event], "en")


@pytest.mark.django_db
def test_members_are_named_in_the_page_script_with_their_member_id(world: World) -> None:
    family = f.FamilyFactory(area=world.a1)
    ravi = f.MemberFactory(family=family, name_hi="रवि शर्मा", name_en="Ravi Sharma")
    event = _event(
        subject_id=str(family.pk),
        subject_label=family.family_id,
        changes={
            "members": [None, [ravi.member_id]],
            f"relation {ravi.member_id}": ["HEAD", "SON"],
        },
    )
    hindi = _read([event], "hi")
    english = _read([event], "en")
    assert f"रवि शर्मा (सदस्य आईडी {ravi.member_id})" in hindi
    assert "Ravi Sharma" not in hindi
    assert f"Ravi Sharma (Member ID {ravi.member_id})" in english
    assert "Relation to the head" in english and "Head of family" in english
    assert "HEAD" not in english and "relation" not in hindi


@pytest.mark.django_db
def test_possible_registrations_and_codes_of_other_models_read_as_words(world: World) -> None:
    ravi = f.MemberFactory(family=world.family_a1, name_hi="रवि शर्मा", name_en="Ravi Sharma")
    event = _event(
        event_type="change.requested",
        subject_type="updates.ChangeRequest",
        subject_label="CR2612070001",
        changes={
            "kind": [None, "BIRTH"],
            "possible_registrations": [None, f"{ravi.member_id}, APP-2026-ABCD1234"],
        },
    )
    english = _read([event], "en")
    assert "asked for change CR2612070001." in english
    assert "Kind of change: Birth." in english
    assert f"Ravi Sharma (Member ID {ravi.member_id}), APP-2026-ABCD1234" in english
    method = _event(
        event_type="migration.eauthenticated",
        subject_type="registry.Member",
        subject_id=str(ravi.pk),
        changes={"method": [None, "otp"]},
    )
    assert "Method: Aadhaar OTP." in _read([method], "en")


@pytest.mark.django_db
def test_a_member_event_names_the_member_and_a_family_acting_on_the_portal(world: World) -> None:
    member = Member.objects.filter(family=world.family_a1).get()
    event = _event(
        event_type="member.deactivation_objected",
        actor_label=f"Citizen (member {member.member_id})",
        subject_type="registry.Member",
        subject_id=str(member.pk),
        subject_label=str(member),
        changes={"in_time": [None, True], "objection": [None, "He lives here."]},
    )
    english = _read([event], "en")
    assert f"The family (Ramesh Kumar (Member ID {member.member_id})) recorded an objection" in (
        english
    )
    assert "Within the objection period: yes." in english
    assert "in_time" not in english and "Citizen" not in english
    assert f"रमेश कुमार (सदस्य आईडी {member.member_id})" in _read([event], "hi")


@pytest.mark.django_db
def test_an_unknown_event_and_an_unknown_field_read_generically_never_raw() -> None:
    event = _event(
        event_type="family.something_new",
        actor_label="system",
        changes={"internal_flag_xyz": ["a", "b"]},
    )
    english = _read([event], "en")
    assert "The portal: A change was recorded (12345678)." in english
    assert "Another detail changed from a to b." in english
    assert "something_new" not in english and "internal_flag_xyz" not in english
    assert "पोर्टल" in _read([event], "hi")


@pytest.mark.django_db
def test_an_applications_members_read_with_their_relation_gender_and_birth_in_hindi() -> None:
    event = _event(
        event_type="application.created",
        subject_type="registration.Application",
        changes={
            "members": [
                None,
                ["Suresh Patel / HEAD / M / 1980-05-01", "Geeta / SPOUSE / F / ~1984"],
            ]
        },
    )
    hindi = _read([event], "hi")
    assert "Suresh Patel (परिवार का मुखिया, पुरुष, जन्म 01-05-1980)" in hindi
    assert "लगभग 1984 में जन्म" in hindi
    assert "HEAD" not in hindi and " / " not in hindi


@pytest.mark.django_db
def test_reading_a_history_costs_one_query_however_many_members_it_names(world: World) -> None:
    family: Family = world.family_a1
    members = [f.MemberFactory(family=family) for _ in range(6)]
    events = [
        _event(
            event_type="member.moved",
            subject_type="registry.Member",
            subject_id=str(m.pk),
            changes={"family_id": ["11111111", family.family_id], "spouse": [None, m.member_id]},
        )
        for m in members
    ]
    with CaptureQueriesContext(connection) as ctx, translation.override("en"):
        lines = history_lines(events)
    assert len(ctx.captured_queries) == 1
    assert all("Member ID" in line.sentence for line in lines)
    with CaptureQueriesContext(connection) as ctx:
        history_lines(events[:1])
    assert len(ctx.captured_queries) == 1
