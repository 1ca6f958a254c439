"""Where the vault's keys come from, and the clear errors when they are wrong or missing."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from audit.models import AuditEvent
from identity.models import AadhaarVaultEntry
from identity.vault import VaultDecryptionError, vault_reveal, vault_store
from identity.vault_keys import VaultKeyMissing, load_keyring
from tests.identity_vault.support import new_key
from tests.uidai.support import valid_aadhaar


def test_development_falls_back_to_the_published_key(settings):
    settings.AADHAAR_DEV_KEY_ALLOWED = True

    keyring = load_keyring()

    assert keyring.active_id == "dev"


@pytest.mark.django_db
def test_production_without_a_key_refuses_to_store_or_reveal(settings, world):
    settings.AADHAAR_DEV_KEY_ALLOWED = False

    with pytest.raises(ImproperlyConfigured, match="SAMAGRA_AADHAAR_KEYS"):
        vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test")
    assert not AadhaarVaultEntry.objects.exists()


def test_production_uses_the_configured_key_not_the_development_one(settings, use_keys):
    settings.AADHAAR_DEV_KEY_ALLOWED = False
    use_keys({"k1": new_key()})

    keyring = load_keyring()

    assert list(keyring.keys) == ["k1"]
    assert keyring.active_id == "k1"


def test_it_reads_keys_from_a_file_too(settings, tmp_path, use_keys):
    key_file = tmp_path / "aadhaar.keys"
    key_file.write_text(f"# rotated 2026-01\nk2:{new_key()}\nk3:{new_key()}\n")
    use_keys({"k1": new_key()}, active="k3")
    settings.AADHAAR_KEYS_FILE = str(key_file)

    keyring = load_keyring()

    assert sorted(keyring.keys) == ["k1", "k2", "k3"]
    assert keyring.active_id == "k3"


def test_it_accepts_url_safe_base64_without_padding(use_keys):
    key = new_key().replace("+", "-").replace("/", "_").rstrip("=")
    use_keys({"k1": key})

    assert len(load_keyring().active.master) == 32


@pytest.mark.parametrize(
    ("keys", "active", "message"),
    [
        ("k1:not base64!!", "", "not valid base64"),
        (f"k1:{new_key()[:20]}", "", "must be 32 bytes"),
        ("just-a-key-without-id", "", "id:base64"),
        (f"k1:{new_key()},k1:{new_key()}", "", "given twice"),
        (f"k1:{new_key()},k2:{new_key()}", "", "SAMAGRA_AADHAAR_ACTIVE_KEY"),
        (f"k1:{new_key()}", "k9", "'k9', which is not among"),
    ],
)
def test_it_explains_an_unusable_configuration(settings, keys, active, message):
    settings.AADHAAR_KEYS = keys
    settings.AADHAAR_ACTIVE_KEY = active

    with pytest.raises(ImproperlyConfigured, match=message):
        load_keyring()


def test_it_explains_an_unreadable_key_file(settings, tmp_path):
    settings.AADHAAR_KEYS_FILE = str(tmp_path / "missing.keys")

    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        load_keyring()


def test_a_key_id_in_both_places_is_refused(settings, tmp_path, use_keys):
    key_file = tmp_path / "aadhaar.keys"
    key_file.write_text(f"k1:{new_key()}")
    use_keys({"k1": new_key()})
    settings.AADHAAR_KEYS_FILE = str(key_file)

    with pytest.raises(ImproperlyConfigured, match="both in"):
        load_keyring()


@pytest.mark.django_db
def test_the_wrong_key_material_is_a_clear_error_and_nothing_is_audited(use_keys, world):
    use_keys({"k1": new_key()})
    token = vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test")

    use_keys({"k1": new_key()})  # same id, different key

    with pytest.raises(VaultDecryptionError, match=r"key 'k1'.*wrong"):
        vault_reveal(token=token, actor=world.alice, purpose="test")
    assert not AuditEvent.objects.filter(event_type="aadhaar.revealed").exists()


@pytest.mark.django_db
def test_a_missing_key_id_is_a_clear_error(use_keys, world):
    use_keys({"k1": new_key()})
    token = vault_store(number=valid_aadhaar(1), actor=world.alice, purpose="test")

    use_keys({"k2": new_key()})

    with pytest.raises(VaultKeyMissing, match="'k1' is not configured"):
        vault_reveal(token=token, actor=world.alice, purpose="test")
