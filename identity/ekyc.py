"""Member e-KYC: confirm a register member's identity against Aadhaar (OTP or biometric) and,
when UIDAI's demographic data agrees with the register, mark the member verified and link the
Aadhaar vault token. A disagreement changes nothing and comes back as the differences, side by
side, for a correction request."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import audit_record, diff
from identity.actors import Actor, Citizen
from identity.models import AadhaarVaultEntry, EkycMethod, MemberEkyc
from identity.uidai import (
    EkycData,
    Modality,
    UidaiFailure,
    UidaiPort,
    get_uidai,
    uidai_effective_code,
    uidai_failure_message,
)
from identity.uidai.port import FIELD_OF_CODE
from identity.vault import (
    VaultEntryNotFound,
    aadhaar_validate,
    mask,
    vault_reveal,
    vault_store,
    vault_token_for,
)
from officials import jurisdiction
from officials.models import Official
from ops import metrics
from registry.feed import ChangeKind, record_member
from registry.models import Gender, Member
from registry.names import name_match_score

logger = logging.getLogger(__name__)
T = TypeVar("T")
PURPOSE = "member e-KYC with UIDAI"
NOT_RECORDED = gettext_lazy("not recorded")
LINKED_ELSEWHERE = gettext_lazy(
    "This Aadhaar number is already linked to another member of the register."
)


# --- Comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    field: str  # "name", "birth" or "gender"
    label: str
    register: str
    uidai: str


@dataclass(frozen=True)
class EkycComparison:
    name_score: int
    name_matches: bool
    birth_matches: bool
    gender_matches: bool
    differences: tuple[Difference, ...]

    @property
    def matches(self) -> bool:
        return self.name_matches and self.birth_matches and self.gender_matches


def _both(first: str, second: str) -> str:
    return f"{first} / {second}" if first and second else first or second


def _gender_label(code: str) -> str:
    return str(Gender(code).label) if code in Gender.values else code


def _birth_matches(member: Member, data: EkycData) -> bool:
    if member.date_of_birth is None:
        return False
    if data.dob is not None:
        return member.date_of_birth == data.dob
    return member.date_of_birth.year == data.year_of_birth


def member_ekyc_compare(*, member: Member, ekyc_data: EkycData) -> EkycComparison:
    """How UIDAI's data agrees with the register: the name in either script (the best score of
    any pair), the date of birth (or only its year when UIDAI has only the year), the gender."""
    theirs = [n for n in (ekyc_data.name, ekyc_data.name_local) if n]
    ours = [n for n in (member.name_en, member.name_hi) if n]
    score = max((name_match_score(a, b) for a in ours for b in theirs), default=0)
    name_ok = score >= settings.EKYC_NAME_MIN_SCORE
    birth_ok = _birth_matches(member, ekyc_data)
    gender_ok = member.gender == ekyc_data.gender
    differences = []
    if not name_ok:
        differences.append(
            Difference(
                "name",
                _("Name"),
                _both(member.name_en, member.name_hi),
                _both(ekyc_data.name, ekyc_data.name_local),
            )
        )
    if not birth_ok:
        register = (
            date_format(member.date_of_birth, "SHORT_DATE_FORMAT")
            if member.date_of_birth
            else str(NOT_RECORDED)
        )
        uidai = (
            date_format(ekyc_data.dob, "SHORT_DATE_FORMAT")
            if ekyc_data.dob
            else str(ekyc_data.year_of_birth)
        )
        differences.append(Difference("birth", _("Date or year of birth"), register, uidai))
    if not gender_ok:
        differences.append(
            Difference(
                "gender", _("Gender"), _gender_label(member.gender), _gender_label(ekyc_data.gender)
            )
        )
    return EkycComparison(score, name_ok, birth_ok, gender_ok, tuple(differences))


class EkycMismatch(ValidationError):
    """UIDAI's data does not agree with the register; ``comparison`` says where."""

    def __init__(self, comparison: EkycComparison) -> None:
        self.comparison = comparison
        super().__init__(
            _(
                "The Aadhaar details do not match the register. Check the differences, and ask "
                "for a correction of the register if the register is wrong."
            ),
            code="ekyc_mismatch",
        )


