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

PDF_BODY = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


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
        PDF_BODY.replace(
            b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
        ),
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
