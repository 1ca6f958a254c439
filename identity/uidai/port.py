"""The one interface to UIDAI (Aadhaar authentication and e-KYC). Adapters: the sandbox
(identity/uidai/sandbox.py) and, in production, a licensed AUA/KUA adapter (README.md here).

Adapters receive Aadhaar numbers in memory only; they must never log or store them."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, Protocol

from django.utils.translation import gettext as _

Modality = Literal["finger", "iris"]
MODALITIES: tuple[Modality, ...] = ("finger", "iris")


class UidaiCode(StrEnum):
    """UIDAI's error codes that the portal tells apart."""

    BIOMETRIC_MISMATCH = "300"
    BIOMETRICS_LOCKED = "330"
    INVALID_OTP = "400"
    INVALID_AADHAAR = "998"
    INTERNAL_ERROR = "999"
    RESIDENT_AUTH_FAILED = "K-100"


class UidaiFailure(Exception):
    """Any failed call to UIDAI. Never carries the Aadhaar number (these reach logs)."""


class UidaiError(UidaiFailure):
    """UIDAI answered with an error code. An e-KYC refused because the authentication inside it
    failed has code K-100 and the authentication's own code in ``auth_code``."""

    def __init__(self, code: str, *, auth_code: str = "") -> None:
        self.code = code
        self.auth_code = auth_code
        super().__init__(
            f"UIDAI error {code}" + (f" (authentication {auth_code})" if auth_code else "")
        )


class UidaiTimeout(UidaiFailure):
    """UIDAI did not answer in time."""

    def __init__(self) -> None:
        super().__init__("UIDAI did not answer in time")


@dataclass(frozen=True)
class Authentication:
    """A successful authentication: UIDAI's transaction id and when it happened."""

    txn: str
    method: Literal["otp", "biometric"]
    authenticated_at: datetime


@dataclass(frozen=True)
class EkycData:
    """The demographic data UIDAI returns from e-KYC. UIDAI gives a full date of birth or only
    a year; names and address in English and, where recorded, the local language."""

    name: str
    gender: str  # "M", "F" or "T", as in registry.Gender
    address: str
    dob: date | None = None
    year_of_birth: int | None = None
    name_local: str = ""
    address_local: str = ""

    def __post_init__(self) -> None:
        if self.dob is None and self.year_of_birth is None:
            raise ValueError("e-KYC data needs a date or a year of birth")

    @property
    def birth_year(self) -> int:
        return self.dob.year if self.dob else self.year_of_birth  # type: ignore[return-value]


class UidaiPort(Protocol):
    def request_otp(self, aadhaar: str) -> str:
        """Have UIDAI send an OTP to the resident's registered mobile; returns the txn id."""
        ...

    def authenticate_otp(self, aadhaar: str, txn: str, otp: str) -> Authentication: ...

    def authenticate_biometric(
        self, aadhaar: str, modality: Modality, capture: bytes
    ) -> Authentication: ...

    def ekyc(self, aadhaar: str, txn: str, otp: str) -> EkycData:
        """e-KYC authenticated by the OTP sent for ``txn``."""
        ...

    def ekyc_biometric(self, aadhaar: str, modality: Modality, capture: bytes) -> EkycData:
        """e-KYC authenticated by a biometric capture (UIDAI's KYC API accepts either)."""
        ...


# The field of a form that each code is about; the others concern the whole request.
FIELD_OF_CODE: dict[str, str] = {
    UidaiCode.INVALID_OTP: "otp",
    UidaiCode.BIOMETRIC_MISMATCH: "biometric",
    UidaiCode.BIOMETRICS_LOCKED: "biometric",
    UidaiCode.INVALID_AADHAAR: "aadhaar",
}


def uidai_effective_code(failure: UidaiFailure) -> str:
    """The code that explains the failure best: the authentication's own code inside a K-100."""
    if isinstance(failure, UidaiTimeout):
        return "timeout"
    assert isinstance(failure, UidaiError)  # noqa: S101 (the only other kind)
    return failure.auth_code or failure.code


def uidai_failure_message(failure: UidaiFailure) -> str:
    """A clear sentence for the user, in the active language."""
    match uidai_effective_code(failure):
        case "timeout":
            return _("UIDAI did not answer in time. Try again in a few minutes.")
        case UidaiCode.INVALID_OTP:
            return _("The Aadhaar OTP is not correct or has expired. Ask for a new one.")
        case UidaiCode.BIOMETRIC_MISMATCH:
            return _("The fingerprint or iris did not match the Aadhaar record. Try again.")
        case UidaiCode.BIOMETRICS_LOCKED:
            return _(
                "The Aadhaar holder has locked their biometrics. Use the Aadhaar OTP instead, or "
                "unlock the biometrics with UIDAI first."
            )
        case UidaiCode.INVALID_AADHAAR:
            return _("This Aadhaar number cannot be used for authentication. Check the 12 digits.")
        case UidaiCode.RESIDENT_AUTH_FAILED:
            return _("Aadhaar authentication failed. Try again.")
    return _("UIDAI could not process the request just now. Try again later.")
