"""The family, application and change pages show their history as sentences (audit.words via
templates/audit/_history.html), never stored codes or field names."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.verification import application_approve
from registry.models import Family
from tests.conftest import World, client_for
from tests.registration import builders
from tests.updates.support import death_recorded, death_requested, member, verma_family

RAW = ("SUBMITTED", "APPROVED", "DRAFT", "PENDING", "HEAD", "SPOUSE")
ENGLISH_FIELDS = ("Status", "Members", "Family ID", "House number", "PIN code", "Deceased")
KEYS = ("status", "members", "family_id", "possible_duplicates", "decision_reason", "is_deceased")


def _client(world: World, language: str) -> Client:
    client = client_for(world.carol)
    client.cookies["django_language"] = language
    return client


def _history(client: Client, url: str) -> str:
    body = client.get(url).content.decode()
    return body[body.index('id="history"') :]


def test_the_family_history_in_hindi_has_no_codes_and_no_english_field_names(
    world: World,
) -> None:
    application = builders.submitted(world.alice, world.a1)
    family = application_approve(actor=world.carol, application=application)
    history = _history(
        _client(world, "hi"), reverse("registry:family_detail", args=[family.family_id])
    )
    assert f"ने आवेदन {application.number} सत्यापन के लिए जमा किया" in history
    assert f"ने परिवार {family.family_id} पंजीकृत किया" in history
    assert "स्थिति सत्यापन की प्रतीक्षा में से बदलकर स्वीकृत किया गया।" in history
    assert "(सदस्य आईडी " in history  # the members registered, by name
    for raw in (*RAW, *ENGLISH_FIELDS, *KEYS):
        assert raw not in history, raw


def test_a_change_applied_to_the_family_names_the_request_its_kind_and_the_member(
    world: World,
) -> None:
    family = verma_family(world)
    death_recorded(world, family, "Ravi Verma")
    ravi = member(family, "Ravi Verma")
    url = reverse("registry:family_detail", args=[family.family_id])
    english = _history(_client(world, "en"), url)
    hindi = _history(_client(world, "hi"), url)
    assert f"(Death) for Ravi Verma (Member ID {ravi.member_id})." in english
    assert "Date of death: 01-01-2025." in english
    assert f"रवि वर्मा (सदस्य आईडी {ravi.member_id}) के लिए बदलाव" in hindi
    for raw in (*KEYS, "2025-01-01", "True", "False"):
        assert raw not in english and raw not in hindi, raw


def test_the_change_page_shows_the_requests_history(world: World) -> None:
    family = verma_family(world)
    change = death_requested(world, family, "Ravi Verma")
    history = _history(_client(world, "en"), reverse("updates:change_detail", args=[change.number]))
    assert f"asked for change {change.number}." in history
    assert "Kind of change: Death." in history
    assert "DEATH" not in history


def test_the_application_page_shows_its_history_in_words(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    history = _history(
        _client(world, "en"), reverse("registration:detail", args=[application.number])
    )
    assert f"started application {application.number}." in history
    assert "Status changed from Draft to Waiting for verification." in history
    assert "Head of family" in history and "/ HEAD /" not in history


def _family_page_queries(client: Client, family: Family) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("registry:family_detail", args=[family.family_id]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_history_costs_the_same_queries_for_few_or_many_events(world: World) -> None:
    family = verma_family(world)
    client = _client(world, "hi")
    death_recorded(world, family, "Ravi Verma")
    few = _family_page_queries(client, family)
    death_recorded(world, family, "Sunita Verma")
    death_recorded(world, family, "Ajay Verma")
    assert _family_page_queries(client, family) == few
