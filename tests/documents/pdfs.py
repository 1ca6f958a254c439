"""PDF files written byte by byte for the upload tests: a classic cross-reference table, a
cross-reference stream with objects packed in a zlib-compressed object stream, and incremental
updates appended to an earlier file. Each object is given as its dictionary's bytes (or a
whole "<<...>>stream...endstream"), keyed by its object number."""

import io
import re
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import Link

Objects = dict[int, bytes]

CATALOG = b"<</Type/Catalog/Pages 2 0 R>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"


def one_page(catalog: bytes = b"", page: bytes = b"") -> Objects:
    """A catalog, its page tree and one A4 page; ``catalog`` and ``page`` are added to their
    dictionaries."""
    return {
        1: CATALOG[:-2] + catalog + b">>",
        2: PAGES,
        3: PAGE[:-2] + page + b">>",
    }


def stream(dictionary: bytes, data: bytes) -> bytes:
    return dictionary[:-2] + b"/Length %d>>stream\n" % len(data) + data + b"\nendstream"


def _write(out: bytearray, objects: Objects) -> dict[int, int]:
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return offsets


def _xref_table(offsets: dict[int, int], *, first: bool) -> bytes:
    lines = [b"xref\n"]
    if first:
        lines.append(b"0 1\n0000000000 65535 f \n")
    for number, offset in sorted(offsets.items()):
        lines.append(b"%d 1\n%010d 00000 n \n" % (number, offset))
    return b"".join(lines)


def _last_startxref(data: bytes) -> int:
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


def pdf_file(objects: Objects, *, root: int = 1, version: bytes = b"1.7") -> bytes:
    """A PDF with a classic cross-reference table."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = _write(out, objects)
    start = len(out)
    out += _xref_table(offsets, first=True)
    size = max(objects) + 1
    out += b"trailer\n<</Size %d/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def _object_stream(packed: Objects) -> tuple[bytes, dict[int, int]]:
    """The object stream holding ``packed`` and each object's index in it."""
    header, body, index = [], b"", {}
    for position, (number, obj) in enumerate(sorted(packed.items())):
        header.append(b"%d %d" % (number, len(body)))
        body += obj + b"\n"
        index[number] = position
    head = b" ".join(header) + b"\n"
    data = zlib.compress(head + body)
    dictionary = b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode>>" % (len(packed), len(head))
    return stream(dictionary, data), index


def _xref_stream(
    out: bytearray,
    number: int,
    entries: dict[int, tuple[int, int, int]],
    trailer: bytes,
) -> None:
    """Append a cross-reference stream (object ``number``) for ``entries``: object number ->
    (type, field 2, field 3), type 1 = at an offset, type 2 = in an object stream."""
    entries = {**entries, number: (1, len(out), 0)}
    rows, index = b"", []
    for obj, (kind, second, third) in sorted(entries.items()):
        rows += struct.pack(">BIH", kind, second, third)
        index += [obj, 1]
    start = len(out)
    size = max(entries) + 1
    dictionary = b"<</Type/XRef/Size %d/W[1 4 2]/Index[%s]/Filter/FlateDecode%s>>" % (
        size,
        b" ".join(b"%d" % i for i in index),
        trailer,
    )
    out += b"%d 0 obj\n" % number + stream(dictionary, zlib.compress(rows)) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start


def pdf_with_object_stream(
    plain: Objects, packed: Objects, *, root: int = 1, unlisted: frozenset[int] = frozenset()
) -> bytes:
    """A PDF 1.5 file: ``plain`` objects written out, ``packed`` ones inside a compressed
    object stream, both listed by a compressed cross-reference stream (except the packed
    objects numbered in ``unlisted``)."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = _write(out, plain)
    objstm_number = max([*plain, *packed]) + 1
    objstm, index = _object_stream(packed)
    offsets.update(_write(out, {objstm_number: objstm}))
    entries = {n: (1, off, 0) for n, off in offsets.items()}
    entries.update({n: (2, objstm_number, i) for n, i in index.items() if n not in unlisted})
    _xref_stream(out, objstm_number + 1, entries, b"/Root %d 0 R" % root)
    return bytes(out)


def incremental_update(
    base: bytes, objects: Objects, *, root: int = 1, packed: Objects | None = None
) -> bytes:
    """``base`` with an update appended (as an editor saves a change): new or replaced
    ``objects``, listed by a new cross-reference section whose /Prev is the old one. With
    ``packed``, those objects go into a compressed object stream and the section is a
    cross-reference stream."""
    out = bytearray(base if base.endswith(b"\n") else base + b"\n")
    prev = _last_startxref(base)
    offsets = _write(out, objects)
    if packed is None:
        start = len(out)
        out += _xref_table(offsets, first=False)
        size = max(max(objects) + 1, _size(base))
        out += b"trailer\n<</Size %d/Root %d 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (
            size,
            root,
            prev,
            start,
        )
        return bytes(out)
    objstm_number = max([*objects, *packed, _size(base)]) + 1
    objstm, index = _object_stream(packed)
    offsets.update(_write(out, {objstm_number: objstm}))
    entries = {n: (1, off, 0) for n, off in offsets.items()}
    entries.update({n: (2, objstm_number, i) for n, i in index.items()})
    _xref_stream(out, objstm_number + 1, entries, b"/Root %d 0 R/Prev %d" % (root, prev))
    return bytes(out)


def with_unlisted_object(data: bytes, number: int, body: bytes) -> bytes:
    """``data`` (a classic file) with one more object that its cross-reference does not list,
    written just before the cross-reference table."""
    at = data.rindex(b"\nxref\n") + 1
    hidden = b"%d 0 obj\n" % number + body + b"\nendobj\n"
    moved = b"startxref\n%d\n" % at
    assert moved in data
    out = data[:at] + hidden + data[at:]
    return out.replace(moved, b"startxref\n%d\n" % (at + len(hidden)))


def _size(data: bytes) -> int:
    return max(int(s) for s in re.findall(rb"/Size (\d+)", data))


# A well-formed one-page PDF: the upload that every test of a form with a document sends.
PDF_BODY = pdf_file(one_page(), version=b"1.4")


# --- files written by pypdf, as editors and printers write them ----------------------------------


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pypdf_blank_page() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return _written(writer)


def pypdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return _written(writer)


def pypdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 not really a program")
    return _written(writer)


def pypdf_encrypted() -> bytes:
    """Encrypted with an empty user password: it opens without asking, but cannot be read
    without decrypting."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="", owner_password="owner-secret", algorithm="AES-128")
    return _written(writer)


def pypdf_with_link() -> bytes:
    """A page with a web link the reader may click (it does nothing by itself)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_annotation(0, Link(rect=(50, 50, 200, 70), url="https://samagra.mp.gov.in/"))
    return _written(writer)


def pillow_scan() -> bytes:
    """A page saved as PDF by Pillow, as a phone's scanner app saves a photo."""
    out = io.BytesIO()
    Image.new("RGB", (620, 877), (250, 248, 240)).save(out, "PDF", resolution=75)
    return out.getvalue()
