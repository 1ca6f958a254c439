from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registration.models import Application
from tests import factories as f
from tests.conftest import World, client_for
from tests.registration import builders


def _age(application: Application, days: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        held_since=timezone.now() - timedelta(days=days)
    )


def test_the_work_list_shows_what_each_official_holds(world: World) -> None:
    draft = builders.draft(world.alice, world.a1)
    waiting = builders.submitted(world.bob, world.b1)
    alice = client_for(world.alice).get(reverse("registration:work_list")).content.decode()
    carol = client_for(world.carol).get(reverse("registration:work_list")).content.decode()
    assert draft.number in alice and waiting.number not in alice
    assert waiting.number in carol and draft.number not in carol


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _drafts(world: World, n: int) -> list[Application]:
    return [builders.draft(world.alice, world.a1, [builders.head(mobile="")]) for _ in range(n)]


def test_the_work_list_costs_the_same_for_few_or_many(world: World) -> None:
    client = client_for(world.alice)
    _drafts(world, 2)
    few = _queries(client, reverse("registration:work_list"))
    _drafts(world, 15)
    assert _queries(client, reverse("registration:work_list")) == few


def test_overdue_counts_per_official_and_area_within_jurisdiction(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.OVERDUE_DAYS_APPLICATION = 7
    old = _drafts(world, 2)
    for a in old:
        _age(a, 10)
    _drafts(world, 1)  # recent: not overdue
    outsider = f.field_official(world.x1, name="Xena Outsider")
    far = builders.draft(outsider, world.x1, [builders.head(mobile="")])
    _age(far, 30)
    client = client_for(world.erin)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("registration:overdue")).content.decode()
    assert "Held longer than 7 days: 2." in body
    assert world.alice.name in body
    assert world.a1.name_en in body
    assert "Xena Outsider" not in body and world.x1.name_en not in body
    frank = client_for(world.frank).get(reverse("registration:overdue")).content.decode()
    assert "Xena Outsider" in frank


def test_overdue_costs_the_same_for_few_or_many(world: World) -> None:
    client = client_for(world.carol)
    for a in _drafts(world, 2):
        _age(a, 10)
    few = _queries(client, reverse("registration:overdue"))
    for a in _drafts(world, 10):
        _age(a, 10)
    assert _queries(client, reverse("registration:overdue")) == few


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_field_officials_supervise_nobody(world: World, who: str) -> None:
    assert client_for(getattr(world, who)).get(reverse("registration:overdue")).status_code == 403
