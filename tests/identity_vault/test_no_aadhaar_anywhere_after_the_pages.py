"""Issue 4, "Done means": after the e-KYC pages are used every way they can be (officials and a
citizen, OTP and biometric, a mismatch, refusals and UIDAI errors, mobile linking, sign-in, the
family cards), no 12-digit Verhoeff-valid number is found in any table (all columns of all
models, except the vault's ciphertext), any page served, any PDF, or any log line (DEBUG,
including the SQL of every query)."""

import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from stdnum import verhoeff
from stdnum.in_ import aadhaar as stdnum_aadhaar

from identity.models import AadhaarVaultEntry, MemberEkyc, MobileLink, OtpChallenge
from tests.identity_pages.support import (
    CITIZEN,
    OFFICIAL,
    ekyc_by_biometric,
    ekyc_by_otp,
    english,
    link_mobile,
    official_client,
    pasted_capture,
    start,
    url,
)
from tests.identity_vault.support import member_like
from tests.uidai.support import otp_sent_to, resident, valid_aadhaar, wrong

pytestmark = pytest.mark.django_db
# 12 digits, in one run or in groups of 4 separated by a space, a hyphen or a line break; not
# inside a hexadecimal hash (an OTP's code_hash once held a Verhoeff-valid run of 12 digits).
TWELVE_DIGITS = re.compile(r"(?<![0-9a-f])(\d{4})[\s-]?(\d{4})[\s-]?(\d{4})(?![0-9a-f])")
SKIPPED_COLUMNS = {("identity.AadhaarVaultEntry", "ciphertext")}


def aadhaar_like(text: str) -> list[str]:
    """Every Verhoeff-valid 12-digit number in the text (an Aadhaar number or one like it)."""
    found = ("".join(m.groups()) for m in TWELVE_DIGITS.finditer(text))
    return [n for n in found if verhoeff.is_valid(n) and stdnum_aadhaar.is_valid(n)]


def _as_text(value: object) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def database_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every column of every row of every model's table."""
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        fields = [f for f in model._meta.concrete_fields if (label, f.name) not in SKIPPED_COLUMNS]
        for row in model._default_manager.values_list(*(f.attname for f in fields)):
            for field, value in zip(fields, row, strict=True):
                yield f"{label}.{field.name}", _as_text(value)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class Recorder:
    """Every page served to a test client, and every PDF."""

    def __init__(self) -> None:
        self.pages: list[tuple[str, str]] = []
        self.pdfs: list[tuple[str, str]] = []


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recording = Recorder()
    original = Client.request

    def request(self: Client, **kwargs: object) -> object:
        response = original(self, **kwargs)
        where = f"{kwargs.get('REQUEST_METHOD')} {kwargs.get('PATH_INFO')}"
        if response.get("Content-Type", "").startswith("application/pdf"):
            recording.pdfs.append((where, pdf_text(response.content)))
        else:
            recording.pages.append((where, response.content.decode(errors="replace")))
        return response

    monkeypatch.setattr(Client, "request", request)
    return recording


def findings(recorder: Recorder, log_text: str) -> list[tuple[str, str]]:
    found = [(where, n) for where, text in database_texts() for n in aadhaar_like(text)]
    for kind, texts in (("page", recorder.pages), ("pdf", recorder.pdfs)):
        found += [(f"{kind} {where}", n) for where, text in texts for n in aadhaar_like(text)]
    found += [("log", n) for n in aadhaar_like(log_text)]
    return found


def _a_minute_later() -> None:
    OtpChallenge.objects.update(created_at=F("created_at") - timedelta(minutes=2))


