"""Re-encrypt the Aadhaar vault under the active key (SAMAGRA_AADHAAR_ACTIVE_KEY).

Rotation: add the new key to SAMAGRA_AADHAAR_KEYS beside the old one, make it active, restart,
run this command, and remove the old key only once it reports nothing left under it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from identity.vault import vault_rotate
from identity.vault_keys import VaultError


class Command(BaseCommand):
    help = "Re-encrypt every Aadhaar vault entry under the active key, in batches (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            report = vault_rotate(batch_size=options["batch_size"])
        except VaultError as exc:
            raise CommandError(
                f"{exc} Entries re-encrypted before this one are kept; "
                "run the command again once the key is configured."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-encrypted {report.rekeyed} Aadhaar vault entries under key {report.key_id!r}; "
                f"{report.already_current} were already under it."
            )
        )
