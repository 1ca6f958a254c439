"""The family card's signed payload: what the card's QR code carries to the public verify page
(registry.card_verify), packed small so that the QR stays small enough to scan from paper.

Ed25519, not an HMAC: the public keys can be published, so that anyone (a department's own
system, an offline app) can check a card without asking the portal, and the page that checks
cards holds no secret that could make one.

The payload, then base64url without padding (URL-safe as it is):

    version (1) | issued, Unix seconds (4) | Family ID (4) | family digest (2)
    | key id length (1) | key id | member count (1) | per member: Member ID (4), digest (2)
    | Ed25519 signature (64) of DOMAIN + everything before it

A digest is the first two bytes of a SHA-256 of what the card prints about the family or a
member (registry.card_verify): it tells whether that changed since the card was printed
without carrying it. Keys are read from settings at each use, never cached, so that a rotation
needs only a changed environment and a restart (the same rule as identity.vault_keys)."""

import base64
import binascii
import hashlib
import re
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = 1
DOMAIN = b"samagra/family-card/v1\x00"
SIGNATURE_BYTES = 64
DIGEST_BYTES = 2
MAX_MEMBERS = 255
KEY_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,16}$")
DEV_KEY_ID = "dev"
# Published on purpose: used only when DEBUG is on and no key is configured.
DEV_SEED = hashlib.sha256(b"samagra development family card signing key, not a secret").digest()

_HEAD = struct.Struct(">BIIH")
_MEMBER = struct.Struct(">IH")


