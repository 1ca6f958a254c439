"""Supervisors' report: migration requests by status, type and district over a period, as a
page and as CSV, within their jurisdiction only."""

from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from migration.reports import migration_report
from tests.conftest import client_for
from tests.migration.support import Mig, submit


def test_requests_are_counted_by_district_type_and_status(mig: Mig, settings: Any) -> None:
    submit(mig)
    today = timezone.localdate()
    with translation.override("en"):
        rows = migration_report(mig.world.sam, date_from=today, date_to=today)
        assert [(r.district, r.count) for r in rows] == [(mig.world.d_a.name_en, 1)]
        assert rows[0].status == "Waiting for the decision of the new area"
        # another district's officer sees none of it
        assert migration_report(mig.world.frank, date_from=today, date_to=today) == []


def test_the_report_downloads_as_csv(mig: Mig) -> None:
    submit(mig)
    client = client_for(mig.world.erin)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("migration:report") + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "District,Type,Status,Requests"
    assert lines[1].startswith(mig.world.d_a.name_en) and lines[1].endswith(",1")
    page = client.get(reverse("migration:report"))
    assert mig.world.d_a.name_en in page.content.decode()


def test_field_officials_get_no_report(mig: Mig) -> None:
    assert client_for(mig.world.alice).get(reverse("migration:report")).status_code == 403


def test_a_period_ending_before_it_starts_is_refused(mig: Mig) -> None:
    client = client_for(mig.world.carol)
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("migration:report"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "The end of the period is before its start." in response.content.decode()