# --- The steps --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OtpProof:
    txn: str
    otp: str


@dataclass(frozen=True)
class BiometricProof:
    modality: Modality
    capture: bytes


@dataclass(frozen=True)
class EkycOtpRequest:
    """What the next step needs: the vault token (keep it, not the number) and UIDAI's txn."""

    vault_token: str
    txn: str
    masked_aadhaar: str


def require_member_access(actor: Actor, member: Member) -> None:
    """PermissionDenied unless the actor may act on the member's identity: a citizen on their
    own family, an official within jurisdiction (the e-KYC and mobile-linking services)."""
    if isinstance(actor, Citizen):
        allowed = member.family.family_id == actor.family_id
    elif isinstance(actor, Official):
        allowed = jurisdiction.scope(actor, Member.objects.filter(pk=member.pk)).exists()
    else:
        allowed = False
    if not allowed:
        raise PermissionDenied


def _uidai(call: Callable[[UidaiPort], T]) -> T:
    try:
        return call(get_uidai())
    except UidaiFailure as failure:
        logger.warning("UIDAI refused a member e-KYC step: %s", failure)
        code = uidai_effective_code(failure)
        error = ValidationError(uidai_failure_message(failure), code=f"uidai_{code}")
        raise ValidationError({FIELD_OF_CODE.get(code, NON_FIELD_ERRORS): error}) from None


def _aadhaar_error(message: str, code: str) -> ValidationError:
    return ValidationError({"aadhaar": ValidationError(message, code=code)})


def _check_linkable(number: str, member: Member) -> None:
    """One Aadhaar belongs to one member, and a verified member keeps their Aadhaar."""
    token = vault_token_for(number)
    if token and MemberEkyc.objects.filter(vault_entry_id=token).exclude(member=member).exists():
        raise _aadhaar_error(str(LINKED_ELSEWHERE), "aadhaar_linked")
    # The vault entry is referred to by its token (to_field), so this is a token, not a pk.
    current = [
        str(t)
        for t in MemberEkyc.objects.filter(member=member).values_list("vault_entry_id", flat=True)
    ]
    if current and current[0] != token:
        raise _aadhaar_error(
            _("This member is already e-KYC verified with another Aadhaar number (%(masked)s).")
            % {"masked": mask(current[0])},
            "member_has_other_aadhaar",
        )


def member_ekyc_request_otp(*, actor: Actor, member: Member, aadhaar: str) -> EkycOtpRequest:
    """Check the Aadhaar number, have UIDAI send its OTP to the resident's registered mobile,
    and keep the number in the vault. Nothing is stored when UIDAI refuses."""
    require_member_access(actor, member)
    number = aadhaar_validate(aadhaar)
    _check_linkable(number, member)
    txn = _uidai(lambda uidai: uidai.request_otp(number))
    metrics.otp_issued(purpose="uidai_ekyc")
    token = vault_store(number=number, actor=actor, purpose=PURPOSE)
    return EkycOtpRequest(vault_token=token, txn=txn, masked_aadhaar=mask(number))


@dataclass(frozen=True)
class EkycBiometricStart:
    """What the biometric step needs: the vault token (keep it, not the number)."""

    vault_token: str
    masked_aadhaar: str


def member_ekyc_start_biometric(
    *, actor: Actor, member: Member, aadhaar: str
) -> EkycBiometricStart:
    """Check the Aadhaar number and keep it in the vault for the biometric step, which then
    refers to it by its token (nothing is asked of UIDAI yet)."""
    require_member_access(actor, member)
    number = aadhaar_validate(aadhaar)
    _check_linkable(number, member)
    token = vault_store(number=number, actor=actor, purpose=PURPOSE)
    return EkycBiometricStart(vault_token=token, masked_aadhaar=mask(number))


SANDBOX_DEVICE_PURPOSE = "UIDAI sandbox test biometric device"


