"""Issue 15, finding 1: an Aadhaar number typed into any form of the portal is found nowhere
outside the vault (identity.vault): not in any column of any table (JSON included), any stored
file, any log line (the SQL of every query included), any page, header, PDF or e-mail, nor
inside what those carry in base64 (signed tokens, hidden fields, the session, the messages).

The forms are not listed by hand: every form class of the project's apps that takes an Aadhaar
number (a core.forms.AadhaarField, or a field named or labelled for one) must be driven with a
number by one of the journeys below, so a new form that takes an Aadhaar fails this test until
a journey covers it."""

import base64
import binascii
import contextlib
import html
import importlib
import inspect
import io
import json
import logging
import pkgutil
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from stdnum import verhoeff
from stdnum.in_ import aadhaar as stdnum_aadhaar

from core.forms import AADHAAR_NOT_SHOWN_AGAIN, AadhaarField
from identity.models import MemberEkyc
from registration.models import Application, ApplicationStatus
from registry.models import Family
from tests.conftest import World, client_for
from tests.documents.test_hostile_uploads import good_image
from tests.identity_pages.support import OFFICIAL, start, url
from tests.identity_vault.conftest import development_vault_and_sandbox
from tests.identity_vault.support import member_like
from tests.registration_views.support import HEAD, WIFE, form_data
from tests.uidai.support import otp_sent_to, resident
from tests.updates.support import marriage_data, newcomer_data, preview_token, verma_family
from updates.models import ChangeRequest, ChangeStatus

__all__ = ["development_vault_and_sandbox"]  # the vault's development key, the UIDAI sandbox

pytestmark = pytest.mark.django_db(transaction=False)


def aadhaar(body: str) -> str:
    """A made-up Aadhaar number: 11 digits and their Verhoeff check digit."""
    number = body + verhoeff.calc_check_digit(body)
    assert stdnum_aadhaar.is_valid(number)
    return number


REGISTRATION = aadhaar("27384910562")
MISSED_MEMBER = aadhaar("38495021673")
MARRIAGE = aadhaar("49506132784")


# --- Which forms take an Aadhaar number (from the code) ---------------------------------------


def _project_app_names() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    names = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and not any(
            p.startswith(".") for p in path.relative_to(base).parts
        ):
            names.add(config.name)
    return names


def _import_every_module(app_names: set[str]) -> None:
    for name in sorted(app_names):
        package = importlib.import_module(name)
        for found in pkgutil.walk_packages(package.__path__, prefix=f"{name}."):
            if not {"migrations", "management"} & set(found.name.split(".")):
                importlib.import_module(found.name)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _takes_aadhaar(name: str, field: forms.Field) -> bool:
    with translation.override("en"):
        label = str(field.label or "")
    return (
        isinstance(field, AadhaarField)
        or "aadhaar" in name.lower()
        or "aadhaar number" in label.lower()
    )


def aadhaar_forms() -> dict[type[forms.BaseForm], list[str]]:
    """Every form class of the project's apps that takes an Aadhaar number, with the fields."""
    app_names = _project_app_names()
    _import_every_module(app_names)
    found: dict[type[forms.BaseForm], list[str]] = {}
    for cls in set(_subclasses(forms.BaseForm)):
        if cls.__module__.split(".")[0] not in app_names:
            continue
        fields = [n for n, f in cls.base_fields.items() if _takes_aadhaar(n, f)]  # type: ignore[attr-defined]
        # A field added in __init__ is not in base_fields: the class's source names it.
        if fields or "AadhaarField(" in inspect.getsource(cls):
            found[cls] = fields
    return found


# --- Where a number could be left -------------------------------------------------------------


def _patterns(number: str) -> re.Pattern[str]:
    a, b, c = number[:4], number[4:8], number[8:]
    return re.compile(rf"{a}[\s\-\u00a0]?{b}[\s\-\u00a0]?{c}")


B64_RUN = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")


def _decoded(text: str, depth: int = 0) -> Iterator[str]:
    """The text, HTML-unescaped, and whatever base64 or urlsafe base64 runs in it decode to
    (zlib-inflated too, as Django's signing does when it compresses), a level or two deep."""
    yield text
    if "\x00" in text:  # UTF-16 (a PDF's text as pypdf gives some fonts' codes)
        yield text.replace("\x00", "")
    unescaped = html.unescape(text)
    if unescaped != text:
        yield unescaped
    if depth >= 2:
        return
    for run in set(B64_RUN.findall(unescaped)):
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            try:
                raw = decode(run + "=" * (-len(run) % 4))
            except (binascii.Error, ValueError):
                continue
            with contextlib.suppress(zlib.error):
                raw = zlib.decompress(raw)
            yield from _decoded(raw.decode("latin-1"), depth + 1)


