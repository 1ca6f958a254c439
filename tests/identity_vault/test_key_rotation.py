"""Rotating the vault key: a new key made active, old entries re-encrypted by the command."""

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEvent
from identity.models import AadhaarVaultEntry
from identity.vault import vault_reveal, vault_rotate, vault_store, vault_token_for
from tests.identity_vault.support import new_key
from tests.uidai.support import valid_aadhaar

pytestmark = pytest.mark.django_db

K1, K2 = new_key(), new_key()


def _store(world, count: int) -> dict[str, str]:
    return {
        vault_store(number=valid_aadhaar(n), actor=world.alice, purpose="test"): valid_aadhaar(n)
        for n in range(1, count + 1)
    }


def test_old_entries_still_decrypt_once_a_new_key_is_active(use_keys, world):
    use_keys({"k1": K1})
    old = _store(world, 2)

    use_keys({"k1": K1, "k2": K2}, active="k2")
    new_token = vault_store(number=valid_aadhaar(9), actor=world.alice, purpose="test")

    for token, number in old.items():
        assert vault_reveal(token=token, actor=world.alice, purpose="test") == number
    assert AadhaarVaultEntry.objects.get(token=new_token).key_id == "k2"


def test_a_number_stored_under_the_old_key_is_found_under_the_new_one(use_keys, world):
    use_keys({"k1": K1})
    token = vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test")

    use_keys({"k1": K1, "k2": K2}, active="k2")

    assert vault_token_for(valid_aadhaar(1)) == token
    assert vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test") == token
    assert AadhaarVaultEntry.objects.count() == 1


def test_rotation_re_encrypts_everything_under_the_active_key(use_keys, world):
    use_keys({"k1": K1})
    stored = _store(world, 5)
    before = {e.token: bytes(e.ciphertext) for e in AadhaarVaultEntry.objects.all()}
    use_keys({"k1": K1, "k2": K2}, active="k2")

    report = vault_rotate(batch_size=2)

    assert (report.rekeyed, report.already_current, report.key_id) == (5, 0, "k2")
    after = AadhaarVaultEntry.objects.all()
    assert {e.key_id for e in after} == {"k2"}
    assert all(bytes(e.ciphertext) != before[e.token] for e in after)
    # The old key can go: everything decrypts and is found under the new one alone.
    use_keys({"k2": K2})
    for token, number in stored.items():
        assert vault_reveal(token=token, actor=world.alice, purpose="test") == number
        assert vault_token_for(number) == token


def test_rotation_audits_each_decryption(use_keys, world):
    use_keys({"k1": K1})
    _store(world, 3)
    use_keys({"k1": K1, "k2": K2}, active="k2")

    vault_rotate()

    events = AuditEvent.objects.filter(event_type="aadhaar.rekeyed")
    assert events.count() == 3
    assert all(e.changes["key_id"] == ["k1", "k2"] for e in events)
    assert all(e.changes["purpose"] == [None, "key rotation"] for e in events)


def test_rotation_is_idempotent(use_keys, world):
    use_keys({"k1": K1})
    _store(world, 3)
    use_keys({"k1": K1, "k2": K2}, active="k2")
    vault_rotate()
    ciphertexts = {e.token: bytes(e.ciphertext) for e in AadhaarVaultEntry.objects.all()}

    again = vault_rotate()

    assert (again.rekeyed, again.already_current) == (0, 3)
    assert {e.token: bytes(e.ciphertext) for e in AadhaarVaultEntry.objects.all()} == ciphertexts


def test_the_command_reports_its_counts(use_keys, world, capsys):
    use_keys({"k1": K1})
    _store(world, 3)
    use_keys({"k1": K1, "k2": K2}, active="k2")
    vault_store(number=valid_aadhaar(8), actor=world.alice, purpose="test")

    call_command("rotate_aadhaar_key", "--batch-size", "2")

    out = capsys.readouterr().out
    assert "Re-encrypted 3 Aadhaar vault entries under key 'k2'; 1 were already under it." in out


def test_the_command_stops_clearly_when_an_old_key_is_gone(use_keys, world):
    use_keys({"k1": K1})
    _store(world, 2)
    use_keys({"k2": K2})

    with pytest.raises(CommandError, match="'k1' is not configured"):
        call_command("rotate_aadhaar_key")
    assert set(AadhaarVaultEntry.objects.values_list("key_id", flat=True)) == {"k1"}


def test_an_interrupted_rotation_finishes_on_the_next_run(use_keys, world):
    use_keys({"k1": K1})
    stored = _store(world, 4)
    # One entry was written under a third key that is configured only later.
    k3 = new_key()
    use_keys({"k3": k3})
    late = vault_store(number=valid_aadhaar(7), actor=world.alice, purpose="test")
    use_keys({"k1": K1, "k2": K2}, active="k2")

    with pytest.raises(CommandError):
        call_command("rotate_aadhaar_key", "--batch-size", "2")
    # The batches before the failure stay done.
    assert AadhaarVaultEntry.objects.filter(key_id="k2").count() == 4
    assert AadhaarVaultEntry.objects.get(token=late).key_id == "k3"
    use_keys({"k1": K1, "k2": K2, "k3": k3}, active="k2")
    vault_rotate(batch_size=2)

    assert set(AadhaarVaultEntry.objects.values_list("key_id", flat=True)) == {"k2"}
    use_keys({"k2": K2})
    for token, number in {**stored, late: valid_aadhaar(7)}.items():
        assert vault_reveal(token=token, actor=world.alice, purpose="test") == number
