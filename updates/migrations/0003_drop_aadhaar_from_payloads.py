"""Change requests made before issue 15 kept the Aadhaar number typed for a person being added in
their payload, in the clear. Replace it by its last four digits, as new requests keep it
(updates.kinds.aadhaar); the number is not moved to the vault, which holds only numbers UIDAI
has confirmed. Not reversible: the numbers are gone.

The old values may survive outside the table (PostgreSQL's dead rows until VACUUM, backups,
WAL archives): the README's security section says what to do about those."""

import re

from django.db import migrations

BATCH = 500


def _kept(payload: dict) -> dict:
    # A copy of updates.kinds.aadhaar.kept, frozen as it was when this migration was written.
    digits = re.sub(r"[\s-]", "", str(payload.get("aadhaar") or ""))
    values = {k: v for k, v in payload.items() if k not in ("aadhaar", "aadhaar_last4")}
    if len(digits) == 12 and digits.isdigit():
        values["aadhaar_last4"] = digits[-4:]
    elif re.fullmatch(r"\d{4}", str(payload.get("aadhaar_last4") or "")):
        values["aadhaar_last4"] = payload["aadhaar_last4"]
    return values


def drop_aadhaar_numbers(apps, schema_editor):
    ChangeRequest = apps.get_model("updates", "ChangeRequest")
    rows = ChangeRequest.objects.filter(payload__has_key="aadhaar").only("pk", "payload")
    batch = []
    for change in rows.order_by("pk").iterator(chunk_size=BATCH):
        change.payload = _kept(change.payload)
        batch.append(change)
        if len(batch) == BATCH:
            ChangeRequest.objects.bulk_update(batch, ["payload"])
            batch = []
    ChangeRequest.objects.bulk_update(batch, ["payload"])


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0002_relations_kind"),
    ]

    operations = [
        migrations.RunPython(drop_aadhaar_numbers, migrations.RunPython.noop),
    ]