class CardInvalid(Exception):
    """The payload is not one the portal signed: ``reason`` is malformed, unknown_key or
    signature."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CardPayload:
    family_id: str
    family_digest: bytes
    members: tuple[tuple[str, bytes], ...]  # (Member ID, digest), in the card's order
    issued_at: datetime
    key_id: str = ""


@dataclass(frozen=True)
class CardKeys:
    key_id: str
    signing: Ed25519PrivateKey
    accepted: dict[str, Ed25519PublicKey]  # the current key's public half and the older ones


def digest(*fields: object) -> bytes:
    text = "\x1f".join("" if f is None else str(f) for f in fields)
    return hashlib.sha256(text.encode()).digest()[:DIGEST_BYTES]


def _b64decode(text: str) -> bytes:
    text = text.strip().replace("+", "-").replace("/", "_").rstrip("=")
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_key_text(key: Ed25519PublicKey) -> str:
    return _b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def _key_bytes(value: str, source: str, what: str) -> bytes:
    try:
        raw = _b64decode(value)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{source}: {what} is not valid base64.") from None
    if len(raw) != 32:
        raise ImproperlyConfigured(f"{source}: {what} must be 32 bytes, not {len(raw)}.")
    return raw


def _check_key_id(key_id: str, source: str) -> str:
    if not KEY_ID_RE.match(key_id):
        raise ImproperlyConfigured(
            f"{source}: a key id is 1 to 16 letters, digits, '.', '_' or '-', not {key_id!r}."
        )
    return key_id


def _old_public_keys() -> dict[str, Ed25519PublicKey]:
    source = "SAMAGRA_CARD_OLD_PUBLIC_KEYS"
    keys: dict[str, Ed25519PublicKey] = {}
    for raw in re.split(r"[,\n]", settings.CARD_OLD_PUBLIC_KEYS):
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        key_id, sep, encoded = item.partition(":")
        if not sep:
            raise ImproperlyConfigured(f"{source}: each key must look like 'id:base64url'.")
        key_id = _check_key_id(key_id.strip(), source)
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: key {key_id!r} is given twice.")
        keys[key_id] = Ed25519PublicKey.from_public_bytes(
            _key_bytes(encoded, source, f"key {key_id!r}")
        )
    return keys


def load_card_keys() -> CardKeys:
    """The key cards are signed with and every key a card may be signed with;
    ImproperlyConfigured when they are unusable (no key outside DEBUG, a bad value)."""
    if settings.CARD_SIGNING_KEY:
        key_id = _check_key_id(settings.CARD_KEY_ID, "SAMAGRA_CARD_KEY_ID")
        seed = _key_bytes(settings.CARD_SIGNING_KEY, "SAMAGRA_CARD_SIGNING_KEY", "the key")
    elif settings.CARD_DEV_KEY_ALLOWED:
        key_id, seed = DEV_KEY_ID, DEV_SEED
    else:
        raise ImproperlyConfigured(
            "No family card signing key is configured: set SAMAGRA_CARD_SIGNING_KEY and "
            "SAMAGRA_CARD_KEY_ID (manage.py card_key_new makes a pair)."
        )
    signing = Ed25519PrivateKey.from_private_bytes(seed)
    old = _old_public_keys()
    if key_id in old:
        raise ImproperlyConfigured(
            f"SAMAGRA_CARD_OLD_PUBLIC_KEYS names {key_id!r}, the id of the current signing key: "
            "give the new key a new id."
        )
    return CardKeys(key_id=key_id, signing=signing, accepted={key_id: signing.public_key(), **old})


def _body(payload: CardPayload, key_id: str) -> bytes:
    if len(payload.members) > MAX_MEMBERS:
        raise ValueError(f"a card holds at most {MAX_MEMBERS} members")
    kid = key_id.encode()
    parts = [
        _HEAD.pack(
            VERSION,
            int(payload.issued_at.timestamp()),
            int(payload.family_id),
            int.from_bytes(payload.family_digest, "big"),
        ),
        bytes([len(kid)]),
        kid,
        bytes([len(payload.members)]),
    ]
    parts += [_MEMBER.pack(int(m), int.from_bytes(d, "big")) for m, d in payload.members]
    return b"".join(parts)


def card_sign(payload: CardPayload, keys: CardKeys | None = None) -> str:
    """The payload signed with the current key, as base64url text for the verify URL."""
    keys = keys or load_card_keys()
    body = _body(payload, keys.key_id)
    return _b64encode(body + keys.signing.sign(DOMAIN + body))


def _parse(data: bytes) -> tuple[CardPayload, bytes, bytes]:
    """The payload, the bytes signed and the signature; ValueError or struct.error if the
    bytes are not laid out as a payload."""
    version, issued, family, family_digest = _HEAD.unpack_from(data, 0)
    if version != VERSION:
        raise ValueError("unknown version")
    offset = _HEAD.size
    kid_length = data[offset]
    key_id = data[offset + 1 : offset + 1 + kid_length].decode("ascii")
    offset += 1 + kid_length
    count = data[offset]
    offset += 1
    members = []
    for _ in range(count):
        member, member_digest = _MEMBER.unpack_from(data, offset)
        members.append((f"{member:09d}", member_digest.to_bytes(DIGEST_BYTES, "big")))
        offset += _MEMBER.size
    if len(data) != offset + SIGNATURE_BYTES or not KEY_ID_RE.match(key_id):
        raise ValueError("wrong length or key id")
    payload = CardPayload(
        family_id=f"{family:08d}",
        family_digest=family_digest.to_bytes(DIGEST_BYTES, "big"),
        members=tuple(members),
        issued_at=datetime.fromtimestamp(issued, tz=UTC),
        key_id=key_id,
    )
    return payload, data[:offset], data[offset:]


def card_check_signature(text: str, keys: CardKeys | None = None) -> CardPayload:
    """The payload of ``text`` if one of the accepted keys signed it; CardInvalid if not."""
    keys = keys or load_card_keys()
    try:
        payload, body, signature = _parse(_b64decode(text))
    except (binascii.Error, ValueError, IndexError, struct.error, UnicodeDecodeError):
        raise CardInvalid("malformed") from None
    public = keys.accepted.get(payload.key_id)
    if public is None:
        raise CardInvalid("unknown_key")
    try:
        public.verify(signature, DOMAIN + body)
    except InvalidSignature:
        raise CardInvalid("signature") from None
    return payload
