from collections.abc import Callable

import pytest


@pytest.fixture(autouse=True)
def development_vault_and_sandbox(settings: object) -> None:
    """Whatever the environment says: the development key and the UIDAI sandbox, answering."""
    settings.AADHAAR_KEYS = ""  # type: ignore[attr-defined]
    settings.AADHAAR_KEYS_FILE = ""  # type: ignore[attr-defined]
    settings.AADHAAR_ACTIVE_KEY = ""  # type: ignore[attr-defined]
    settings.AADHAAR_DEV_KEY_ALLOWED = True  # type: ignore[attr-defined]
    settings.UIDAI_ADAPTER = "sandbox"  # type: ignore[attr-defined]
    settings.UIDAI_SANDBOX_TIMEOUT = False  # type: ignore[attr-defined]
    settings.EKYC_NAME_MIN_SCORE = 85  # type: ignore[attr-defined]
    # The personas' passwords play no part here; hashing them properly only costs time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def use_keys(settings: object) -> Callable[..., None]:
    """use_keys({"k1": key, ...}, active="k1"): configure the vault's keys for this test."""

    def configure(keys: dict[str, str], active: str = "") -> None:
        settings.AADHAAR_KEYS = ",".join(f"{k}:{v}" for k, v in keys.items())  # type: ignore[attr-defined]
        settings.AADHAAR_ACTIVE_KEY = active  # type: ignore[attr-defined]

    return configure
