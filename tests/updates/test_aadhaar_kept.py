"""Issue 15, finding 1: a request that adds a person keeps only the last four digits of the
Aadhaar number typed for them: not in its payload, not in the preview's signed token, not in a
page. The form says to enter the number again whenever it comes back."""

import re

import pytest
from django.core import signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from core.forms import AADHAAR_NOT_SHOWN_AGAIN
from tests.conftest import client_for
from tests.updates.support import (
    marriage_data,
    newcomer_data,
    preview_token,
    verma_family,
)
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_approve, change_request_submit
from updates.views import SALT

NUMBER = "234123412346"  # Verhoeff-valid
MASKED = "XXXX-XXXX-2346"


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def _has_number(text: str) -> bool:
    return bool(re.search(r"2341[\s-]?2341[\s-]?2346", text))


def test_a_request_keeps_only_the_last_four_digits_and_still_applies(world):
    family = verma_family(world)

    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.MISSED_MEMBER,
        data=newcomer_data(aadhaar="2341 2341 2346"),
    )

    assert change.payload["aadhaar_last4"] == "2346"
    assert "aadhaar" not in change.payload
    change_request_approve(actor=world.carol, change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.new_member is not None
    assert not _has_number(str(ChangeRequest.objects.values_list("payload", flat=True)[0]))


def test_the_preview_shows_the_number_masked_and_signs_only_its_last_digits(world):
    family = verma_family(world)
    client = _english(client_for(world.alice))
    url = reverse("updates:missed_new", args=[family.family_id])

    preview = client.post(url, {**newcomer_data(aadhaar=NUMBER), "step": "preview"})

    body = preview.content.decode()
    assert MASKED in body and not _has_number(body)
    signed = signing.loads(preview_token(preview), salt=SALT)
    assert signed["payload"]["aadhaar_last4"] == "2346" and "aadhaar" not in signed["payload"]


@pytest.mark.parametrize("language", ["en", "hi"])
def test_back_from_the_preview_the_form_asks_for_the_number_again(world, language):
    family = verma_family(world)
    client = client_for(world.alice)
    client.cookies["django_language"] = language
    url = reverse("updates:missed_new", args=[family.family_id])
    preview = client.post(url, {**newcomer_data(aadhaar=NUMBER), "step": "preview"})

    back = client.post(url, {"step": "edit", "token": preview_token(preview)})

    body = back.content.decode()
    assert not _has_number(body)
    assert re.search(r'<input[^>]*name="aadhaar"[^>]*>', body)
    assert not re.search(r'<input[^>]*name="aadhaar"[^>]*value=', body)
    with translation.override(language):
        assert str(AADHAAR_NOT_SHOWN_AGAIN) in body
    assert 'value="Kamla Verma"' in body  # the rest is kept


def test_a_refused_preview_does_not_write_the_number_back(world):
    family = verma_family(world)
    client = _english(client_for(world.alice))
    url = reverse("updates:marriage_new", args=[family.family_id])

    refused = client.post(
        url, {**marriage_data(family, aadhaar=NUMBER, mobile="12345"), "step": "preview"}
    )

    body = refused.content.decode()
    assert "Enter a valid 10-digit Indian mobile number." in body
    assert not _has_number(body)
    assert str(AADHAAR_NOT_SHOWN_AGAIN) in body


def test_a_form_not_yet_sent_does_not_ask_for_it_again(world):
    family = verma_family(world)
    client = _english(client_for(world.alice))

    page = client.get(reverse("updates:missed_new", args=[family.family_id]))

    assert str(AADHAAR_NOT_SHOWN_AGAIN) not in page.content.decode()


def test_a_decided_marriage_shows_what_was_asked_with_the_number_masked(world):
    family = verma_family(world)
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.MARRIAGE,
        data=marriage_data(family, aadhaar=NUMBER),
    )
    change_request_approve(actor=world.carol, change=change)

    page = _english(client_for(world.alice)).get(
        reverse("updates:change_detail", args=[change.number])
    )

    body = page.content.decode()
    assert page.status_code == 200
    assert "Married to" in body and "Date of marriage" in body
    assert "Aadhaar number" in body and MASKED in body and not _has_number(body)


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_drops_the_numbers_kept_before(world):
    before, after = (
        [("updates", "0002_relations_kind")],
        [("updates", "0003_drop_aadhaar_from_payloads")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Request = old.get_model("updates", "ChangeRequest")
    family = verma_family(world)
    common = {"family_id": family.pk, "created_by_id": world.alice.pk}
    Request.objects.create(
        number="CR1",
        kind="MISSED_MEMBER",
        payload={"name_en": "Kamla Verma", "aadhaar": NUMBER},
        conflict_key="a",
        **common,
    )
    Request.objects.create(
        number="CR2", kind="MARRIAGE", payload={"aadhaar": ""}, conflict_key="b", **common
    )
    Request.objects.create(
        number="CR3",
        kind="DEATH",
        payload={"date_of_death": "2025-01-01"},
        conflict_key="c",
        **common,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    payloads = dict(ChangeRequest.objects.values_list("number", "payload"))
    # Back to the latest schema: the tests after this one use the later migrations' columns.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert payloads == {
        "CR1": {"name_en": "Kamla Verma", "aadhaar_last4": "2346"},
        "CR2": {},
        "CR3": {"date_of_death": "2025-01-01"},
    }
