"""An official's name may be given in Devanagari too: Hindi pages show it where the official's
name appears (who holds an application, the dashboards' holders, the page header), English
pages the name in Latin letters; without it, every page shows the Latin name."""

import pytest
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from officials.models import Official
from officials.services import official_update
from tests.conftest import World, client_for
from tests.officials.test_official_create_view import form_data
from tests.registration.builders import submitted

pytestmark = pytest.mark.django_db

CAROL_HI = "कैरल वर्मा"


def test_it_shows_the_devanagari_name_on_hindi_pages_only(world: World) -> None:
    world.carol.name_hi = CAROL_HI
    with translation.override("hi"):
        assert world.carol.display_name == CAROL_HI
    with translation.override("en"):
        assert world.carol.display_name == world.carol.name
    with translation.override("hi"):
        assert world.bob.display_name == world.bob.name  # none given: the Latin name


def test_an_officer_registers_an_official_with_a_devanagari_name(world: World) -> None:
    client_for(world.carol).post(
        reverse("officials:create"), form_data(world, name_hi="  रमेश   पटेल ")
    )
    official = Official.objects.get(mobile="9876543210")
    assert official.name_hi == "रमेश पटेल"
    event = AuditEvent.objects.get(event_type="official.registered")
    assert event.changes["name_hi"][-1] == "रमेश पटेल"


def test_a_change_of_the_devanagari_name_is_audited_and_none_keeps_it(world: World) -> None:
    bob = official_update(
        actor=world.carol,
        official=world.bob,
        name=world.bob.name,
        name_hi="बॉब",
        designation=world.bob.designation,
        mobile=world.bob.mobile,
        areas=(world.b1,),
    )
    assert bob.name_hi == "बॉब"
    assert AuditEvent.objects.get(event_type="official.updated").changes["name_hi"][-1] == "बॉब"
    bob = official_update(
        actor=world.carol,
        official=bob,
        name=bob.name,
        designation=bob.designation,
        mobile=bob.mobile,
        areas=(world.b1,),
    )
    assert bob.name_hi == "बॉब"


def test_a_hindi_application_page_says_who_holds_it_in_devanagari(world: World) -> None:
    world.carol.name_hi = CAROL_HI
    world.carol.save()
    application = submitted(world.alice, world.a1)
    assert application.holder == world.carol
    url = reverse("registration:detail", args=[application.number])
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    assert CAROL_HI in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert CAROL_HI not in page
    assert world.carol.name in page


def test_the_dashboards_holders_are_named_in_devanagari_on_hindi_pages(world: World) -> None:
    world.carol.name_hi = CAROL_HI
    world.carol.save()
    submitted(world.alice, world.a1)
    client = client_for(world.erin)
    client.cookies["django_language"] = "hi"
    assert f"{CAROL_HI} (carol)" in client.get("/").content.decode()
