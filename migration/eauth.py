"""Aadhaar e-authentication of the signed-in member (SOP step 5), through the UIDAI port. The
number is taken from the vault for the call only (an audited reveal) and never kept, shown or
logged; what is kept is UIDAI's transaction id, the method and the time."""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from identity.actors import Citizen
from identity.ekyc import BiometricProof, OtpProof
from identity.models import MemberEkyc
from identity.uidai import (
    UidaiFailure,
    UidaiPort,
    get_uidai,
    uidai_effective_code,
    uidai_failure_message,
)
from identity.uidai.port import FIELD_OF_CODE
from identity.vault import vault_reveal
from migration.models import AadhaarAuthentication, AuthMethod
from ops import metrics
from registry.models import Member

logger = logging.getLogger(__name__)
T = TypeVar("T")
PURPOSE = "migration e-auth"


def _member(citizen: Citizen) -> Member:
    member = (
        Member.objects.select_related("family__area__local_body", "ekyc")
        .filter(member_id=citizen.member_id, family__family_id=citizen.family_id)
        .first()
    )
    try:
        verified = member is not None and member.ekyc is not None
    except MemberEkyc.DoesNotExist:
        verified = False
    if member is None or not verified:
        raise ValidationError(
            _("The e-KYC of this member is not complete, so Aadhaar cannot confirm the request."),
            code="no_ekyc",
        )
    return member


def _uidai(call: Callable[[UidaiPort], T]) -> T:
    try:
        return call(get_uidai())
    except UidaiFailure as failure:
        logger.warning("UIDAI refused a migration e-authentication: %s", failure)
        code = uidai_effective_code(failure)
        error = ValidationError(uidai_failure_message(failure), code=f"uidai_{code}")
        raise ValidationError({FIELD_OF_CODE.get(code, NON_FIELD_ERRORS): error}) from None


def _number(citizen: Citizen, member: Member) -> str:
    return vault_reveal(token=str(member.ekyc.vault_entry_id), actor=citizen, purpose=PURPOSE)


def migration_eauth_request_otp(*, citizen: Citizen) -> str:
    """Have UIDAI send its OTP to the mobile registered with Aadhaar; returns UIDAI's txn."""
    member = _member(citizen)
    number = _number(citizen, member)
    txn = _uidai(lambda uidai: uidai.request_otp(number))
    metrics.otp_issued(purpose="uidai_eauth")
    return txn


def migration_eauth_complete(
    *, citizen: Citizen, proof: OtpProof | BiometricProof
) -> AadhaarAuthentication:
    """Authenticate the signed-in member with UIDAI by OTP or biometric. On success the
    authentication is kept (unused) for the request it will sign; UIDAI's refusal is a
    ValidationError in the user's language and nothing is kept."""
    member = _member(citizen)
    number = _number(citizen, member)
    if isinstance(proof, OtpProof):
        result = _uidai(lambda uidai: uidai.authenticate_otp(number, proof.txn, proof.otp))
    else:
        result = _uidai(
            lambda uidai: uidai.authenticate_biometric(number, proof.modality, proof.capture)
        )
    method = AuthMethod.OTP if isinstance(proof, OtpProof) else AuthMethod.BIOMETRIC
    with transaction.atomic():
        authentication = AadhaarAuthentication.objects.create(
            member_id=member.member_id,
            method=method,
            uidai_txn=result.txn,
            authenticated_at=result.authenticated_at or timezone.now(),
        )
        audit_record(
            actor=citizen,
            event_type="migration.eauthenticated",
            subject=member,
            changes={"method": [None, method], "uidai_txn": [None, result.txn]},
            area=member.family.area,
        )
    return authentication