def use_every_page(world) -> list[str]:
    """The e-KYC pages used every way; returns the Aadhaar numbers typed into them."""
    ramesh, sita, puja = resident("Ramesh Kumar"), resident("Sita Devi"), resident("Puja Kumaari")
    mohan, kamla, fatima = resident("Mohan Singh"), resident("Kamla Bai"), resident("Fatima Bi")
    govind, lakshmi = resident("Govind Prasad Ahirwar"), resident("Lakshmi Ahirwar")
    alice, carol = official_client(world.alice), official_client(world.carol)
    family = world.family_a1

    # An official, by OTP after a wrong try, then links the member's mobile.
    head = member_like(family, ramesh)
    otp_url = start(alice, OFFICIAL, head, ramesh.aadhaar)["Location"]
    alice.post(otp_url, {"otp": wrong(otp_sent_to(ramesh.mobile))})
    alice.post(otp_url, {"otp": otp_sent_to(ramesh.mobile)}, follow=True)
    link_mobile(alice, OFFICIAL, head, "9425012345")
    # Another, by biometric: the sandbox device, a pasted capture, a locked one, a mismatch.
    ekyc_by_biometric(carol, OFFICIAL, member_like(family, sita), sita)
    started = start(carol, OFFICIAL, member_like(family, puja), puja.aadhaar, "biometric")
    carol.post(
        started["Location"],
        {"modality": "iris", "biometric": pasted_capture(puja, "iris")},
        follow=True,
    )
    ekyc_by_biometric(alice, OFFICIAL, member_like(family, mohan), mohan)
    ekyc_by_otp(alice, OFFICIAL, member_like(family, fatima, gender="M"), fatima)
    # Refusals: a typo, unknown to UIDAI (998), UIDAI failing (999) or silent, a duplicate.
    typo = ramesh.aadhaar[:-1] + str((int(ramesh.aadhaar[-1]) + 3) % 10)
    spare = member_like(family, ramesh)
    for number in (
        typo,
        valid_aadhaar(42),
        resident("Anjali Ahirwar").aadhaar,
        resident("Rajesh Singh").aadhaar,
        f"{ramesh.aadhaar[:4]} {ramesh.aadhaar[4:8]} {ramesh.aadhaar[8:]}",
    ):
        start(alice, OFFICIAL, spare, number)
    # The citizen signs in with the linked mobile and e-KYCs two more members.
    _a_minute_later()
    citizen = english(Client())
    citizen.post(
        reverse("identity:citizen_sign_in"),
        {"family_id": family.family_id, "member_id": head.member_id},
    )
    citizen.post(
        reverse("identity:citizen_sign_in_verify"),
        {"code": otp_sent_to("9425012345")},
        follow=True,
    )
    ekyc_by_otp(citizen, CITIZEN, member_like(family, govind), govind)
    ekyc_by_biometric(citizen, CITIZEN, member_like(family, lakshmi), lakshmi)
    ekyc_by_biometric(citizen, CITIZEN, member_like(family, kamla), kamla)  # 300
    citizen.get(reverse("identity:citizen_family"))
    citizen.get(url(CITIZEN, "ekyc_done", head))
    citizen.get(reverse("identity:citizen_family_card"))
    # The officials' views of it all.
    alice.get(reverse("registry:family_detail", args=[family.family_id]))
    alice.get(reverse("registry:family_card", args=[family.family_id]))
    sam = official_client(world.sam)
    sam.get(reverse("audit_list"))
    sam.get(reverse("sms_outbox"))
    return [r.aadhaar for r in (ramesh, sita, puja, mohan, kamla, fatima, govind, lakshmi)] + [
        typo,
        valid_aadhaar(42),
    ]


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Everything logged at DEBUG, the SQL of every query included."""
    caplog.set_level(logging.DEBUG)
    # "django" does not propagate to the root logger (settings.LOGGING): listen to it directly.
    django_logger = logging.getLogger("django")
    caplog.set_level(logging.DEBUG, logger="django")
    django_logger.addHandler(caplog.handler)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False
    django_logger.removeHandler(caplog.handler)


def test_no_aadhaar_number_outside_the_vault(world, recorder, logs):
    typed = use_every_page(world)

    # the flows did happen: five members verified, one mobile linked, pages and PDFs served
    assert MemberEkyc.objects.count() == 5
    assert MobileLink.objects.count() == 1
    assert AadhaarVaultEntry.objects.count() >= 5
    assert len(recorder.pdfs) == 2 and len(recorder.pages) > 30
    assert "SELECT" in logs.text
    # and left no Aadhaar number behind
    assert findings(recorder, logs.text) == []
    # not even one that fails Verhoeff (a typo), in any form
    everything = "\n".join(
        [t for _w, t in database_texts()]
        + [t for _w, t in recorder.pages + recorder.pdfs]
        + [logs.text]
    )
    digits_only = re.sub(r"[\s-]", "", everything)
    assert [n for n in typed if n in digits_only] == []


def test_the_scan_finds_a_number_planted_anywhere(world, recorder, logs):
    """A control: the same scan, with a number planted in a table, a page, a PDF and a log."""
    number = valid_aadhaar(9)
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    assert findings(recorder, logs.text) == []

    family = world.family_a1
    family.locality = f"Near {spaced}"  # lands in the table, the family page and the card
    family.save()
    alice = official_client(world.alice)
    alice.get(reverse("registry:family_detail", args=[family.family_id]))
    alice.get(reverse("registry:family_card", args=[family.family_id]))
    # A line logged the portal's way is masked before any handler writes it (ops.logs)...
    logging.getLogger("identity").warning("Aadhaar %s", number)
    assert f"XXXXXXXX{number[8:]}" in logs.text and number not in logs.text
    # ...so the number is planted in the log's text past the portal's filters.
    logs.handler.handle(logging.makeLogRecord({"msg": f"Aadhaar {number}", "levelno": 10}))

    where = {w.split(" ")[0] for w, n in findings(recorder, logs.text) if n == number}
    assert where == {"registry.Family.locality", "page", "pdf", "log"}
