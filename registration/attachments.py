"""Supporting documents of an application: attached by the field official while the
application is theirs to edit, read by every official who may see the application."""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from audit.services import audit_record
from documents.services import document_store
from officials import jurisdiction
from officials.models import Official, Role
from registration import workflow
from registration.models import Application, ApplicationDocument
from registration.workflow import Action


def application_document_attach(
    *, actor: Official, application: Application, upload: UploadedFile, kind: str
) -> ApplicationDocument:
    """Check and store ``upload`` and attach it to a draft or returned application of one of
    the actor's areas (ValidationError, nothing stored, for a refused file)."""
    if actor.role != Role.FIELD_OFFICIAL or not actor.is_active:
        raise PermissionDenied
    with transaction.atomic():
        locked = (
            jurisdiction.scope(actor, Application.objects.select_for_update())
            .filter(pk=application.pk)
            .select_related("area__local_body__district")
            .first()
        )
        if locked is None:
            raise PermissionDenied
        workflow.next_status(locked.status, Action.EDIT)
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
