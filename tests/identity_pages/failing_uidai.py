"""A UIDAI adapter (SAMAGRA_UIDAI_ADAPTER=tests.identity_pages.failing_uidai.FailingUidai)
that answers every call with the failure set in ``FAILURE``: to see each code on the pages."""

from identity.uidai import EkycData, Modality, UidaiFailure
from identity.uidai.port import Authentication

FAILURE: list[UidaiFailure] = []


class FailingUidai:
    def _fail(self) -> None:
        raise FAILURE[0]

    def request_otp(self, aadhaar: str) -> str:
        return "TXN-FAILING"

    def authenticate_otp(self, aadhaar: str, txn: str, otp: str) -> Authentication:
        self._fail()
        raise AssertionError

    def authenticate_biometric(
        self, aadhaar: str, modality: Modality, capture: bytes
    ) -> Authentication:
        self._fail()
        raise AssertionError

    def ekyc(self, aadhaar: str, txn: str, otp: str) -> EkycData:
        self._fail()
        raise AssertionError

    def ekyc_biometric(self, aadhaar: str, modality: Modality, capture: bytes) -> EkycData:
        self._fail()
        raise AssertionError
