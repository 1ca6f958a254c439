"""Whether an uploaded PDF is inert: nothing in it runs, opens, sends or unpacks anything.

A PDF can carry script (/JavaScript, /JS), start a program (/Launch), send or fetch data
(/SubmitForm, /ImportData, /GoToR, /GoToE), act by itself when the document, a page or a field
is opened (/OpenAction, /AA) or carry other files (/EmbeddedFiles, /FileAttachment, XFA forms,
rich media). A search of the file's bytes for those words misses them when a name is written
with #-escapes (/J#61vaScript is /JavaScript), when the object sits in a compressed object
stream, or when an incremental update appends it. So the file is parsed (pypdf) and every
object it holds is looked at: each one the cross-reference sections list (all updates, object
streams included) and everything they reach. The names in the uncompressed bytes outside
streams are looked at too: an object that no cross-reference lists is still found by a viewer
that repairs the file.

A link the reader clicks (/URI in a link annotation) is allowed: it does nothing by itself. An
/OpenAction may only show a page (a destination or a /GoTo action).

A PDF that cannot be parsed, or only with a password, is refused as well: what this check
cannot read, it cannot vouch for.
"""

import logging
import re
from collections.abc import Iterator
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

# Names that only active content uses, as a key or as a value (an action's /S, a /Type).
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",
        "/GoToE",
        "/AA",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/FileAttachment",
        "/XFA",
        "/RichMedia",
        "/RichMediaExecute",
        "/Rendition",
        "/Movie",
        "/Sound",
    }
)
# Far more dictionary entries, array items and objects than a scan, a certificate or a long
# office document has (tens of thousands); a file with more is refused rather than walked for
# minutes.
MAX_ITEMS = 1_000_000
# A name token: "/" and the characters up to a delimiter or white space (PDF 32000-1, 7.3.5).
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# A stream's data (images, page text) is not PDF syntax; "endstream" itself is not a start.
_STREAM_DATA = re.compile(rb"(?<!end)stream\r?\n.*?endstream", re.DOTALL)


class PdfRefused(Exception):
    """Why the PDF is refused: one of the codes below."""

    ACTIVE = "active_content"
    OPENS_ITSELF = "opens_itself"
    ENCRYPTED = "encrypted"
    DAMAGED = "damaged"

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def pdf_inspect(data: bytes) -> None:
    """Raise PdfRefused when ``data`` is not an inert PDF that pypdf can read."""
    if _names_in(data) & ACTIVE_NAMES:
        raise PdfRefused(PdfRefused.ACTIVE)
    reader = _read(data)
    try:
        _walk(reader)
    except PdfRefused:
        raise
    except Exception as exc:  # any parser failure means "cannot be read"
        raise PdfRefused(PdfRefused.DAMAGED) from exc


def _read(data: bytes) -> PdfReader:
    # pypdf reports each repair it makes as a warning; a hostile file would fill the log.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
        root = reader.trailer.get("/Root")
        catalog = root.get_object() if root is not None else None
    except Exception as exc:  # any parser failure means "cannot be read"
        raise PdfRefused(PdfRefused.DAMAGED) from exc
    if encrypted:
        raise PdfRefused(PdfRefused.ENCRYPTED)
    if not isinstance(catalog, DictionaryObject):
        raise PdfRefused(PdfRefused.DAMAGED)
    return reader


def _listed(reader: PdfReader) -> Iterator[PdfObject]:
    """The trailer and every object a cross-reference section lists (the last update's copy
    of each), whether it is written out or inside an object stream."""
    yield reader.trailer
    for generation, table in reader.xref.items():
        for number in table:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _walk(reader: PdfReader) -> None:
    pending: list[PdfObject | None] = list(_listed(reader))
    seen: set[tuple[int, int]] = set()
    visited = 0
    while pending:
        item = pending.pop()
        visited += 1
        if visited > MAX_ITEMS:
            raise PdfRefused(PdfRefused.DAMAGED)
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) not in seen:
                seen.add((item.idnum, item.generation))
                pending.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            _check_dictionary(item)
            # dict's own view: the values as written, references not yet followed.
            pending.extend(dict.keys(item))
            pending.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            pending.extend(list.__iter__(item))
        elif isinstance(item, NameObject) and str(item) in ACTIVE_NAMES:
            raise PdfRefused(PdfRefused.ACTIVE)


def _check_dictionary(item: DictionaryObject) -> None:
    if "/OpenAction" in item and not _shows_a_page(item["/OpenAction"]):
        raise PdfRefused(PdfRefused.OPENS_ITSELF)
    # The objects an object stream holds, even those no cross-reference lists.
    if (
        isinstance(item, StreamObject)
        and item.get("/Type") == "/ObjStm"
        and _names_in(item.get_data()) & ACTIVE_NAMES
    ):
        raise PdfRefused(PdfRefused.ACTIVE)


def _shows_a_page(written: PdfObject) -> bool:
    """An open action that only shows a page: a destination, or a /GoTo with nothing next."""
    action = written.get_object()
    if isinstance(action, ArrayObject):
        return True
    return (
        isinstance(action, DictionaryObject)
        and action.get("/S") == "/GoTo"
        and "/Next" not in action
    )


def _names_in(data: bytes) -> set[str]:
    """The names written in ``data`` outside stream data, #-escapes decoded."""
    names = set()
    for match in _NAME.finditer(_STREAM_DATA.sub(b" ", data)):
        raw = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        names.add("/" + raw.decode("latin-1"))
    return names
