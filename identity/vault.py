"""The Aadhaar data vault (UIDAI's rule): Aadhaar numbers are kept only here, encrypted with
AES-256-GCM under a key with an id (identity/vault_keys.py), and reached by a random token.
Every other table holds the token; screens show at most ``XXXX-XXXX-1234``; every decryption
writes an audit row with its purpose (and never the number)."""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.in_ import aadhaar as stdnum_aadhaar

from audit.services import audit_record
from identity.actors import Actor
from identity.models import AadhaarVaultEntry
from identity.vault_keys import Keyring, VaultError, VaultKey, load_keyring

MASK_PREFIX = "XXXX-XXXX-"
INVALID_FORMAT = _("An Aadhaar number has 12 digits and does not begin with 0 or 1.")
INVALID_CHECKSUM = _("This is not a valid Aadhaar number: a digit is probably mistyped.")


class VaultEntryNotFound(VaultError):
    pass


class VaultDecryptionError(VaultError):
    pass


def _aadhaar_error(message: str, code: str) -> ValidationError:
    return ValidationError({"aadhaar": ValidationError(message, code=code)})


def aadhaar_validate(value: str) -> str:
    """The 12 digits of a valid Aadhaar number (Verhoeff check digit), or ValidationError."""
    try:
        return stdnum_aadhaar.validate(value or "")
    except InvalidChecksum:
        raise _aadhaar_error(str(INVALID_CHECKSUM), "aadhaar_checksum") from None
    except StdnumError:
        raise _aadhaar_error(str(INVALID_FORMAT), "aadhaar_format") from None


def mask(value: str) -> str:
    """``XXXX-XXXX-1234`` for an Aadhaar number or a vault token (no decryption needed)."""
    digits = re.sub(r"[\s-]", "", value or "")
    if len(digits) == 12 and digits.isdigit():
        return MASK_PREFIX + digits[-4:]
    last4 = AadhaarVaultEntry.objects.filter(token=value).values_list("last4", flat=True).first()
    return MASK_PREFIX + (last4 or "XXXX")


def _lookup_hash(key: VaultKey, number: str) -> str:
    digest = hmac.new(key.lookup_key, number.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _aad(token: str, key_id: str) -> bytes:
    # Binds a ciphertext to its row: copied onto another token, it no longer decrypts.
    return f"samagra/aadhaar-vault/v1:{token}:{key_id}".encode()


def _seal(entry: AadhaarVaultEntry, key: VaultKey, number: str) -> None:
    nonce = secrets.token_bytes(12)
    entry.key_id = key.key_id
    entry.nonce = nonce
    entry.ciphertext = AESGCM(key.encryption_key).encrypt(
        nonce, number.encode("ascii"), _aad(entry.token, key.key_id)
    )
    entry.lookup_hash = _lookup_hash(key, number)


def _open(entry: AadhaarVaultEntry, keyring: Keyring) -> str:
    key = keyring.get(entry.key_id)
    try:
        plain = AESGCM(key.encryption_key).decrypt(
            bytes(entry.nonce), bytes(entry.ciphertext), _aad(entry.token, entry.key_id)
        )
    except InvalidTag:
        raise VaultDecryptionError(
            f"Aadhaar vault entry {entry.pk} cannot be decrypted with the key {entry.key_id!r}: "
            "the configured key material is wrong, or the entry was altered."
        ) from None
    return plain.decode("ascii")


def _find(number: str, keyring: Keyring) -> AadhaarVaultEntry | None:
    condition = models.Q(pk__in=[])
    for key in keyring.keys.values():
        condition |= models.Q(key_id=key.key_id, lookup_hash=_lookup_hash(key, number))
    return AadhaarVaultEntry.objects.filter(condition).first()


def vault_token_for(number: str) -> str | None:
    """The token of the entry already holding this number, if any (nothing is decrypted)."""
    entry = _find(aadhaar_validate(number), load_keyring())
    return entry.token if entry else None


def vault_store(*, number: str, actor: Actor, purpose: str) -> str:
    """Keep a (valid) Aadhaar number in the vault and return its token. The same number always
    gets the same token, which is how one Aadhaar offered for two members is noticed."""
    number = aadhaar_validate(number)
    keyring = load_keyring()
    if existing := _find(number, keyring):
        return existing.token
    entry = AadhaarVaultEntry(token=secrets.token_urlsafe(32), last4=number[-4:])
    _seal(entry, keyring.active, number)
    try:
        with transaction.atomic():
            entry.save()
            audit_record(
                actor=actor,
                event_type="aadhaar.stored",
                subject=entry,
                changes={"purpose": [None, purpose]},
            )
    except IntegrityError:
        # Stored by a concurrent request a moment ago: the unique lookup hash caught it.
        if existing := _find(number, keyring):
            return existing.token
        raise
    return entry.token


def vault_reveal(*, token: str, actor: Actor, purpose: str) -> str:
    """Decrypt the number behind a token. Audited, with the purpose, in every case."""
    if not purpose.strip():
        raise ValueError("Every decryption needs a purpose.")
    keyring = load_keyring()
    with transaction.atomic():
        entry = AadhaarVaultEntry.objects.filter(token=token).first()
        if entry is None:
            raise VaultEntryNotFound("No Aadhaar vault entry has this token.")
        number = _open(entry, keyring)
        audit_record(
            actor=actor,
            event_type="aadhaar.revealed",
            subject=entry,
            changes={"purpose": [None, purpose]},
        )
    return number


@dataclass(frozen=True)
class RotationReport:
    key_id: str
    rekeyed: int
    already_current: int


def vault_rotate(*, batch_size: int = 500) -> RotationReport:
    """Re-encrypt every entry not yet under the active key, one committed batch at a time.
    Idempotent: a second run (or a run after an interruption) only does what is left."""
    keyring = load_keyring()
    active = keyring.active
    rekeyed, last_pk = 0, 0
    while True:
        with transaction.atomic():
            # Locked so that a concurrent rotation cannot re-encrypt the same entry twice.
            batch = list(
                AadhaarVaultEntry.objects.select_for_update()
                .exclude(key_id=active.key_id)
                .filter(pk__gt=last_pk)
                .order_by("pk")[:batch_size]
            )
            for entry in batch:
                old_key_id = entry.key_id
                _seal(entry, active, _open(entry, keyring))
                entry.rekeyed_at = timezone.now()
                audit_record(
                    actor=None,
                    event_type="aadhaar.rekeyed",
                    subject=entry,
                    changes={
                        "key_id": [old_key_id, active.key_id],
                        "purpose": [None, "key rotation"],
                    },
                )
            AadhaarVaultEntry.objects.bulk_update(
                batch, ["key_id", "nonce", "ciphertext", "lookup_hash", "rekeyed_at"]
            )
        if not batch:
            break
        rekeyed += len(batch)
        last_pk = batch[-1].pk
    current = AadhaarVaultEntry.objects.filter(key_id=active.key_id).count()
    return RotationReport(key_id=active.key_id, rekeyed=rekeyed, already_current=current - rekeyed)
