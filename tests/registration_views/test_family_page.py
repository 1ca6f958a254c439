from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.verification import application_approve
from tests.conftest import World, client_for
from tests.registration import builders


def test_the_family_page_shows_its_application_and_full_history(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    family = application_approve(actor=world.carol, application=application)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()
    assert application.number in body
    for label in (
        "Application created",
        "Application submitted",
        "Application approved",
        "Family registered",
    ):
        assert label in body, label
    assert "Documents" in body


def test_the_family_history_is_paged_and_its_queries_bounded(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    family = application_approve(actor=world.carol, application=application)
    client = client_for(world.carol)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("registry:family_detail", args=[family.family_id]))
    assert len(ctx.captured_queries) < 20


def test_the_family_page_of_another_district_is_not_found(world: World) -> None:
    response = client_for(world.carol).get(
        reverse("registry:family_detail", args=[world.family_x1.family_id])
    )
    assert response.status_code == 404
