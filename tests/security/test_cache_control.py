"""No cache may keep a page of the portal (issue 15): every URL of the URL configuration, as
each persona that can reach it with data in it, answers "Cache-Control: no-store".

The URLs name the objects of family_x1 in area x1 (the authz matrix's targets), and the
personas are the ones who may see them: the citizen signed in to family_x1, xena (the field
official of x1), dave (the local body officer of x1's local body), sam (the state admin), and
an anonymous visitor for the public pages. A new URL is walked here without a change; a new
path parameter fails in the matrix's filler first.
"""

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from documents.models import Document
from tests.conftest import client_for
from tests.documents.pdfs import PDF_BODY
from tests.security import test_authz_matrix as matrix
from tests.security.urlconf import ROUTES, Route

targets = matrix.targets  # the matrix's objects of family_x1, made as a URL needs them

PERSONAS = ["anonymous", "citizen", "xena", "dave", "sam"]
# Signing out ends the persona's session, so it is asked for after every other URL.
SIGN_OUTS = {"officials:logout", "identity:citizen_sign_out"}
# Pages that must have answered with personal data (the family's ID; xena's name on her own
# page): the walk reached what it was meant to. The family cards are PDFs: their answer is
# checked, not their text.
MUST_SHOW_DATA = {
    "citizen": ["identity:citizen_family", "identity:citizen_family_card", "migration:detail"],
    "xena": ["registry:family_detail", "registry:family_card", "migration:review"],
    "sam": ["registry:family_detail", "registry:family_card", "officials:detail"],
}


def _personal_data(route: Route, t: matrix.Targets) -> str:
    return t.xena.name if route.name == "officials:detail" else t.world.family_x1.family_id


@pytest.fixture(autouse=True)
def production_error_pages(settings: Any) -> None:
    settings.DEBUG = False


def _client(persona: str, t: matrix.Targets) -> Client:
    if persona == "anonymous":
        return Client()
    if persona == "citizen":
        return matrix.citizen_client(t.world.family_x1)
    return client_for(t.xena if persona == "xena" else getattr(t.world, persona))


def _walk(client: Client, t: matrix.Targets) -> list[tuple[Route, str, HttpResponse]]:
    """GET every URL; then POST to those that take no GET, signing out last."""
    answers = []
    urls = [(r, reverse(r.name, kwargs=matrix._kwargs(r, t, "xena"))) for r in ROUTES]
    _store_missing_files()
    post_only = []
    for route, url in urls:
        response = client.get(url)
        answers.append((route, "GET", response))
        if response.status_code == 405:
            post_only.append((route, url))
    post_only.sort(key=lambda pair: pair[0].name in SIGN_OUTS)
    for route, url in post_only:
        answers.append((route, "POST", client.post(url, {})))
    return answers


def _store_missing_files() -> None:
    """The matrix makes some documents' rows only (no persona there may open them); here they
    are opened, so their files must exist."""
    storage = storages["documents"]
    for document in Document.objects.all():
        if not storage.exists(document.storage_name):
            storage.save(document.storage_name, ContentFile(PDF_BODY))


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_answer_may_be_kept_by_a_cache(persona: str, targets: matrix.Targets) -> None:
    # given a persona and every URL of the portal, naming objects they may see
    client = _client(persona, targets)
    # when they ask for each one
    answers = _walk(client, targets)
    # then every answer (page, PDF, redirect, refusal) forbids caches to keep it
    kept = [
        f"{method} {route.name} ({response.status_code}): {response.get('Cache-Control')}"
        for route, method, response in answers
        if "no-store" not in response.get("Cache-Control", "")
    ]
    assert not kept, "\n".join(kept)
    # and the walk did reach the pages with the family's data
    shown = {
        route.name
        for route, method, response in answers
        if method == "GET" and response.status_code == 200
    }
    assert set(MUST_SHOW_DATA.get(persona, [])) <= shown
    assert len(answers) >= len(ROUTES)
    for route, _method, response in answers:
        if route.name in MUST_SHOW_DATA.get(persona, []) and "html" in response["Content-Type"]:
            assert _personal_data(route, targets) in response.content.decode(), route.name


def test_a_static_file_may_be_cached(db: None) -> None:
    # given a stylesheet (no personal data in it) / when it is asked for
    response = Client().get(f"{django_settings.STATIC_URL}css/samagra.css")
    # then caches may keep it as WhiteNoise says
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
