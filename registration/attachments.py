"""Supporting documents of an application: attached (and taken off again) by the field
official while the application is theirs to edit, read by every official who may see it."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.services import audit_record
from documents.services import document_store
from officials.models import Official
from registration import workflow
from registration.models import Application, ApplicationDocument
from registration.services import field_application
from registration.workflow import Action


def _editable(actor: Official, application: Application) -> Application:
    """The application, locked, when it is a draft or returned one of the actor's areas."""
    locked = field_application(actor, application)
    workflow.next_status(locked.status, Action.EDIT)
    return locked


def application_document_attach(
    *, actor: Official, application: Application, upload: UploadedFile, kind: str
) -> ApplicationDocument:
    """Check and store ``upload`` and attach it to a draft or returned application of one of
    the actor's areas (ValidationError, nothing stored, for a refused file)."""
    with transaction.atomic():
        locked = _editable(actor, application)
        document = document_store(actor=actor, upload=upload, kind=kind)
        attached = ApplicationDocument.objects.create(
            application=locked, document=document, added_by=actor
        )
        audit_record(
            actor=actor,
            event_type="application.document_attached",
            subject=locked,
            area=locked.area,
            changes={"document": [None, str(document)]},
        )
    return attached


def application_document_remove(
    *, actor: Official, application: Application, attached_id: int
) -> None:
    """Take a document off a draft or returned application of one of the actor's areas (the
    wrong family's paper, an unreadable scan) before anyone verifies it. The stored file is
    kept, as everything is, and the history says which document was taken off, by whom.
    ObjectDoesNotExist when the application has no such document."""
    with transaction.atomic():
        locked = _editable(actor, application)
        attached = (
            ApplicationDocument.objects.select_related("document")
            .filter(application=locked, pk=attached_id)
            .first()
        )
        if attached is None:
            raise ObjectDoesNotExist
        attached.delete()
        audit_record(
            actor=actor,
            event_type="application.document_removed",
            subject=locked,
            area=locked.area,
            changes={"document": [str(attached.document), None]},
        )
