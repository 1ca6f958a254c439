"""A UIDAI that behaves like the real one on the seeded test residents (residents.py): its OTP
goes through the SMS outbox to the resident's registered mobile, and it answers with UIDAI's
error codes. It can be told to time out (SAMAGRA_UIDAI_SANDBOX_TIMEOUT=1, or a resident so
flagged). A biometric capture matches when it is the resident's enrolled capture
(``SandboxUidai.enrolled_capture``), which the sandbox publishes since no device is attached."""

import base64
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from stdnum.in_ import aadhaar as stdnum_aadhaar

from identity.models import UidaiSandboxOtp
from identity.uidai.port import (
    MODALITIES,
    Authentication,
    EkycData,
    Modality,
    UidaiCode,
    UidaiError,
    UidaiTimeout,
)
from identity.uidai.residents import Resident, resident_by_aadhaar
from sms.models import SmsKind
from sms.services import sms_queue

OTP_VALID = timedelta(minutes=10)
OTP_MAX_ATTEMPTS = 3


def _code_hash(txn: str, code: str) -> str:
    digest = salted_hmac("samagra.uidai-sandbox", f"{txn}:{code}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def _new_txn() -> str:
    return "SBX" + secrets.token_urlsafe(18)


class SandboxUidai:
    def __init__(self, *, time_out: bool | None = None) -> None:
        self.time_out = settings.UIDAI_SANDBOX_TIMEOUT if time_out is None else time_out

    @staticmethod
    def enrolled_capture(aadhaar: str, modality: Modality) -> bytes:
        """The capture that matches the resident's enrolled biometric in this sandbox."""
        resident = resident_by_aadhaar(stdnum_aadhaar.compact(aadhaar))
        key = resident.key if resident else "unknown"
        return f"samagra-sandbox-{modality}-{key}".encode()

    def _resident(self, aadhaar: str) -> Resident:
        if self.time_out:
            raise UidaiTimeout
        resident = (
            resident_by_aadhaar(stdnum_aadhaar.compact(aadhaar))
            if stdnum_aadhaar.is_valid(aadhaar or "")
            else None
        )
        if resident is None:
            raise UidaiError(UidaiCode.INVALID_AADHAAR)
        if resident.times_out:
            raise UidaiTimeout
        if resident.fails_with:
            raise UidaiError(resident.fails_with)
        return resident

    def request_otp(self, aadhaar: str) -> str:
        resident = self._resident(aadhaar)
        txn, code = _new_txn(), f"{secrets.randbelow(10**6):06d}"
        now = timezone.now()
        with transaction.atomic():
            UidaiSandboxOtp.objects.create(
                txn=txn,
                resident_key=resident.key,
                code_hash=_code_hash(txn, code),
                created_at=now,
                expires_at=now + OTP_VALID,
            )
            sms_queue(
                kind=SmsKind.OTP,
                mobile=resident.mobile,
                language=(get_language() or settings.LANGUAGE_CODE)[:2],
                params={
                    "purpose": _("Aadhaar authentication"),
                    "code": code,
                    "minutes": str(OTP_VALID.seconds // 60),
                },
            )
        return txn

    def _use_otp(self, resident: Resident, txn: str, otp: str) -> None:
        """Use up the OTP of ``txn``; error 400 when it is wrong, used, expired or tried too
        often. A wrong try is counted in a committed transaction before the error is raised."""
        with transaction.atomic():
            # Locked so that two guesses at once cannot both slip under the attempt limit.
            sent = UidaiSandboxOtp.objects.select_for_update().filter(txn=txn).first()
            right = False
            if (
                sent is not None
                and sent.resident_key == resident.key
                and sent.used_at is None
                and sent.expires_at > timezone.now()
                and sent.attempts < OTP_MAX_ATTEMPTS
            ):
                right = hmac.compare_digest(sent.code_hash, _code_hash(txn, (otp or "").strip()))
                if right:
                    sent.used_at = timezone.now()
                    sent.save(update_fields=["used_at"])
                else:
                    UidaiSandboxOtp.objects.filter(pk=sent.pk).update(attempts=F("attempts") + 1)
        if not right:
            raise UidaiError(UidaiCode.INVALID_OTP)

    def _match_biometric(self, resident: Resident, modality: Modality, capture: bytes) -> None:
        if modality not in MODALITIES:
            raise ValueError(f"unknown biometric modality {modality!r}")
        if resident.biometrics_locked:
            raise UidaiError(UidaiCode.BIOMETRICS_LOCKED)
        expected = self.enrolled_capture(resident.aadhaar, modality)
        if resident.biometric_never_matches or not hmac.compare_digest(capture, expected):
            raise UidaiError(UidaiCode.BIOMETRIC_MISMATCH)

    def authenticate_otp(self, aadhaar: str, txn: str, otp: str) -> Authentication:
        self._use_otp(self._resident(aadhaar), txn, otp)
        return Authentication(txn=txn, method="otp", authenticated_at=timezone.now())

    def authenticate_biometric(
        self, aadhaar: str, modality: Modality, capture: bytes
    ) -> Authentication:
        self._match_biometric(self._resident(aadhaar), modality, capture)
        return Authentication(txn=_new_txn(), method="biometric", authenticated_at=timezone.now())

    def ekyc(self, aadhaar: str, txn: str, otp: str) -> EkycData:
        resident = self._resident(aadhaar)
        try:
            self._use_otp(resident, txn, otp)
        except UidaiError as error:
            raise UidaiError(UidaiCode.RESIDENT_AUTH_FAILED, auth_code=error.code) from None
        return resident.ekyc_data()

    def ekyc_biometric(self, aadhaar: str, modality: Modality, capture: bytes) -> EkycData:
        resident = self._resident(aadhaar)
        try:
            self._match_biometric(resident, modality, capture)
        except UidaiError as error:
            raise UidaiError(UidaiCode.RESIDENT_AUTH_FAILED, auth_code=error.code) from None
        return resident.ekyc_data()
