import pytest


@pytest.fixture(autouse=True)
def answering_sandbox(settings: object) -> None:
    """Whatever the environment says: the UIDAI sandbox, answering."""
    settings.UIDAI_ADAPTER = "sandbox"  # type: ignore[attr-defined]
    settings.UIDAI_SANDBOX_TIMEOUT = False  # type: ignore[attr-defined]
    # The personas' passwords play no part here; hashing them properly only costs time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
