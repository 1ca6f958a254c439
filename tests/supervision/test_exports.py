"""Exports of the supervisors' lists: written by the worker (the immediate backend here), in
CSV for Excel and XLSX, one running per official and filters, shown while it runs, and given to
the official who asked only, until it expires."""

import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from api.models import ExportStatus
from audit.models import AuditEvent
from audit.services import audit_record
from registry.models import Relation
from supervision.models import ListExport
from supervision.services import list_export_write, list_exports_expire
from tests import factories as f
from tests.conftest import World, client_for
from tests.supervision.support import export

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("export_dir")]

BOM = b"\xef\xbb\xbf"
HINDI = "सीता देवी"


@pytest.fixture
def sita(world: World) -> Any:
    return f.MemberFactory(
        family=world.family_a1, relation=Relation.DAUGHTER, name_hi=HINDI, name_en="=Sita Devi"
    )


def _download(client: Any, item: ListExport) -> bytes:
    response = client.get(reverse("supervision:export_file", args=[item.public_id]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return b"".join(response.streaming_content)


def test_a_csv_has_a_bom_and_hindi_names_round_trip(
    world: World, sita: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.carol)
    item = export(client, "supervision:pending_ekyc", "", "csv", django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert item.status == ExportStatus.DONE
    body = _download(client, item)
    assert body.startswith(BOM)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    by_member = {row[1]: row for row in rows[1:]}
    assert by_member[sita.member_id][2] == HINDI
    assert by_member[sita.member_id][3] == "'=Sita Devi"  # never run as a formula
    assert world.family_x1.members.get().member_id not in by_member
    assert item.rows_total == item.rows_done == len(rows) - 1 == 3


def test_an_xlsx_reads_back_with_dates_and_hindi(
    world: World, sita: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.erin)
    item = export(
        client,
        "supervision:families",
        "local_body=" + world.lb_a.lgd_code,
        "xlsx",
        django_capture_on_commit_callbacks,
    )
    book = openpyxl.load_workbook(io.BytesIO(_download(client, item)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    by_family = {row[0]: row for row in rows[1:]}
    assert set(by_family) == {world.family_a1.family_id, world.family_b1.family_id}
    row = by_family[world.family_a1.family_id]
    assert row[1] == "रमेश कुमार" and row[3] == 2
    assert row[5].date() == timezone.localdate(world.family_a1.registered_at)


def test_the_same_export_asked_for_twice_shows_the_running_one(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.carol)
    query = "area=" + world.a1.lgd_code
    first = export(
        client, "supervision:families", query, "csv", django_capture_on_commit_callbacks, run=False
    )
    again = export(
        client, "supervision:families", query, "csv", django_capture_on_commit_callbacks, run=False
    )
    assert again.pk == first.pk and first.status == ExportStatus.QUEUED
    other = export(
        client, "supervision:families", "", "csv", django_capture_on_commit_callbacks, run=False
    )
    assert other.pk != first.pk
    # Once it is done, the same list can be asked for again.
    list_export_write(export_id=first.pk)
    later = export(
        client, "supervision:families", query, "csv", django_capture_on_commit_callbacks, run=False
    )
    assert later.pk != first.pk


def test_the_database_refuses_a_second_running_export(world: World) -> None:
    values = {
        "official": world.carol,
        "kind": "families",
        "format": "csv",
        "filters_key": "k" * 64,
        "scope_key": "s",
    }
    ListExport.objects.create(public_id="a" * 24, **values)
    with pytest.raises(IntegrityError), transaction.atomic():
        ListExport.objects.create(public_id="b" * 24, **values)
    ListExport.objects.create(public_id="c" * 24, **{**values, "status": ExportStatus.DONE})


def test_the_progress_page_reloads_itself_while_running(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.carol)
    item = export(
        client, "supervision:families", "", "csv", django_capture_on_commit_callbacks, run=False
    )
    ListExport.objects.filter(pk=item.pk).update(
        status=ExportStatus.RUNNING, rows_total=400, rows_done=100
    )
    url = reverse("supervision:export", args=[item.public_id])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response["Refresh"] == f"5; url={response.wsgi_request.path}"
    assert "100 of 400" in page and "(25%)" in page and f'href="{url}"' in page
    assert "Download the file" not in page
    list_export_write(export_id=item.pk)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Refresh" not in response
    assert "Download the file" in response.content.decode()


def test_only_the_official_who_asked_gets_the_file(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    item = export(
        client_for(world.carol),
        "supervision:families",
        "",
        "csv",
        django_capture_on_commit_callbacks,
    )
    other_lb = f.local_body_officer(world.lb_a, user_id="carol2")
    for who in (other_lb, world.erin, world.sam, world.dave):
        client = client_for(who)
        assert client.get(reverse("supervision:export", args=[item.public_id])).status_code == 404
        assert (
            client.get(reverse("supervision:export_file", args=[item.public_id])).status_code == 404
        )
    assert (
        client_for(world.alice)
        .get(reverse("supervision:export_file", args=[item.public_id]))
        .status_code
        == 403
    )


def test_the_file_is_refused_once_the_official_has_moved(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    carol = world.carol
    item = export(
        client_for(carol), "supervision:families", "", "csv", django_capture_on_commit_callbacks
    )
    carol.local_body, carol.district = world.lb_x, world.d_x
    carol.save()
    response = client_for(carol).get(reverse("supervision:export_file", args=[item.public_id]))
    assert response.status_code == 404


def test_asking_and_downloading_are_in_the_audit_log(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(world.carol)
    item = export(client, "supervision:families", "", "xlsx", django_capture_on_commit_callbacks)
    _download(client, item)
    kinds = set(
        AuditEvent.objects.filter(
            subject_id=str(item.pk), subject_type="supervision.ListExport"
        ).values_list("event_type", flat=True)
    )
    assert kinds == {"lists.export_requested", "lists.export_downloaded"}


def test_the_audit_export_reads_as_words_and_masks_numbers(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with transaction.atomic():
        audit_record(
            actor=world.bob,
            event_type="member.mobile_linked",
            subject=world.family_b1.members.get(),
            changes={"mobile": [None, "9876543210"], "note": [None, "1234 5678 9012"]},
            area=world.b1,
        )
    client = client_for(world.carol)
    item = export(
        client, "supervision:audit", "official=bob", "csv", django_capture_on_commit_callbacks
    )
    text = _download(client, item).decode("utf-8-sig")
    assert "linked a mobile number to" in text or "मोबाइल" in text
    assert "9876543210" not in text and "******3210" in text
    assert "1234 5678 9012" not in text and "XXXX-XXXX-9012" in text


def test_expired_files_are_deleted_and_no_longer_given(
    world: World, django_capture_on_commit_callbacks: Any, export_dir: Path
) -> None:
    client = client_for(world.carol)
    item = export(client, "supervision:families", "", "csv", django_capture_on_commit_callbacks)
    item.refresh_from_db()
    assert (export_dir / item.file_name).exists()
    later = timezone.now() + timedelta(hours=25)
    assert list_exports_expire(now=later) == 1
    assert not (export_dir / item.file_name).exists()
    assert client.get(reverse("supervision:export_file", args=[item.public_id])).status_code == 404
    assert list_exports_expire(now=later) == 0


def test_a_worker_that_finds_the_official_deactivated_writes_nothing(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    item = export(
        client_for(world.carol),
        "supervision:families",
        "",
        "csv",
        django_capture_on_commit_callbacks,
        run=False,
    )
    world.carol.is_active = False
    world.carol.save()
    assert list_export_write(export_id=item.pk) == "failed"
    item.refresh_from_db()
    assert item.status == ExportStatus.FAILED and not item.file_name
