"""registry.card_signing: the payload round-trips, and anything not signed by an accepted key
is refused with its reason."""

import base64
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured

from registry.card_signing import (
    DEV_KEY_ID,
    CardInvalid,
    CardPayload,
    card_check_signature,
    card_sign,
    digest,
    load_card_keys,
    public_key_text,
)
from registry.checks import card_signing_keys_check

SEED, OTHER_SEED = bytes(range(32)), bytes(range(1, 33))
PAYLOAD = CardPayload(
    family_id="12345678",
    family_digest=digest("address"),
    members=(("123456782", digest("a")), ("987654321", digest("b"))),
    issued_at=datetime(2026, 12, 7, 10, 30, tzinfo=UTC),
)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _public(seed: bytes) -> str:
    return public_key_text(Ed25519PrivateKey.from_private_bytes(seed).public_key())


@pytest.fixture
def k1(settings):  # type: ignore[no-untyped-def]
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(SEED), "k1"
    settings.CARD_OLD_PUBLIC_KEYS = ""
    return settings


def test_a_signed_payload_reads_back_the_same(k1) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)

    back = card_check_signature(text)
    assert back.family_id == PAYLOAD.family_id
    assert back.members == PAYLOAD.members
    assert back.family_digest == PAYLOAD.family_digest
    assert back.issued_at == PAYLOAD.issued_at
    assert back.key_id == "k1"


def test_the_payload_is_short_and_url_safe(k1) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)
    assert len(text) == 122  # 91 bytes, 64 of them the signature
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_ids_with_leading_zeros_would_keep_them(k1) -> None:  # type: ignore[no-untyped-def]
    payload = CardPayload("01234567", b"\0\0", (("012345678", b"\0\1"),), PAYLOAD.issued_at)
    back = card_check_signature(card_sign(payload))
    assert back.family_id == "01234567" and back.members[0][0] == "012345678"


@pytest.mark.parametrize("position", [0, 5, 20, 40, 60, 90])
def test_any_changed_byte_is_refused(k1, position) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)
    raw = bytearray(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    raw[position] ^= 0x01
    with pytest.raises(CardInvalid) as refused:
        card_check_signature(_b64(bytes(raw)))
    assert refused.value.reason in {"malformed", "signature", "unknown_key"}


@pytest.mark.parametrize("text", ["", "!!!", "AAAA", _b64(b"\x01" + b"\0" * 200), "A" * 2000])
def test_garbage_is_malformed(k1, text) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(CardInvalid) as refused:
        card_check_signature(text)
    assert refused.value.reason == "malformed"


def test_a_key_not_accepted_is_an_unknown_key(k1, settings) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(OTHER_SEED), "k2"
    with pytest.raises(CardInvalid) as refused:
        card_check_signature(text)
    assert refused.value.reason == "unknown_key"


def test_an_old_key_listed_under_the_card_s_id_is_accepted(k1, settings) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(OTHER_SEED), "k2"
    settings.CARD_OLD_PUBLIC_KEYS = f"k1:{_public(SEED)}"

    assert card_check_signature(text).key_id == "k1"


def test_another_key_listed_under_the_card_s_id_is_a_bad_signature(k1, settings) -> None:  # type: ignore[no-untyped-def]
    text = card_sign(PAYLOAD)
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(OTHER_SEED), "k2"
    settings.CARD_OLD_PUBLIC_KEYS = f"k1:{_public(bytes(32))}"
    with pytest.raises(CardInvalid) as refused:
        card_check_signature(text)
    assert refused.value.reason == "signature"


def test_development_gets_a_fixed_key_and_production_an_error(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CARD_SIGNING_KEY = settings.CARD_KEY_ID = settings.CARD_OLD_PUBLIC_KEYS = ""
    settings.CARD_DEV_KEY_ALLOWED = True
    assert load_card_keys().key_id == DEV_KEY_ID
    assert card_signing_keys_check() == []

    settings.CARD_DEV_KEY_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="SAMAGRA_CARD_SIGNING_KEY"):
        load_card_keys()
    (error,) = card_signing_keys_check()
    assert error.id == "registry.E001"


@pytest.mark.parametrize(
    ("key", "key_id", "old", "problem"),
    [
        ("not base64!", "k1", "", "not valid base64"),
        (_b64(b"short"), "k1", "", "32 bytes"),
        (_b64(SEED), "", "", "key id"),
        (_b64(SEED), "far-too-long-key-id", "", "key id"),
        (_b64(SEED), "k1", "k0", "id:base64url"),
        (_b64(SEED), "k1", f"k1:{_public(SEED)}", "current signing key"),
        (_b64(SEED), "k2", f"k1:{_public(SEED)},k1:{_public(SEED)}", "twice"),
    ],
)
def test_bad_settings_are_named(settings, key, key_id, old, problem) -> None:  # type: ignore[no-untyped-def]
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID, settings.CARD_OLD_PUBLIC_KEYS = (
        key,
        key_id,
        old,
    )
    with pytest.raises(ImproperlyConfigured, match=problem):
        load_card_keys()
