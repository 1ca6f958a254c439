"""An officer changes, deactivates and resets an official from the official's page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from officials.models import Designation, Official
from sms.models import SmsKind
from tests.conftest import World, client_for
from tests.factories import field_official
from tests.officials.support import only_sms, password_in

pytestmark = pytest.mark.django_db


def test_the_detail_page_shows_the_official(world: World) -> None:
    response = client_for(world.carol).get(reverse("officials:detail", args=[world.alice.pk]))

    page = response.content.decode()
    assert world.alice.name in page
    assert world.alice.user_id in page
    assert world.alice.mobile in page


def test_it_changes_the_areas_through_the_form(world: World) -> None:
    response = client_for(world.carol).post(
        reverse("officials:edit", args=[world.alice.pk]),
        {
            "name": world.alice.name,
            "designation": Designation.GRAM_ROZGAR_SAHAYAK,
            "mobile": world.alice.mobile,
            "areas": [world.b1.pk],
        },
    )

    assert response.status_code == 302
    alice = Official.objects.get(pk=world.alice.pk)
    assert set(alice.areas.all()) == {world.b1}
    assert alice.designation == Designation.GRAM_ROZGAR_SAHAYAK
    event = AuditEvent.objects.get(event_type="official.updated")
    assert set(event.changes) == {"areas", "designation"}


def test_the_edit_form_shows_errors_and_changes_nothing(world: World) -> None:
    response = client_for(world.carol).post(
        reverse("officials:edit", args=[world.alice.pk]),
        {
            "name": world.alice.name,
            "designation": world.alice.designation,
            "mobile": world.bob.mobile,
            "areas": [world.a1.pk],
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["mobile"]
    assert Official.objects.get(pk=world.alice.pk).mobile == world.alice.mobile
    assert not AuditEvent.objects.exists()


def test_it_deactivates_and_activates_through_the_page(world: World) -> None:
    client = client_for(world.carol)
    url = reverse("officials:set_active", args=[world.alice.pk])

    client.post(url, {"active": "0"})
    assert not Official.objects.get(pk=world.alice.pk).is_active

    client.post(url, {"active": "1"})
    assert Official.objects.get(pk=world.alice.pk).is_active


def test_it_resets_the_password_through_the_page(world: World) -> None:
    response = client_for(world.carol).post(
        reverse("officials:reset_password", args=[world.alice.pk])
    )

    assert response.status_code == 302
    alice = Official.objects.get(pk=world.alice.pk)
    assert password_in(only_sms(alice.mobile, SmsKind.PASSWORD_RESET).text, alice)


@pytest.mark.parametrize("name", ["officials:set_active", "officials:reset_password"])
def test_state_changes_need_a_post(world: World, name: str) -> None:
    response = client_for(world.carol).get(reverse(name, args=[world.alice.pk]))

    assert response.status_code == 405
    alice = Official.objects.get(pk=world.alice.pk)
    assert alice.is_active
    assert not AuditEvent.objects.exists()


def list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("officials:list")).status_code == 200
    return len(queries)


def test_the_list_takes_the_same_queries_for_many_officials(world: World) -> None:
    client = client_for(world.carol)
    client.get(reverse("officials:list"))  # warm up: session, translations
    few = list_queries(client)

    for _ in range(6):
        field_official(world.a1, world.b1)

    assert list_queries(client) == few
