"""After e-KYCs by OTP and by biometric, no table but the vault holds an Aadhaar number, and the
vault holds it only encrypted."""

import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from stdnum import verhoeff

from identity.ekyc import (
    BiometricProof,
    EkycMismatch,
    OtpProof,
    member_ekyc_complete,
    member_ekyc_request_otp,
)
from identity.models import AadhaarVaultEntry, MemberEkyc
from identity.uidai.sandbox import SandboxUidai
from identity.vault import vault_reveal
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, wrong

pytestmark = pytest.mark.django_db
TWELVE_DIGITS = re.compile(r"(?<![0-9A-Za-z])(\d{4})[ -]?(\d{4})[ -]?(\d{4})(?![0-9A-Za-z])")
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def _aadhaar_like(text: str) -> list[str]:
    found = ("".join(m.groups()) for m in TWELVE_DIGITS.finditer(text))
    return [number for number in found if verhoeff.is_valid(number)]


def _text_values(model: type[models.Model], field: models.Field) -> list[str]:
    values = model._default_manager.values_list(field.attname, flat=True)
    if isinstance(field, models.JSONField):
        return [json.dumps(v, ensure_ascii=False) for v in values]
    return [str(v) for v in values if v]


def _everything(world, caplog) -> list[str]:
    """e-KYC three members in every way the service offers, with failures along the way."""
    ramesh, sita, kamla = resident("Ramesh Kumar"), resident("Sita Devi"), resident("Kamla Bai")
    fatima = resident("Fatima Bi")
    # By OTP, after one wrong try.
    member = member_like(world.family_a1, ramesh)
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=ramesh.aadhaar)
    code = otp_sent_to(ramesh.mobile)
    with pytest.raises(ValidationError):
        member_ekyc_complete(
            actor=world.alice,
            member=member,
            vault_token=sent.vault_token,
            proof=OtpProof(sent.txn, wrong(code)),
        )
    sent = member_ekyc_request_otp(actor=world.alice, member=member, aadhaar=ramesh.aadhaar)
    member_ekyc_complete(
        actor=world.alice,
        member=member,
        vault_token=sent.vault_token,
        proof=OtpProof(sent.txn, otp_sent_to(ramesh.mobile)),
    )
    # By biometric, written with spaces.
    spaced = f"{sita.aadhaar[:4]} {sita.aadhaar[4:8]} {sita.aadhaar[8:]}"
    member_ekyc_complete(
        actor=world.carol,
        member=member_like(world.family_a1, sita),
        aadhaar=spaced,
        proof=BiometricProof("iris", SandboxUidai.enrolled_capture(sita.aadhaar, "iris")),
    )
    # A refused biometric, and a mismatch.
    with pytest.raises(ValidationError):
        member_ekyc_complete(
            actor=world.alice,
            member=member_like(world.family_a1, kamla),
            aadhaar=kamla.aadhaar,
            proof=BiometricProof("finger", b"capture"),
        )
    with pytest.raises(EkycMismatch):
        member_ekyc_complete(
            actor=world.alice,
            member=member_like(world.family_a1, fatima, gender="M"),
            aadhaar=fatima.aadhaar,
            proof=BiometricProof("finger", SandboxUidai.enrolled_capture(fatima.aadhaar, "finger")),
        )
    vault_reveal(token=sent.vault_token, actor=world.erin, purpose="report check")
    return [ramesh.aadhaar, sita.aadhaar, kamla.aadhaar, fatima.aadhaar]


def test_the_scanner_finds_a_number_in_any_usual_form():
    number = resident("Ramesh Kumar").aadhaar
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"

    assert _aadhaar_like(f'{{"aadhaar": "{number}"}}') == [number]
    assert _aadhaar_like(f"Aadhaar {spaced}.") == [number]
    assert _aadhaar_like(f"XXXX-XXXX-{number[-4:]}") == []


def test_no_table_but_the_vault_holds_an_aadhaar_number(world, caplog):
    numbers = _everything(world, caplog)
    assert MemberEkyc.objects.count() == 2

    findings, binary_columns = [], []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.BinaryField):
                binary_columns.append(f"{model._meta.label}.{field.name}")
                for value in model._default_manager.values_list(field.attname, flat=True):
                    blob = bytes(value or b"")
                    findings += [(model, field.name) for n in numbers if n.encode() in blob]
            elif isinstance(field, TEXT_FIELDS):
                for text in _text_values(model, field):
                    found = _aadhaar_like(text) + [n for n in numbers if n in text]
                    findings += [(model._meta.label, field.name, f) for f in found]

    assert findings == []
    assert sorted(binary_columns) == [
        "identity.AadhaarVaultEntry.ciphertext",
        "identity.AadhaarVaultEntry.nonce",
    ]
    # The vault does hold them, encrypted, and nothing else in the logs.
    assert AadhaarVaultEntry.objects.count() == 2
    assert not any(n in caplog.text for n in numbers)
    assert _aadhaar_like(caplog.text) == []
