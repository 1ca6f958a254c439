"""The work list reads each kind's rows and total in one query; overdue sums its areas' counts
(and counts apart only when the areas fill the table); both say the same totals as before."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from geography.models import Area
from registration import accountability
from registration.accountability import HeldWork, overdue_for, row_url, work_held_by
from registration.models import Application
from tests.conftest import World, client_for
from tests.registration import builders


def _drafts(world: World, n: int, area: Area | None = None) -> list[Application]:
    return [
        builders.draft(world.alice, area or world.a1, [builders.head(mobile="")]) for _ in range(n)
    ]


def _age(applications: list[Application], days: int) -> None:
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        held_since=timezone.now() - timedelta(days=days)
    )


def _applications(held: list[HeldWork]) -> HeldWork:
    return next(h for h in held if h.kind.key == "application")


@pytest.mark.parametrize("limit", [100, 2])
def test_the_work_list_total_counts_every_item_held_even_past_the_rows_shown(
    world: World, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(accountability, "ROW_LIMIT", limit)
    drafts = _drafts(world, 3)

    held = _applications(work_held_by(world.alice))

    assert held.total == 3
    assert [r.title for r in held.rows] == [a.number for a in drafts][:limit]
    assert _applications(work_held_by(world.bob)).total == 0


def test_the_work_list_page_says_the_total_and_links_each_record(world: World) -> None:
    drafts = _drafts(world, 2)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"

    body = client.get(reverse("registration:work_list")).content.decode()

    assert "Registrations (2)" in body
    for a in drafts:
        assert f'href="{reverse("registration:detail", args=[a.number])}"' in body


@pytest.mark.parametrize("limit", [100, 1])
def test_the_overdue_total_is_the_same_when_the_areas_fill_the_table(
    world: World, settings: object, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    settings.OVERDUE_DAYS_APPLICATION = 7  # type: ignore[attr-defined]
    _age(_drafts(world, 2, world.a1) + _drafts(world, 1, world.a2), 10)
    _drafts(world, 1)  # recent: not overdue
    monkeypatch.setattr(accountability, "ROW_LIMIT", limit)

    overdue = next(o for o in overdue_for(world.carol) if o.kind.key == "application")

    assert overdue.total == 3
    assert len(overdue.per_area) == min(limit, 2)


@pytest.mark.parametrize("number", ["R260101123456", "a b", "ग१"])
def test_a_row_url_is_what_reverse_gives(number: str) -> None:
    assert row_url("registration:detail", number) == reverse("registration:detail", args=[number])