def sandbox_device_capture(
    *, actor: Actor, member: Member, vault_token: str, modality: Modality, matching: bool
) -> bytes:
    """What a biometric device would capture from the resident, in the UIDAI sandbox only (no
    device is attached there): their enrolled finger or iris, or someone else's."""
    from identity.uidai.sandbox import SandboxUidai

    if settings.UIDAI_ADAPTER != "sandbox":
        raise PermissionDenied
    require_member_access(actor, member)
    if not matching:
        return b"samagra-sandbox-someone-else"
    number = _number(actor, None, vault_token)
    return SandboxUidai.enrolled_capture(number, modality)


def _number(actor: Actor, aadhaar: str | None, vault_token: str | None) -> str:
    if (aadhaar is None) == (vault_token is None):
        raise TypeError("give either aadhaar or vault_token")
    if aadhaar is not None:
        return aadhaar_validate(aadhaar)
    try:
        return vault_reveal(token=str(vault_token), actor=actor, purpose=PURPOSE)
    except VaultEntryNotFound:
        raise _aadhaar_error(
            _("Enter the Aadhaar number again."), "aadhaar_token_unknown"
        ) from None


def _ekyc(number: str, proof: OtpProof | BiometricProof) -> EkycData:
    if isinstance(proof, OtpProof):
        return _uidai(lambda uidai: uidai.ekyc(number, proof.txn, proof.otp))
    return _uidai(lambda uidai: uidai.ekyc_biometric(number, proof.modality, proof.capture))


def member_ekyc_complete(
    *,
    actor: Actor,
    member: Member,
    proof: OtpProof | BiometricProof,
    aadhaar: str | None = None,
    vault_token: str | None = None,
) -> MemberEkyc:
    """e-KYC the member with UIDAI (the Aadhaar given as a number or as the vault token of an
    earlier OTP request). On a match the member is marked verified (when, how, by whom) with
    the vault token; otherwise EkycMismatch (with the differences) or a ValidationError for
    UIDAI's refusal, and nothing is changed."""
    require_member_access(actor, member)
    number = _number(actor, aadhaar, vault_token)
    _check_linkable(number, member)
    comparison = member_ekyc_compare(member=member, ekyc_data=_ekyc(number, proof))
    if not comparison.matches:
        raise EkycMismatch(comparison)
    method = EkycMethod.OTP if isinstance(proof, OtpProof) else EkycMethod.BIOMETRIC
    with transaction.atomic():
        token = vault_store(number=number, actor=actor, purpose=PURPOSE)
        # Locked so that two completions for one member cannot both create a record.
        ekyc = MemberEkyc.objects.select_for_update().filter(member=member).first()
        before = _snapshot(ekyc)
        ekyc = ekyc or MemberEkyc(member=member)
        ekyc.vault_entry = AadhaarVaultEntry.objects.get(token=token)
        ekyc.method = method
        ekyc.verified_at = timezone.now()
        ekyc.verified_by = actor if isinstance(actor, Official) else None
        ekyc.uidai_txn = proof.txn if isinstance(proof, OtpProof) else ""
        ekyc.name_score = comparison.name_score
        try:
            with transaction.atomic():
                ekyc.save()
        except IntegrityError:
            # The same Aadhaar was linked to another member in the meantime.
            raise _aadhaar_error(str(LINKED_ELSEWHERE), "aadhaar_linked") from None
        audit_record(
            actor=actor,
            event_type="member.ekyc_verified",
            subject=member,
            changes=diff(before, _snapshot(ekyc)),
            area=member.family.area,
        )
        record_member(ChangeKind.EKYC_DONE, member, method=ekyc.method)
    return ekyc


def _snapshot(ekyc: MemberEkyc | None) -> dict[str, object]:
    if ekyc is None:
        return {}
    return {
        "aadhaar": mask(str(ekyc.vault_entry_id)),
        "method": ekyc.method,
        "verified_at": ekyc.verified_at.isoformat(),
        "verified_by": str(ekyc.verified_by) if ekyc.verified_by else "citizen",
        "name_score": ekyc.name_score,
    }
