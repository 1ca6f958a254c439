"""What supervisors see: work escalated to them with its holder and age, work with nobody to
act on it (which the local body officer may decide or give to someone), the areas with no
field official, and the overdue counts per official over the days. Other places' officers see
nothing of it."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from escalation.models import Escalation, OverdueSnapshot, Reason
from escalation.services import overdue_snapshot_take, work_escalate_overdue
from migration.models import MigrationStatus
from registration.models import Application
from tests import factories as f
from tests.conftest import World
from tests.conftest import client_for as _client_for
from tests.escalation.support import application
from tests.migration.support import Mig, submit

START = timezone.now()
OLD = START - timedelta(days=11)


def client_for(official: object) -> Client:
    """A signed-in client reading the pages in English."""
    client = _client_for(official)  # type: ignore[arg-type]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(official: object, name: str = "escalation:list", *args: object) -> str:
    response = client_for(official).get(reverse(name, args=args))  # type: ignore[arg-type]
    assert response.status_code == 200
    return response.content.decode()


def test_escalated_work_shows_with_holder_and_age_to_its_officers_only(world: World) -> None:
    app = application(world.a1, world.alice, OLD)
    work_escalate_overdue(now=START)
    page = _page(world.carol)
    assert app.number in page and str(world.alice) in page
    assert "<td>11</td>" in page
    for other in (world.dave, world.frank):
        assert app.number not in _page(other)
    assert client_for(world.alice).get(reverse("escalation:list")).status_code == 403
    # the local body officer's home page counts it
    home = client_for(world.carol).get(reverse("portal:home")).content.decode()
    assert "1 item of overdue work has been escalated to you." in home


def test_decided_work_drops_off_the_list(world: World) -> None:
    app = application(world.a1, world.alice, OLD)
    work_escalate_overdue(now=START)
    Application.objects.filter(pk=app.pk).update(status="APPROVED")
    assert app.number not in _page(world.carol)


def test_an_unowned_migration_goes_to_the_lb_officer_who_decides_it(mig: Mig) -> None:
    w = mig.world
    request = submit(mig)  # into b1, held by bob
    w.bob.is_active = False  # bob leaves: nobody acts on it ("Held by —")
    w.bob.save()
    assert work_escalate_overdue(now=START) == 1
    assert Escalation.objects.get().reason == Reason.UNOWNED
    page = _page(w.carol)
    assert request.number in page and "Nobody to act on it" in page
    assert request.number not in _page(w.dave)

    response = client_for(w.carol).post(reverse("migration:approve", args=[request.number]))
    assert response.status_code in (200, 302)
    request.refresh_from_db()
    assert request.status == MigrationStatus.APPROVED and request.decided_by == w.carol
    assert request.number not in _page(w.carol)


def test_the_lb_officer_gives_unowned_work_to_a_new_field_official(world: World) -> None:
    bare = f.AreaFactory(local_body=world.lb_a)
    app = application(bare, None, START)
    work_escalate_overdue(now=START)
    assert bare.name_en in _page(world.carol)  # flagged: no field official
    url = reverse("escalation:assign", args=["application", app.pk])

    # nobody can act yet: the page says to register one
    assert "No active official can act on this work here." in _page(
        world.carol, "escalation:assign", "application", app.pk
    )
    newcomer = f.field_official(bare, user_id="newcomer")
    outsider = world.bob  # a field official of another area
    refused = client_for(world.carol).post(url, {"to": outsider.pk})
    assert refused.status_code == 200
    app.refresh_from_db()
    assert app.holder is None

    done = client_for(world.carol).post(url, {"to": newcomer.pk})
    assert done.status_code == 302
    app.refresh_from_db()
    assert app.holder == newcomer and app.held_since > START
    event = AuditEvent.objects.get(event_type="work.assigned")
    assert event.changes["holder"] == [None, str(newcomer)]
    assert bare.name_en not in _page(world.carol)
    assert app.number in _page(newcomer, "registration:work_list")


def test_other_officers_cannot_give_the_work(world: World) -> None:
    bare = f.AreaFactory(local_body=world.lb_a)
    app = application(bare, None, START)
    newcomer = f.field_official(bare)
    url = reverse("escalation:assign", args=["application", app.pk])
    for other in (world.dave, world.frank):
        assert client_for(other).get(url).status_code == 404
        assert client_for(other).post(url, {"to": newcomer.pk}).status_code == 404
    for field in (world.alice, newcomer):
        assert client_for(field).post(url, {"to": newcomer.pk}).status_code == 403
    assert (
        client_for(world.carol).get(reverse("escalation:assign", args=["grievance", 1])).status_code
        == 404
    )
    app.refresh_from_db()
    assert app.holder is None


def test_work_someone_holds_cannot_be_given(world: World) -> None:
    app = application(world.a1, world.alice, START)
    url = reverse("escalation:assign", args=["application", app.pk])
    response = client_for(world.carol).post(url, {"to": world.alice.pk})
    assert response.status_code == 200 and "holds this work" in response.content.decode()
    app.refresh_from_db()
    assert app.held_since == START


def test_the_district_officer_sees_overdue_counts_per_official_over_days(world: World) -> None:
    for n in range(3):
        application(world.a1, world.alice, OLD - timedelta(days=n))
    application(world.b1, world.bob, OLD)
    overdue_snapshot_take(now=START - timedelta(days=1))
    overdue_snapshot_take(now=START)
    overdue_snapshot_take(now=START)  # a rerun replaces the day's rows
    assert OverdueSnapshot.objects.filter(holder=world.alice).count() == 2
    today = OverdueSnapshot.objects.filter(day=timezone.localdate(START))
    assert sorted(today.values_list("holder__user_id", "overdue")) == [
        (world.alice.user_id, 3),
        (world.bob.user_id, 1),
    ]
    home = client_for(world.erin).get(reverse("portal:home")).content.decode()
    assert "Overdue work held by each official" in home
    assert str(world.alice) in home and "<td>3</td>" in home
    assert (
        str(world.alice) not in client_for(world.frank).get(reverse("portal:home")).content.decode()
    )


def _queries(official: object, url: str) -> int:
    client = client_for(official)  # type: ignore[arg-type]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_for_one_row_or_many(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            official = f.field_official(world.a1)
            application(world.a1, official, OLD)
            application(f.AreaFactory(local_body=world.lb_a), None, START)
        work_escalate_overdue(now=START)
        overdue_snapshot_take(now=START)

    add(1)
    one = {
        (o, u): _queries(o, u)
        for o in (world.carol, world.erin)
        for u in (reverse("escalation:list"), reverse("portal:home"))
    }
    add(5)
    many = {
        (o, u): _queries(o, u)
        for o in (world.carol, world.erin)
        for u in (reverse("escalation:list"), reverse("portal:home"))
    }
    assert one == many
