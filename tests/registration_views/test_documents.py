from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from registration.models import Application, ApplicationDocument
from registration.verification import application_approve
from tests.conftest import World, client_for
from tests.documents.test_hostile_uploads import PDF_BODY
from tests.registration_views.support import HEAD, WIFE, form_data

NEW = "/registration/new/"


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
    return root


def _with_document(world: World, action: str = "save") -> Application:
    data = form_data(world.a1, [HEAD, WIFE], action=action)
    data["document"] = SimpleUploadedFile("ration-card.pdf", PDF_BODY, "application/pdf")
    data["document_kind"] = "address"
    response = client_for(world.alice).post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.get()


def test_a_document_is_attached_and_served_within_jurisdiction(world: World) -> None:
    application = _with_document(world, "submit")
    attached = ApplicationDocument.objects.get(application=application)
    url = reverse("registration:document", args=[application.number, attached.pk])
    carol = client_for(world.carol)
    assert (
        url in carol.get(reverse("registration:detail", args=[application.number])).content.decode()
    )
    response = carol.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BODY  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    for outsider in (world.bob, world.dave):
        refused = client_for(outsider).get(url)
        assert refused.status_code == 404
        assert PDF_BODY not in refused.content


def test_the_family_page_lists_the_application_s_documents(world: World) -> None:
    application = _with_document(world, "submit")
    family = application_approve(actor=world.carol, application=application)
    attached = ApplicationDocument.objects.get()
    body = (
        client_for(world.alice)
        .get(reverse("registry:family_detail", args=[family.family_id]))
        .content.decode()
    )
    assert attached.url in body


def test_a_file_that_is_not_a_document_is_refused_and_nothing_saved(world: World) -> None:
    client = client_for(world.alice)
    data = form_data(world.a1, [HEAD], action="save")
    data["document"] = SimpleUploadedFile(
        "proof.pdf", b"<html><script>alert(1)</script>", "application/pdf"
    )
    data["document_kind"] = "supporting"
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert 'href="#id_document"' in response.content.decode()
    assert not Application.objects.exists()
    assert not Document.objects.exists()


def test_no_document_can_be_attached_once_submitted(world: World) -> None:
    from django.core.exceptions import ValidationError

    from registration.attachments import application_document_attach

    application = _with_document(world, "submit")
    with pytest.raises(ValidationError):
        application_document_attach(
            actor=world.alice,
            application=application,
            upload=SimpleUploadedFile("x.pdf", PDF_BODY),
            kind="supporting",
        )
    assert ApplicationDocument.objects.count() == 1


def _remove_url(application: Application) -> str:
    attached = ApplicationDocument.objects.get(application=application)
    return reverse("registration:document_remove", args=[application.number, attached.pk])


def test_a_document_attached_by_mistake_is_taken_off_a_draft_and_the_history_says_so(
    world: World,
) -> None:
    from audit.models import AuditEvent

    application = _with_document(world)
    url = _remove_url(application)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    edit = client.get(reverse("registration:edit", args=[application.number])).content.decode()
    assert url in edit
    assert "Take a document off the application" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("registration:edit", args=[application.number])
    assert not ApplicationDocument.objects.exists()
    assert Document.objects.count() == 1  # the file is kept
    event = AuditEvent.objects.get(event_type="application.document_removed")
    assert event.actor == world.alice and event.subject_id == str(application.pk)
    assert (
        event.changes["document"][1] is None and "ration-card.pdf" in event.changes["document"][0]
    )
    page = client.get(reverse("registration:edit", args=[application.number])).content.decode()
    assert "No documents attached." in page


def test_a_submitted_application_keeps_its_documents(world: World) -> None:
    application = _with_document(world, "submit")
    url = _remove_url(application)

    response = client_for(world.alice).post(url)

    assert response["Location"] == reverse("registration:detail", args=[application.number])
    assert ApplicationDocument.objects.count() == 1


def test_only_the_field_official_of_the_area_takes_a_document_off(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    from registration.attachments import application_document_remove

    application = _with_document(world)
    url = _remove_url(application)
    assert client_for(world.bob).post(url).status_code == 404  # another area's official
    assert client_for(world.carol).post(url).status_code == 403  # the local body officer
    with pytest.raises(PermissionDenied):
        application_document_remove(
            actor=world.bob,
            application=application,
            attached_id=ApplicationDocument.objects.get().pk,
        )
    assert ApplicationDocument.objects.count() == 1
