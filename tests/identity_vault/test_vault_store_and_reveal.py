import json

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from identity.models import AadhaarVaultEntry
from identity.vault import VaultEntryNotFound, vault_reveal, vault_store, vault_token_for
from tests.uidai.support import valid_aadhaar

pytestmark = pytest.mark.django_db


def test_it_returns_the_number_behind_the_token(world):
    number = valid_aadhaar(1)

    token = vault_store(number=number, actor=world.alice, purpose="test")

    assert number not in token
    assert vault_reveal(token=token, actor=world.alice, purpose="test") == number


def test_it_gives_the_same_number_the_same_token(world):
    number = valid_aadhaar(2)
    first = vault_store(number=number, actor=world.alice, purpose="test")

    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    second = vault_store(number=spaced, actor=world.bob, purpose="test")

    assert second == first
    assert AadhaarVaultEntry.objects.count() == 1


def test_it_gives_different_numbers_different_tokens(world):
    first = vault_store(number=valid_aadhaar(3), actor=world.alice, purpose="test")
    second = vault_store(number=valid_aadhaar(4), actor=world.alice, purpose="test")

    assert first != second
    assert vault_reveal(token=second, actor=world.alice, purpose="test") == valid_aadhaar(4)


def test_it_finds_the_entry_of_a_number_without_decrypting(world):
    token = vault_store(number=valid_aadhaar(5), actor=world.alice, purpose="test")

    assert vault_token_for(valid_aadhaar(5)) == token
    assert vault_token_for(valid_aadhaar(6)) is None
    assert not AuditEvent.objects.filter(event_type="aadhaar.revealed").exists()


def test_it_audits_every_decryption_with_its_purpose_and_never_the_number(world):
    number = valid_aadhaar(7)
    token = vault_store(number=number, actor=world.alice, purpose="member e-KYC")

    vault_reveal(token=token, actor=world.alice, purpose="UIDAI e-KYC")
    vault_reveal(token=token, actor=world.carol, purpose="migration e-authentication")

    events = AuditEvent.objects.filter(event_type="aadhaar.revealed").order_by("id")
    assert [e.changes["purpose"][1] for e in events] == [
        "UIDAI e-KYC",
        "migration e-authentication",
    ]
    assert [e.actor for e in events] == [world.alice, world.carol]
    for event in AuditEvent.objects.all():
        text = json.dumps(event.changes) + event.subject_label + event.subject_id
        assert number not in text
        assert number[:8] not in text


def test_it_audits_storing_a_new_number_once(world):
    number = valid_aadhaar(8)

    vault_store(number=number, actor=world.alice, purpose="member e-KYC")
    vault_store(number=number, actor=world.alice, purpose="member e-KYC")

    stored = AuditEvent.objects.get(event_type="aadhaar.stored")
    assert stored.changes == {"purpose": [None, "member e-KYC"]}
    assert stored.subject_label == f"Aadhaar XXXX-XXXX-{number[-4:]}"


def test_it_refuses_a_decryption_without_a_purpose(world):
    token = vault_store(number=valid_aadhaar(9), actor=world.alice, purpose="test")

    with pytest.raises(ValueError, match="purpose"):
        vault_reveal(token=token, actor=world.alice, purpose="  ")

    assert not AuditEvent.objects.filter(event_type="aadhaar.revealed").exists()


def test_it_says_so_for_an_unknown_token(world):
    with pytest.raises(VaultEntryNotFound):
        vault_reveal(token="no-such-token", actor=world.alice, purpose="test")


def test_it_stores_nothing_for_an_invalid_number(world):
    with pytest.raises(ValidationError):
        vault_store(number="123412341234", actor=world.alice, purpose="test")

    assert not AadhaarVaultEntry.objects.exists()
    assert not AuditEvent.objects.exists()
