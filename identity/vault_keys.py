"""The Aadhaar vault's keys: read from settings at the moment of use, never cached, so that a
rotation only needs a changed environment and a restart.

Each configured key is a 32-byte master secret with an id. Two subkeys are derived from it with
HKDF, one for AES-256-GCM and one for the lookup HMAC, so that no key serves two purposes."""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEV_KEY_ID = "dev"
# Published on purpose: used only when DEBUG is on and no key is configured.
DEV_KEY = hashlib.sha256(b"samagra development Aadhaar vault key, not a secret").digest()
KEY_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class VaultError(Exception):
    """The vault cannot do what was asked; an operator's problem, not a user's."""


class VaultKeyMissing(VaultError):
    """An entry is encrypted under a key id that is not configured."""


@dataclass(frozen=True)
class VaultKey:
    key_id: str
    master: bytes

    def _derive(self, purpose: bytes) -> bytes:
        return HKDF(
            algorithm=hashes.SHA256(),
            length=32,
            salt=None,
            info=b"samagra/aadhaar-vault/" + purpose + b"/v1",
        ).derive(self.master)

    @cached_property
    def encryption_key(self) -> bytes:
        return self._derive(b"encrypt")

    @cached_property
    def lookup_key(self) -> bytes:
        return self._derive(b"lookup")


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, VaultKey]
    active_id: str

    @property
    def active(self) -> VaultKey:
        return self.keys[self.active_id]

    def get(self, key_id: str) -> VaultKey:
        try:
            return self.keys[key_id]
        except KeyError:
            raise VaultKeyMissing(
                f"The Aadhaar vault key {key_id!r} is not configured (SAMAGRA_AADHAAR_KEYS or "
                "SAMAGRA_AADHAAR_KEYS_FILE); entries encrypted under it cannot be read."
            ) from None


def _parse(text: str, source: str) -> dict[str, VaultKey]:
    keys: dict[str, VaultKey] = {}
    for raw in re.split(r"[,\n]", text):
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        key_id, sep, encoded = item.partition(":")
        key_id = key_id.strip()
        if not sep or not KEY_ID_RE.match(key_id):
            raise ImproperlyConfigured(
                f"{source}: each key must look like 'id:base64', with an id of letters, digits, "
                "'.', '_' or '-'."
            )
        encoded = encoded.strip().replace("-", "+").replace("_", "/")
        try:
            master = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
        except (binascii.Error, ValueError):
            raise ImproperlyConfigured(f"{source}: key {key_id!r} is not valid base64.") from None
        if len(master) != 32:
            raise ImproperlyConfigured(
                f"{source}: key {key_id!r} must be 32 bytes (AES-256), not {len(master)}."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: key {key_id!r} is given twice.")
        keys[key_id] = VaultKey(key_id, master)
    return keys


def load_keyring() -> Keyring:
    """The configured keys and the active one; ImproperlyConfigured when they are unusable."""
    keys = _parse(settings.AADHAAR_KEYS, "SAMAGRA_AADHAAR_KEYS")
    if settings.AADHAAR_KEYS_FILE:
        path = Path(settings.AADHAAR_KEYS_FILE)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ImproperlyConfigured(
                f"SAMAGRA_AADHAAR_KEYS_FILE {path} cannot be read: {exc.strerror}."
            ) from None
        from_file = _parse(text, "SAMAGRA_AADHAAR_KEYS_FILE")
        if clash := sorted(set(keys) & set(from_file)):
            raise ImproperlyConfigured(
                f"Aadhaar vault key ids {clash} are given both in SAMAGRA_AADHAAR_KEYS and in "
                "SAMAGRA_AADHAAR_KEYS_FILE."
            )
        keys |= from_file
    if not keys:
        if not settings.AADHAAR_DEV_KEY_ALLOWED:
            raise ImproperlyConfigured(
                "No Aadhaar vault key is configured: set SAMAGRA_AADHAAR_KEYS or "
                "SAMAGRA_AADHAAR_KEYS_FILE (and SAMAGRA_AADHAAR_ACTIVE_KEY)."
            )
        keys = {DEV_KEY_ID: VaultKey(DEV_KEY_ID, DEV_KEY)}
    active = settings.AADHAAR_ACTIVE_KEY or (next(iter(keys)) if len(keys) == 1 else "")
    if not active:
        raise ImproperlyConfigured(
            "Several Aadhaar vault keys are configured: name the one to encrypt with in "
            "SAMAGRA_AADHAAR_ACTIVE_KEY."
        )
    if active not in keys:
        raise ImproperlyConfigured(
            f"SAMAGRA_AADHAAR_ACTIVE_KEY is {active!r}, which is not among the configured keys "
            f"{sorted(keys)}."
        )
    return Keyring(keys=keys, active_id=active)
