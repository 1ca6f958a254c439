"""What an uploaded file must be before anything stores it: a PDF, JPEG or PNG by its content
(magic bytes), not by its name or the type the browser claimed; within the size limit; with a
plain name; without HTML or script hidden in it; a PDF that a parser reads without a password
and in which nothing runs, opens or unpacks by itself (documents/pdf_checks.py); an image whose
pixel count is sane.

Every refusal is a ValidationError in the user's language. Nothing here writes anywhere."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from documents.pdf_checks import PdfRefused, pdf_inspect

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ("pdf",), JPEG: ("jpg", "jpeg"), PNG: ("png",)}
MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
# Markup or active content that no scanned document, photo or certificate needs. A file that
# holds it is a polyglot (a PDF that is also a web page) or carries script.
FORBIDDEN_MARKERS = (
    b"<html",
    b"<!doctype",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<body",
    b"javascript:",
)
UNSAFE_NAME = re.compile(r"[/\\]|\.\.|[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    size: int
    sha256: str
    display_name: str


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _read_bounded(upload: UploadedFile, limit: int) -> bytes:
    """The file's bytes, reading at most one byte past the limit (a lying size header or a
    stream cannot make us hold more)."""
    upload.seek(0)
    data = bytearray()
    for chunk in upload.chunks():
        data.extend(chunk)
        if len(data) > limit:
            break
    upload.seek(0)
    return bytes(data)


def _check_name(name: str) -> str:
    if (
        not name
        or UNSAFE_NAME.search(name)
        or any(unicodedata.category(ch).startswith("C") for ch in name)
    ):
        raise _refuse(
            _(
                "The file name contains characters that are not allowed. Rename the file and try again."
            ),
            "bad_name",
        )
    return unicodedata.normalize("NFC", name)[:100]


def _sniff(data: bytes) -> str:
    for magic, content_type in MAGIC:
        if data.startswith(magic):
            return content_type
    raise _refuse(
        _("Only PDF, JPEG or PNG files can be attached. This file is none of these."),
        "bad_type",
    )


def _check_extension(name: str, content_type: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[content_type]:
        raise _refuse(
            _(
                "The file's name does not match its content. A PDF must end in .pdf, a photo in .jpg, .jpeg or .png."
            ),
            "name_mismatch",
        )
    return EXTENSIONS[content_type][0]


def _check_markup(data: bytes, content_type: str) -> None:
    lowered = data.lower()
    if any(marker in lowered for marker in FORBIDDEN_MARKERS):
        raise _refuse(
            _("This file contains web page or script content and cannot be accepted."),
            "active_content",
        )
    if content_type == PDF and b"%%eof" not in lowered[-2048:]:
        raise _refuse(_("This PDF is damaged or incomplete."), "damaged")


def _check_pdf(data: bytes) -> None:
    try:
        pdf_inspect(data)
    except PdfRefused as refusal:
        raise _refuse(_pdf_refusal_message(refusal.code), refusal.code) from None


def _pdf_refusal_message(code: str) -> str:
    if code == PdfRefused.ACTIVE:
        return _(
            "This PDF contains scripts or embedded files and cannot be accepted. Print it to a new PDF or scan it."
        )
    if code == PdfRefused.OPENS_ITSELF:
        return _(
            "This PDF opens a web address or runs an action by itself when it is opened, and cannot be accepted. Print it to a new PDF or scan it."
        )
    if code == PdfRefused.ENCRYPTED:
        return _(
            "This PDF is locked with a password or encrypted and cannot be accepted. Save or print it without the lock and try again."
        )
    return _("This PDF is damaged or incomplete.")


def _check_image(data: bytes) -> None:
    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
                raise _refuse(
                    _("The picture is too large (%(width)s by %(height)s pixels).")
                    % {"width": width, "height": height},
                    "too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise _refuse(
            _("The picture has far too many pixels to be a photo or a scan."), "too_many_pixels"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse(_("This picture is damaged and cannot be read."), "damaged") from None


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Everything about ``upload`` that decides whether it may be stored; raises
    ValidationError (nothing stored) when it may not."""
    name = _check_name(upload.name or "")
    limit = settings.UPLOAD_MAX_BYTES
    declared_too_large = upload.size is not None and upload.size > limit
    data = b"" if declared_too_large else _read_bounded(upload, limit)
    if not declared_too_large and not data:
        raise _refuse(_("The file is empty."), "empty")
    if declared_too_large or len(data) > limit:
        raise _refuse(
            _("The file is larger than %(mb)s MB. Scan it at a lower resolution and try again.")
            % {"mb": limit // (1024 * 1024)},
            "too_large",
        )
    content_type = _sniff(data)
    extension = _check_extension(name, content_type)
    _check_markup(data, content_type)
    if content_type == PDF:
        _check_pdf(data)
    else:
        _check_image(data)
    return CheckedUpload(
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        display_name=name,
    )