def hits(where: str, text: str, numbers: list[str]) -> list[tuple[str, str]]:
    found = []
    for number in numbers:
        pattern = _patterns(number)
        if any(pattern.search(t) for t in _decoded(text)):
            found.append((where, number))
    return found


def _as_text(value: object) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("latin-1")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def table_texts() -> Iterator[tuple[str, str]]:
    """(table.column, text) for every column of every row of every table in the database,
    whether a model has it or not (read with plain SQL, as a copy of the database would be)."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield f"{table}.{column}", _as_text(value)


def model_texts() -> Iterator[tuple[str, str]]:
    """(model.field, text) for every column of every model, as the ORM reads it (JSON loaded)."""
    for model in apps.get_models(include_auto_created=True):
        fields = model._meta.concrete_fields
        for row in model._default_manager.values_list(*(f.attname for f in fields)):
            for field, value in zip(fields, row, strict=True):
                yield f"{model._meta.label}.{field.name}", _as_text(value)


def file_texts(roots: list[Path]) -> Iterator[tuple[str, str]]:
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                yield str(path), path.read_bytes().decode("latin-1")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


class Recorder:
    """Every response a test client got: its body (a PDF's text too), headers and cookies."""

    def __init__(self) -> None:
        self.responses: list[tuple[str, str]] = []

    def texts(self) -> Iterator[tuple[str, str]]:
        yield from self.responses


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recording = Recorder()
    original = Client.request

    def request(self: Client, **kwargs: Any) -> Any:
        response = original(self, **kwargs)
        where = f"{kwargs.get('REQUEST_METHOD')} {kwargs.get('PATH_INFO')}"
        body = response.content.decode("latin-1") if not response.streaming else ""
        if response.streaming:
            body = b"".join(response.streaming_content).decode("latin-1")  # type: ignore[arg-type]
        elif response.get("Content-Type", "").startswith("application/pdf"):
            body += "\n" + pdf_text(response.content)
        headers = "\n".join(f"{k}: {v}" for k, v in response.items())
        cookies = "\n".join(f"{k}={m.value}" for k, m in response.cookies.items())
        recording.responses.append((where, "\n".join([body, headers, cookies])))
        return response

    monkeypatch.setattr(Client, "request", request)
    return recording


@pytest.fixture
def storage_roots(settings: Any, tmp_path: Path) -> list[Path]:
    """The media and documents storages, in folders of this test, to be read afterwards."""
    media, documents = tmp_path / "media", tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(documents)},
        },
    }
    return [media, documents]


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Everything logged at DEBUG, the SQL of every query with its parameters included."""
    caplog.set_level(logging.DEBUG)
    django_logger = logging.getLogger("django")  # does not propagate (settings.LOGGING)
    caplog.set_level(logging.DEBUG, logger="django")
    django_logger.addHandler(caplog.handler)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False
    django_logger.removeHandler(caplog.handler)


@pytest.fixture
def driven(monkeypatch: pytest.MonkeyPatch) -> set[type[forms.BaseForm]]:
    """The form classes that were bound with an Aadhaar number during the test."""
    seen: set[type[forms.BaseForm]] = set()
    original = forms.BaseForm.full_clean

    def full_clean(self: forms.BaseForm) -> None:
        for name, field in self.fields.items():
            value = self.data.get(self.add_prefix(name)) if self.is_bound else None
            if value and _takes_aadhaar(name, field):
                seen.add(type(self))
        original(self)

    monkeypatch.setattr(forms.BaseForm, "full_clean", full_clean)
    return seen


def leaks(
    numbers: list[str], recorder: Recorder, logs: pytest.LogCaptureFixture, roots: list[Path]
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for source in (table_texts(), model_texts(), file_texts(roots), recorder.texts()):
        for where, text in source:
            found += hits(where, text, numbers)
    found += hits("log", logs.text, numbers)
    for message in mail.outbox:
        found += hits(f"mail {message.subject}", message.message().as_string(), numbers)
    return found


# --- The journeys -----------------------------------------------------------------------------


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def registration_journey(world: World) -> None:
    """A field official registers a family, the head's Aadhaar typed in: adds a row, meets an
    error, saves a draft, opens it again, submits; the local body approves; every page seen."""
    alice, carol = english(client_for(world.alice)), english(client_for(world.carol))
    new = reverse("registration:new")
    head = {**HEAD, "aadhaar": f"{REGISTRATION[:4]} {REGISTRATION[4:8]} {REGISTRATION[8:]}"}
    alice.get(new)
    added = alice.post(new, form_data(world.a1, [head], action="add"))
    assert added.status_code == 200
    refused = alice.post(new, form_data(world.a1, [head, {**WIFE, "mobile": "12345"}]))
    assert refused.status_code == 400
    saved = alice.post(new, form_data(world.a1, [{**head, "aadhaar": REGISTRATION}, WIFE]))
    application = Application.objects.get()
    alice.get(saved["Location"])
    members = [{**head, "id": m.pk} for m in application.members.all()[:1]]
    members += [{**WIFE, "id": m.pk} for m in application.members.all()[1:]]
    edit = reverse("registration:edit", args=[application.number])
    submitted = alice.post(edit, form_data(world.a1, members, action="submit", initial=2))
    assert submitted.status_code == 302, submitted.content.decode()[:3000]
    alice.get(submitted["Location"])
    alice.get(reverse("registration:acknowledgement", args=[application.number]))
    detail = reverse("registration:detail", args=[application.number])
    carol.get(detail)
    carol.post(reverse("registration:approve", args=[application.number]), follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.family is not None
    carol.get(reverse("registry:family_detail", args=[application.family.family_id]))
    carol.get(reverse("registry:family_card", args=[application.family.family_id]))


def _change_journey(
    world: World, path: str, data: Callable[[Family], dict[str, Any]], number: str
) -> None:
    """Form, a refused preview, preview, back to the form, preview, submit with a document;
    the local body officer opens and approves it; the pages after."""
    alice, carol = english(client_for(world.alice)), english(client_for(world.carol))
    family = verma_family(world)
    url_ = reverse(f"updates:{path}", args=[family.family_id])
    typed = {**data(family), "aadhaar": number}
    alice.get(url_)
    refused = alice.post(url_, {**typed, "mobile": "12345", "step": "preview"})
    assert refused.templates[0].name == "updates/form.html"  # type: ignore[attr-defined]
    preview = alice.post(url_, {**typed, "step": "preview"})
    assert preview.templates[0].name == "updates/preview.html"  # type: ignore[attr-defined]
    alice.post(url_, {"step": "edit", "token": preview_token(preview)})
    preview = alice.post(url_, {**typed, "step": "preview"})
    image = SimpleUploadedFile("proof.png", good_image("PNG"), content_type="image/png")
    done = alice.post(url_, {"step": "confirm", "token": preview_token(preview), "document": image})
    assert done.status_code == 302, done.content.decode()[:3000]
    change = ChangeRequest.objects.get(family=family)
    alice.get(done["Location"])
    carol.get(reverse("updates:change_list"))
    carol.get(done["Location"])
    carol.post(reverse("updates:change_approve", args=[change.number]), follow=True)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.new_member is not None
    alice.get(done["Location"])
    alice.get(reverse("registry:family_detail", args=[family.family_id]))
    alice.get(reverse("registry:family_card", args=[family.family_id]))


def missed_member_journey(world: World) -> None:
    _change_journey(world, "missed_new", lambda family: newcomer_data(), MISSED_MEMBER)


def marriage_journey(world: World) -> None:
    _change_journey(world, "marriage_new", marriage_data, MARRIAGE)


def ekyc_journey(world: World) -> str:
    """An official e-KYCs a member by OTP, after a refused first try; the pages after."""
    ramesh = resident("Ramesh Kumar")
    alice = english(client_for(world.alice))
    head = member_like(world.family_a1, ramesh)
    refused = alice.post(url(OFFICIAL, "ekyc_start", head), {"aadhaar": ramesh.aadhaar})
    assert refused.status_code == 200
    otp_page = start(alice, OFFICIAL, head, ramesh.aadhaar)
    alice.post(otp_page["Location"], {"otp": otp_sent_to(ramesh.mobile)}, follow=True)
    assert MemberEkyc.objects.filter(member=head).exists()
    alice.get(url(OFFICIAL, "ekyc_done", head))
    alice.get(reverse("registry:family_detail", args=[world.family_a1.family_id]))
    alice.get(reverse("registry:family_card", args=[world.family_a1.family_id]))
    return ramesh.aadhaar


# --- The tests --------------------------------------------------------------------------------


def test_every_form_that_takes_an_aadhaar_uses_the_aadhaar_field():
    found = aadhaar_forms()

    assert found, "no form takes an Aadhaar number: the discovery is broken"
    plain = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls, names in found.items()
        for name in names
        if not isinstance(cls.base_fields[name], AadhaarField)  # type: ignore[attr-defined]
    ]
    assert plain == [], "use core.forms.AadhaarField: it never writes the number back"


def test_no_aadhaar_number_is_left_outside_the_vault(world, recorder, logs, storage_roots, driven):
    registration_journey(world)
    missed_member_journey(world)
    marriage_journey(world)
    numbers = [REGISTRATION, MISSED_MEMBER, MARRIAGE, ekyc_journey(world)]

    # the journeys did what they say, and the scan saw it all
    assert len(recorder.responses) > 40
    assert "SELECT" in logs.text and "INSERT" in logs.text
    assert any(p.is_file() for root in storage_roots for p in root.rglob("*"))
    # no number is anywhere but in the vault (encrypted, so not found there either)
    assert leaks(numbers, recorder, logs, storage_roots) == []
    # and every form that takes an Aadhaar was driven with one by a journey above
    uncovered = sorted(f"{c.__module__}.{c.__qualname__}" for c in set(aadhaar_forms()) - driven)
    assert uncovered == [], f"add a journey for {uncovered}"


def test_the_scan_finds_a_number_wherever_it_is_planted(world, recorder, logs, storage_roots):
    """A control: the same scan finds a number in a JSON column, a file, a log line, a page, and
    inside a signed token and the session (base64, compressed)."""
    from django.core import signing

    number = MISSED_MEMBER
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    assert leaks([number], recorder, logs, storage_roots) == []

    family = verma_family(world)
    ChangeRequest.objects.create(
        number="CR1",
        family=family,
        kind="MISSED_MEMBER",
        payload={"a": number},
        conflict_key="x",
        created_by=world.alice,
    )
    storage_roots[1].mkdir(parents=True)
    (storage_roots[1] / "kept.txt").write_text(spaced)
    logging.getLogger("updates").debug("typed %s", number)
    alice = client_for(world.alice)
    session = alice.session
    session["kept"] = {"aadhaar": number, "pad": "x" * 200}  # long enough to be compressed
    session.save()
    token = signing.dumps({"payload": {"aadhaar": number}}, salt="anything")
    assert number not in token
    family.locality = token
    family.save()
    alice.get(reverse("registry:family_detail", args=[family.family_id]))
    family.locality = f"Near {spaced}"
    family.save()
    card = reverse("registry:family_card", args=[family.family_id])
    alice.get(card)

    found = {where for where, _n in leaks([number], recorder, logs, storage_roots)}
    tables = {w.split(".")[0] for w in found}
    assert {"updates_changerequest", "updates", "django_session", "log"} <= tables
    assert "registry_family" in tables  # in the signed token, and then spaced
    assert f"GET /families/{family.family_id}/" in found  # a page, inside a signed token
    assert f"GET {card}" in found  # a PDF
    assert any(w.startswith(str(storage_roots[1])) for w in found)  # a stored file


@pytest.mark.parametrize("language", ["hi", "en"])
def test_a_page_shown_again_asks_for_the_number_again(world, language):
    """After an error or a row added, every form that took a number has its field empty and
    says, in the page's language, to enter the number again."""
    alice = client_for(world.alice)
    alice.cookies["django_language"] = language
    family = verma_family(world)
    ramesh = resident("Ramesh Kumar")
    new = reverse("registration:new")
    pages = [
        alice.post(new, form_data(world.a1, [{**HEAD, "aadhaar": REGISTRATION}], action="add")),
        alice.post(new, form_data(world.a1, [{**HEAD, "aadhaar": REGISTRATION, "mobile": "1"}])),
        alice.post(
            reverse("updates:missed_new", args=[family.family_id]),
            {**newcomer_data(), "aadhaar": MISSED_MEMBER, "mobile": "1", "step": "preview"},
        ),
        alice.post(
            reverse("updates:marriage_new", args=[family.family_id]),
            {**marriage_data(family), "aadhaar": MARRIAGE, "mobile": "1", "step": "preview"},
        ),
        alice.post(
            url(OFFICIAL, "ekyc_start", member_like(world.family_a1, ramesh)),
            {"aadhaar": ramesh.aadhaar},
        ),
    ]

    with translation.override(language):
        note = str(AADHAAR_NOT_SHOWN_AGAIN)
    for page in pages:
        body = page.content.decode()
        assert note in body, page.templates[0].name  # type: ignore[attr-defined]
        assert re.search(r'<input[^>]*aadhaar"[^>]*>', body)
        assert not re.search(r'<input[^>]*aadhaar"[^>]*value=', body)
