"""Make a new family card signing key (Ed25519) and print the settings that rotate to it.

Rotation: run this with a new id, set the three printed variables (the current key's public
half joins SAMAGRA_CARD_OLD_PUBLIC_KEYS, so that cards printed until now still verify),
restart. Remove an old public key only when its cards should stop verifying."""

import base64
import secrets
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from registry.card_signing import DEV_KEY_ID, KEY_ID_RE, load_card_keys, public_key_text


class Command(BaseCommand):
    help = "Make a new family card signing key and print the environment to rotate to it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--key-id", required=True, help="short and new, e.g. 2027a")

    def handle(self, *args: Any, **options: Any) -> None:
        key_id = options["key_id"]
        if not KEY_ID_RE.match(key_id):
            raise CommandError("--key-id is 1 to 16 letters, digits, '.', '_' or '-'.")
        try:
            keys = load_card_keys()
        except ImproperlyConfigured:
            keys = None  # a first key: nothing to keep accepting
        if keys is not None and key_id in keys.accepted:
            raise CommandError(f"The key id {key_id!r} is already in use: choose a new one.")
        seed = secrets.token_bytes(32)
        public = public_key_text(Ed25519PrivateKey.from_private_bytes(seed).public_key())
        accepted = {} if keys is None else keys.accepted
        old = [f"{k}:{public_key_text(p)}" for k, p in accepted.items() if k != DEV_KEY_ID]
        encoded = base64.urlsafe_b64encode(seed).rstrip(b"=").decode()
        self.stdout.write(f"SAMAGRA_CARD_KEY_ID={key_id}")
        self.stdout.write(f"SAMAGRA_CARD_SIGNING_KEY={encoded}")
        self.stdout.write(f"SAMAGRA_CARD_OLD_PUBLIC_KEYS={','.join(old)}")
        self.stdout.write(f"# The new key's public half (publish it): {key_id}:{public}")
