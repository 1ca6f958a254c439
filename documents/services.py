"""Store a checked upload; open a stored one for an allowed reader."""

import secrets

from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils import timezone

from documents.checks import check_upload
from documents.models import Document
from identity.actors import Actor, Citizen


def documents_storage() -> Storage:
    return storages["documents"]


def document_store(*, actor: Actor, upload: UploadedFile, kind: str) -> Document:
    """Check ``upload`` (ValidationError, nothing stored, when it is refused) and store it
    under a random name. Call it inside the transaction that links the document to its
    record. Should that transaction roll back, the file is left without a row; the
    ``documents_sweep`` command removes such files."""
    checked = check_upload(upload)
    storage = documents_storage()
    today = timezone.localdate()
    name = f"{today:%Y/%m}/{secrets.token_hex(16)}.{checked.extension}"
    upload.seek(0)
    stored_name = storage.save(name, upload)
    try:
        return Document.objects.create(
            kind=kind,
            storage_name=stored_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            original_name=checked.display_name,
            uploaded_by=actor if actor is not None and not isinstance(actor, Citizen) else None,
            uploaded_by_member_id=actor.member_id if isinstance(actor, Citizen) else "",
        )
    except Exception:
        storage.delete(stored_name)
        raise


def document_response(document: Document, *, inline: bool = False) -> FileResponse:
    """The file for a reader the caller has already allowed: as an attachment by default (an
    image may be shown inline in a page), never sniffed, never cached, never scripted."""
    handle = documents_storage().open(document.storage_name, "rb")
    extension = document.storage_name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=not (inline and document.is_image),
        filename=f"{document.kind}-{document.token[:8]}.{extension}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
