"""Both READMEs list the sandbox's test residents as residents.py has them."""

from pathlib import Path

from django.conf import settings

from identity.uidai.residents import RESIDENTS


def test_both_readmes_list_every_sandbox_resident():
    base = Path(settings.BASE_DIR)
    for readme in (base / "README.md", base / "identity" / "uidai" / "README.md"):
        text = readme.read_text()
        for r in RESIDENTS:
            spaced = f"{r.aadhaar[:4]} {r.aadhaar[4:8]} {r.aadhaar[8:]}"
            assert f"| {r.key} | `{spaced}` | {r.name} " in text, (readme, r.key)
            assert r.mobile in text
