"""The registration pages the journey does not pass through: search, work list, overdue, the
form sent back with errors, a returned application, and the public status page."""

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from registration.attachments import application_document_attach
from registration.verification import application_return_for_correction
from tests.browser.conftest import PHONE, ContextFactory
from tests.browser.support import Visit, sign_in, switch_language
from tests.conftest import World
from tests.documents.test_hostile_uploads import PDF_BODY
from tests.registration import builders
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", None), ("hi", PHONE)], ids=["en", "hi-phone"]
)
def test_the_registration_pages_are_accessible(
    language: str,
    viewport: dict[str, int] | None,
    world: World,
    new_context: ContextFactory,
    settings: Any,
    tmp_path: Path,
) -> None:
    cache.clear()
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    returned = builders.submitted(world.alice, world.a1)
    application_return_for_correction(
        actor=world.carol, application=returned, reason="Add the PIN code"
    )
    attached = application_document_attach(
        actor=world.alice,
        application=returned,
        upload=SimpleUploadedFile("ration-card.pdf", PDF_BODY, "application/pdf"),
        kind="address",
    )
    builders.submitted(world.bob, world.b1, [builders.head(mobile="9876500001")])

    alice = Visit(new_context(viewport=viewport).new_page(), axe=True)
    page = alice.page
    page.goto("/")
    switch_language(alice, language)
    sign_in(alice, "alice")
    for url in (
        "/work/",
        f"/registration/{returned.number}/",
        f"/registration/{returned.number}/edit/",
        f"/registration/{returned.number}/documents/{attached.pk}/remove/",
        "/search/?q=Ramesh",
    ):
        page.goto(url)
        alice.check()
    # a document taken off the returned application, back on its form
    page.goto(f"/registration/{returned.number}/documents/{attached.pk}/remove/")
    page.locator("main form button[type=submit]").click()
    alice.check()
    assert page.url.endswith(f"/registration/{returned.number}/edit/")
    # the form sent back with errors (submitted empty)
    page.goto("/registration/new/")
    page.locator("button[value=submit]").click()
    alice.problems.clear()  # the 400 of the refused form is expected
    alice.check()
    assert page.locator("#error-summary a").count() >= 1

    carol = Visit(new_context(viewport=viewport).new_page(), axe=True)
    carol.page.goto("/")
    switch_language(carol, language)
    sign_in(carol, "carol")
    for url in ("/registration/queue/", "/work/overdue/", "/work/"):
        carol.page.goto(url)
        carol.check()

    visitor = Visit(new_context(viewport=viewport).new_page(), axe=True)
    visitor.page.goto("/status/")
    switch_language(visitor, language)
    visitor.check()
    visitor.page.fill("#id_number", returned.number)
    visitor.page.fill("#id_mobile", builders.HEAD_MOBILE)
    visitor.page.locator("main form button[type=submit]").click()
    visitor.check()
    visitor.page.fill("#id_code", otp_sent_to(builders.HEAD_MOBILE))
    visitor.page.locator("main form button[type=submit]").click()
    visitor.check()
    assert "Add the PIN code" in visitor.page.locator("#status-result").inner_text()
