"""The vault's encryption: AES-256-GCM, a fresh nonce per record, bound to the record's token."""

import pytest

from identity.models import AadhaarVaultEntry
from identity.vault import VaultDecryptionError, vault_reveal, vault_store
from identity.vault_keys import load_keyring
from tests.uidai.support import valid_aadhaar

pytestmark = pytest.mark.django_db


def _entry(token: str) -> AadhaarVaultEntry:
    return AadhaarVaultEntry.objects.get(token=token)


def test_it_keeps_no_plaintext_in_the_row(world):
    number = valid_aadhaar(1)
    entry = _entry(vault_store(number=number, actor=world.alice, purpose="test"))

    stored = bytes(entry.ciphertext) + bytes(entry.nonce)
    for text in (entry.token, entry.lookup_hash, entry.key_id, entry.last4):
        assert number[:8] not in text
    assert number.encode() not in stored
    assert number[:8].encode() not in stored
    # 12 bytes of text plus the 16-byte GCM tag.
    assert len(bytes(entry.ciphertext)) == 12 + 16


def test_it_uses_a_fresh_96_bit_nonce_for_each_record(world):
    entries = [
        _entry(vault_store(number=valid_aadhaar(n), actor=world.alice, purpose="test"))
        for n in range(1, 6)
    ]

    nonces = {bytes(e.nonce) for e in entries}
    assert len(nonces) == 5
    assert all(len(n) == 12 for n in nonces)


def test_it_encrypts_with_a_256_bit_key_and_records_the_key_id(world):
    entry = _entry(vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test"))

    keyring = load_keyring()
    assert entry.key_id == keyring.active_id == "dev"
    assert len(keyring.active.encryption_key) == 32
    assert keyring.active.encryption_key != keyring.active.lookup_key


def test_a_ciphertext_copied_onto_another_token_does_not_decrypt(world):
    first = _entry(vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test"))
    second = _entry(vault_store(number=valid_aadhaar(2), actor=world.alice, purpose="test"))

    AadhaarVaultEntry.objects.filter(pk=second.pk).update(
        nonce=bytes(first.nonce), ciphertext=bytes(first.ciphertext)
    )

    with pytest.raises(VaultDecryptionError, match="altered"):
        vault_reveal(token=second.token, actor=world.alice, purpose="test")
    assert vault_reveal(token=first.token, actor=world.alice, purpose="test") == valid_aadhaar(1)


def test_an_altered_ciphertext_does_not_decrypt(world):
    entry = _entry(vault_store(number=valid_aadhaar(3), actor=world.alice, purpose="test"))
    altered = bytearray(bytes(entry.ciphertext))
    altered[0] ^= 1

    AadhaarVaultEntry.objects.filter(pk=entry.pk).update(ciphertext=bytes(altered))

    with pytest.raises(VaultDecryptionError):
        vault_reveal(token=entry.token, actor=world.alice, purpose="test")
