"""Requests waiting longer than SAMAGRA_OVERDUE_DAYS_MIGRATION show as overdue to supervisors."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from migration.models import MigrationRequest, MigrationStatus
from migration.selectors import migration_overdue_counts
from tests.conftest import client_for
from tests.migration.support import Mig, submit


def _age(request: MigrationRequest, days: int) -> None:
    MigrationRequest.objects.filter(pk=request.pk).update(
        held_since=request.held_since - timedelta(days=days)
    )


def test_overdue_requests_are_counted_per_official_and_area(mig: Mig, settings: Any) -> None:
    settings.MIGRATION_OVERDUE_DAYS = 7
    request = submit(mig)
    assert migration_overdue_counts(mig.world.carol).total == 0
    _age(request, 8)
    for supervisor in (mig.world.carol, mig.world.erin, mig.world.sam):
        counts = migration_overdue_counts(supervisor)
        assert counts.total == 1
        assert counts.by_official[0]["holder__user_id"] == "bob"
    # outside the jurisdiction nothing shows
    assert migration_overdue_counts(mig.world.dave).total == 0
    assert migration_overdue_counts(mig.world.frank).total == 0
    page = client_for(mig.world.carol).get(reverse("migration:overdue"))
    assert page.status_code == 200 and "bob" in page.content.decode()


def test_field_officials_do_not_open_the_overdue_page(mig: Mig) -> None:
    assert client_for(mig.world.bob).get(reverse("migration:overdue")).status_code == 403


@pytest.mark.django_db
def test_the_demo_has_a_pending_request_for_the_demo_ward_official() -> None:
    call_command("seed_demo")
    request = MigrationRequest.objects.get(number="MIG-2026-DEMO2345")
    assert request.status == MigrationStatus.PENDING
    assert request.holder is not None and request.holder.user_id == "demo.ward"
    assert request.documents.count() == 1


def test_migration_requests_are_on_the_work_list_and_overdue_page(mig: Mig, settings: Any) -> None:
    settings.MIGRATION_OVERDUE_DAYS = 7
    request = submit(mig)
    holder = client_for(request.holder)
    assert request.number in holder.get(reverse("registration:work_list")).content.decode()
    _age(request, 8)
    page = client_for(mig.world.sam).get(reverse("registration:overdue")).content.decode()
    assert request.holder.user_id in page
