"""UIDAI (Aadhaar) authentication and e-KYC: the port, and ``get_uidai()`` for the configured
adapter (SAMAGRA_UIDAI_ADAPTER: "sandbox" or the dotted path of a licensed adapter class)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from identity.uidai.port import (
    MODALITIES,
    Authentication,
    EkycData,
    Modality,
    UidaiCode,
    UidaiError,
    UidaiFailure,
    UidaiPort,
    UidaiTimeout,
    uidai_effective_code,
    uidai_failure_message,
)

__all__ = [
    "MODALITIES",
    "Authentication",
    "EkycData",
    "Modality",
    "UidaiCode",
    "UidaiError",
    "UidaiFailure",
    "UidaiPort",
    "UidaiTimeout",
    "get_uidai",
    "uidai_effective_code",
    "uidai_failure_message",
]


def get_uidai() -> UidaiPort:
    """The adapter the settings name, ready to use."""
    name = settings.UIDAI_ADAPTER
    if name == "sandbox":
        from identity.uidai.sandbox import SandboxUidai

        return SandboxUidai()
    if not name:
        raise ImproperlyConfigured(
            "SAMAGRA_UIDAI_ADAPTER is not set: use 'sandbox' for a demo, or the dotted path of "
            "a licensed AUA/KUA adapter class (see identity/uidai/README.md)."
        )
    try:
        adapter_class = import_string(name)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"SAMAGRA_UIDAI_ADAPTER {name!r} cannot be imported: {exc}"
        ) from None
    return adapter_class()  # type: ignore[no-any-return]
