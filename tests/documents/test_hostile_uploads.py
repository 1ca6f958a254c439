"""The hostile-upload corpus (issue 6): files made here, each refused with a message and
nothing stored; and the good files that must get through."""

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from documents.forms import DocumentField
from documents.models import Document, DocumentKind
from documents.services import document_response, document_store
from tests.conftest import World
from tests.documents import pdfs
from tests.documents.pdfs import PDF_BODY


def good_pdf() -> bytes:
    return PDF_BODY


def good_image(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, fmt)
    return out.getvalue()


def pixel_flood_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG that claims 10 gigapixels in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"\x00" * (20 * 1024 * 1024))
    return out.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
HOSTILE: dict[str, tuple[str, bytes, str]] = {
    "double extension": ("x.pdf.html", PDF_BODY, "name_mismatch"),
    "html renamed pdf": ("letter.pdf", HTML, "bad_type"),
    "javascript renamed pdf": ("letter.pdf", b"fetch('/x').then(r=>r.text())", "bad_type"),
    "svg with script": (
        "photo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "bad_type",
    ),
    "svg renamed png": (
        "photo.png",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "bad_type",
    ),
    "pdf/html polyglot": (
        "proof.pdf",
        b"%PDF-1.4\n%<html><body><script>alert(1)</script></body></html>\n" + PDF_BODY[9:],
        "active_content",
    ),
    "pdf with javascript action": (
        "proof.pdf",
        pdfs.pdf_file(pdfs.one_page(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>")),
        "active_content",
    ),
    "png with html after the image": ("photo.png", good_image("PNG") + HTML, "active_content"),
    "zip bomb renamed pdf": ("proof.pdf", zip_bomb(), "bad_type"),
    "pixel flood png": ("photo.png", pixel_flood_png(), "too_many_pixels"),
    "truncated jpeg": ("photo.jpg", good_image("JPEG")[:40], "damaged"),
    "empty file": ("empty.pdf", b"", "empty"),
    "backslash path name": ("..\\..\\boot.pdf", PDF_BODY, "bad_name"),
    "control characters in name": ("proof\x00.pdf", PDF_BODY, "bad_name"),
    "newline in name": ("proof\r\nSet-Cookie: x=1.pdf", PDF_BODY, "bad_name"),
    "right-to-left override in name": ("fdp.\u202eexe.pdf", PDF_BODY, "bad_name"),
    "no extension": ("proof", PDF_BODY, "name_mismatch"),
    "pdf named jpg": ("photo.jpg", PDF_BODY, "name_mismatch"),
}

JS_ACTION = b"<</S/JavaScript/JS(app.alert(document.cookie))>>"
# Active PDFs (issue 15): what a search of the raw bytes missed, and the rest of the kinds.
HOSTILE_PDFS: dict[str, tuple[bytes, str]] = {
    "javascript open action with escaped names": (
        pdfs.pdf_file(pdfs.one_page(b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>")),
        "active_content",
    ),
    "javascript open action in a compressed object stream": (
        pdfs.pdf_with_object_stream(
            {2: pdfs.PAGES, 3: pdfs.PAGE},
            {1: pdfs.one_page(b"/OpenAction 4 0 R")[1], 4: JS_ACTION},
        ),
        "active_content",
    ),
    "javascript added by an incremental update": (
        pdfs.incremental_update(
            PDF_BODY, {1: pdfs.one_page(b"/OpenAction 4 0 R")[1], 4: JS_ACTION}
        ),
        "active_content",
    ),
    "javascript added by an update in a compressed object stream": (
        pdfs.incremental_update(
            PDF_BODY, {}, packed={1: pdfs.one_page(b"/OpenAction 4 0 R")[1], 4: JS_ACTION}
        ),
        "active_content",
    ),
    "javascript in the names tree in an object stream": (
        pdfs.pdf_with_object_stream(
            {2: pdfs.PAGES, 3: pdfs.PAGE},
            {
                1: pdfs.one_page(b"/Names<</JavaScript 4 0 R>>")[1],
                4: b"<</Names[(start) 5 0 R]>>",
                5: JS_ACTION,
            },
        ),
        "active_content",
    ),
    "javascript written by pypdf": (pdfs.pypdf_with_javascript(), "active_content"),
    "javascript in an object no cross-reference lists": (
        pdfs.with_unlisted_object(PDF_BODY, 9, b"<</S/J#61vaScript/J#53(app.alert(1))>>"),
        "active_content",
    ),
    "javascript in an object stream no cross-reference lists": (
        pdfs.pdf_with_object_stream(
            {1: pdfs.CATALOG, 2: pdfs.PAGES, 3: pdfs.PAGE},
            {4: b"<</Title(x)>>", 5: JS_ACTION},
            unlisted=frozenset({5}),
        ),
        "active_content",
    ),
    "web address opened on opening": (
        pdfs.pdf_file(pdfs.one_page(b"/OpenAction<</S/URI/URI(https://example.org/x)>>")),
        "opens_itself",
    ),
    "web address opened after showing the first page": (
        pdfs.pdf_file(
            pdfs.one_page(
                b"/OpenAction<</S/GoTo/D[3 0 R/Fit]/Next<</S/URI/URI(https://example.org/)>>>>"
            )
        ),
        "opens_itself",
    ),
    "web address opened by a page's additional action": (
        pdfs.pdf_file(pdfs.one_page(page=b"/AA<</O<</S/URI/URI(https://example.org/)>>>>")),
        "active_content",
    ),
    "annotation additional action, escaped, in an object stream": (
        pdfs.pdf_with_object_stream(
            {1: pdfs.CATALOG, 2: pdfs.PAGES},
            {
                3: pdfs.one_page(page=b"/Annots[4 0 R]")[3],
                4: b"<</Type/Annot/Subtype/Widget/Rect[0 0 99 99]/A#41<</E 5 0 R>>>>",
                5: b"<</S/J#61va#53cript/J#53(app.alert(1))>>",
            },
        ),
        "active_content",
    ),
    "program launched by a link, escaped": (
        pdfs.pdf_with_object_stream(
            {1: pdfs.CATALOG, 2: pdfs.PAGES},
            {
                3: pdfs.one_page(page=b"/Annots[4 0 R]")[3],
                4: b"<</Type/Annot/Subtype/Link/Rect[0 0 99 99]/A<</S/L#61unch/F(cmd.exe)>>>>",
            },
        ),
        "active_content",
    ),
    "form sent by a link": (
        pdfs.pdf_file(
            {
                **pdfs.one_page(page=b"/Annots[4 0 R]"),
                4: b"<</Type/Annot/Subtype/Link/Rect[0 0 99 99]"
                b"/A<</S/SubmitForm/F<</FS/URL/F(https://example.org/collect)>>>>>>",
            }
        ),
        "active_content",
    ),
    "data imported on opening": (
        pdfs.pdf_file(pdfs.one_page(b"/OpenAction<</S/ImportData/F(data.fdf)>>")),
        "active_content",
    ),
    "other file opened on opening": (
        pdfs.pdf_file(pdfs.one_page(b"/OpenAction<</S/GoToR/F(other.pdf)/D[0/Fit]>>")),
        "active_content",
    ),
    "embedded file written by pypdf": (pdfs.pypdf_with_attachment(), "active_content"),
    "embedded file, escaped, in an object stream": (
        pdfs.pdf_with_object_stream(
            {2: pdfs.PAGES, 3: pdfs.PAGE},
            {
                1: pdfs.one_page(b"/Names<</Embedded#46iles<</Names[(a.exe) 4 0 R]>>>>")[1],
                4: b"<</Type/Filespec/F(a.exe)/E#46<</F 5 0 R>>>>",
                5: b"<</Type/Embedded#46ile/Subtype/application#2Foctet-stream>>",
            },
        ),
        "active_content",
    ),
    "xfa form": (
        pdfs.pdf_file(
            {**pdfs.one_page(b"/AcroForm<</Fields[]/XF#41 4 0 R>>"), 4: b"<</Length 0>>"}
        ),
        "active_content",
    ),
    "encrypted with an empty password": (pdfs.pypdf_encrypted(), "encrypted"),
    "not a pdf inside": (b"%PDF-1.7\n" + b"this is not a PDF\n" * 50 + b"%%EOF\n", "damaged"),
    "no catalog": (pdfs.pdf_file({2: pdfs.PAGES, 3: pdfs.PAGE}, root=9), "damaged"),
}
GOOD_PDFS: dict[str, bytes] = {
    "one page": PDF_BODY,
    "written by pypdf": pdfs.pypdf_blank_page(),
    "a photo saved as PDF by Pillow": pdfs.pillow_scan(),
    "a link the reader may click": pdfs.pypdf_with_link(),
    "opening at the first page": pdfs.pdf_file(pdfs.one_page(b"/OpenAction[3 0 R/Fit]")),
    "opening with a go-to action": pdfs.pdf_file(
        pdfs.one_page(b"/OpenAction<</S/GoTo/D[3 0 R/FitH 842]>>")
    ),
    "objects in a compressed object stream": pdfs.pdf_with_object_stream(
        {2: pdfs.PAGES, 3: pdfs.PAGE}, {1: pdfs.CATALOG}
    ),
    "an incremental update": pdfs.incremental_update(
        PDF_BODY, {1: pdfs.one_page(b"/Info 4 0 R")[1], 4: b"<</Title(Bijli bill)>>"}
    ),
    "an update in a compressed object stream": pdfs.incremental_update(
        PDF_BODY, {}, packed={4: b"<</Title(Bijli bill)>>"}
    ),
}


@pytest.fixture(autouse=True)
def documents_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    return root


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_upload_is_refused_and_nothing_is_stored(
    case: str, world: World, documents_root: Path
) -> None:
    name, content, code = HOSTILE[case]
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert refused.value.code == code
    assert Document.objects.count() == 0
    assert _stored_files(documents_root) == []


@pytest.mark.parametrize("case", sorted(HOSTILE_PDFS))
def test_active_or_unreadable_pdf_is_refused_and_nothing_is_stored(
    case: str, world: World, documents_root: Path
) -> None:
    # given a PDF that could act by itself, or that cannot be read
    content, code = HOSTILE_PDFS[case]
    upload = SimpleUploadedFile("proof.pdf", content, content_type="application/pdf")
    # when it is uploaded / then it is refused with its reason, and nothing is kept
    with pytest.raises(ValidationError) as refused:
        document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert refused.value.code == code
    assert Document.objects.count() == 0
    assert _stored_files(documents_root) == []


@pytest.mark.parametrize("case", sorted(GOOD_PDFS))
def test_an_inert_pdf_is_stored_unchanged(case: str, world: World, documents_root: Path) -> None:
    # given a PDF that only shows pages (however it is written)
    content = GOOD_PDFS[case]
    # when it is uploaded
    document = document_store(
        actor=world.alice,
        upload=SimpleUploadedFile("proof.pdf", content),
        kind=DocumentKind.SUPPORTING,
    )
    # then it is kept as it came
    assert document.content_type == "application/pdf"
    [stored] = _stored_files(documents_root)
    assert stored.read_bytes() == content


@pytest.mark.parametrize(
    ("case", "english"),
    [
        ("web address opened on opening", "opens a web address"),
        ("encrypted with an empty password", "locked with a password"),
        ("no catalog", "damaged"),
        ("javascript open action with escaped names", "scripts or embedded files"),
    ],
)
def test_pdf_refusals_say_why_in_both_languages(case: str, english: str, world: World) -> None:
    content, _code = HOSTILE_PDFS[case]
    messages = {}
    for language in ("en", "hi"):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            document_store(
                actor=world.alice,
                upload=SimpleUploadedFile("proof.pdf", content),
                kind=DocumentKind.SUPPORTING,
            )
        messages[language] = refused.value.messages[0]
    assert english in messages["en"]
    assert messages["hi"] != messages["en"]
    assert "PDF" in messages["hi"]


def test_oversize_file_is_refused_without_reading_it_all(
    world: World, documents_root: Path
) -> None:
    upload = SimpleUploadedFile("big.pdf", PDF_BODY + b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert refused.value.code == "too_large"
    assert _stored_files(documents_root) == []


def test_refusals_are_in_the_users_language(world: World) -> None:
    upload = SimpleUploadedFile("letter.pdf", HTML)
    with translation.override("hi"), pytest.raises(ValidationError) as refused:
        document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert "PDF" in refused.value.messages[0]
    assert refused.value.messages[0] != (
        "Only PDF, JPEG or PNG files can be attached. This file is none of these."
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("ration card.pdf", good_pdf(), "application/pdf"),
        ("photo.JPG", good_image("JPEG"), "image/jpeg"),
        ("photo.jpeg", good_image("JPEG"), "image/jpeg"),
        ("scan.png", good_image("PNG", (1200, 1600)), "image/png"),
        ("पता प्रमाण.pdf", good_pdf(), "application/pdf"),
    ],
)
def test_good_files_are_stored_under_a_random_name(
    name: str, content: bytes, content_type: str, world: World, documents_root: Path
) -> None:
    # The browser's claimed type is ignored: only the content decides.
    upload = SimpleUploadedFile(name, content, content_type="text/html")
    document = document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert document.content_type == content_type
    assert document.original_name == name
    assert document.uploaded_by == world.alice
    [stored] = _stored_files(documents_root)
    assert stored.read_bytes() == content
    assert name.rsplit(".", 1)[0] not in str(stored)
    assert len(document.sha256) == 64


def test_served_as_a_never_sniffed_attachment(world: World) -> None:
    document = document_store(
        actor=world.alice,
        upload=SimpleUploadedFile("proof.pdf", good_pdf()),
        kind=DocumentKind.PROOF_OF_ADDRESS,
    )
    response = document_response(document, inline=True)  # a PDF is never inline
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "proof" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == good_pdf()  # type: ignore[arg-type]


def test_an_image_may_be_shown_inline(world: World) -> None:
    document = document_store(
        actor=world.alice,
        upload=SimpleUploadedFile("photo.png", good_image("PNG")),
        kind=DocumentKind.PROOF_OF_ADDRESS,
    )
    response = document_response(document, inline=True)
    assert response["Content-Disposition"].startswith("inline;")


def test_a_path_in_the_name_never_reaches_the_disk(world: World, documents_root: Path) -> None:
    """Django keeps only the last part of an uploaded file's name (MultiPartParser and
    UploadedFile both do), so "../" can only arrive as a backslash path, refused above; what
    is left of a slash path is a plain name, and the file is stored under a random one."""
    upload = SimpleUploadedFile("../../etc/passwd.pdf", PDF_BODY)
    document = document_store(actor=world.alice, upload=upload, kind=DocumentKind.SUPPORTING)
    assert document.original_name == "passwd.pdf"
    [stored] = _stored_files(documents_root)
    assert stored.resolve().is_relative_to(documents_root.resolve())
    assert "passwd" not in stored.name


@pytest.mark.parametrize("case", ["html renamed pdf", "pixel flood png", "double extension"])
def test_the_form_field_refuses_at_the_field(case: str) -> None:
    name, content, _code = HOSTILE[case]
    field = DocumentField()
    with pytest.raises(ValidationError):
        field.clean(SimpleUploadedFile(name, content))
    assert field.clean(SimpleUploadedFile("ok.pdf", good_pdf())).name == "ok.pdf"
