"""Eligibility lists: asked for over the API, written by the worker (the immediate backend
here), downloaded until they expire; every family written logged as read."""

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from api import export_files, exports
from api.models import ApiExport, ApiRead, ExportStatus
from api.services import Credentials
from identity.models import AadhaarVaultEntry, MemberEkyc
from registry.models import Gender, MaritalStatus, Member, MemberStatus
from tests import factories as f
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def export_dir(settings: Any, tmp_path: Path) -> Path:
    """Export files in a directory of the test's own."""
    folder = tmp_path / "api-exports"
    storages = dict(django_settings.STORAGES)
    storages["api_exports"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder), "base_url": None},
    }
    settings.STORAGES = storages
    return folder


def _years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return exports._years_before(today, years) - timedelta(days=days)


class People:
    """family_a1 (district d_a): its head (no date of birth), an old widow, a man of 65 known
    only by his year of birth, a disabled woman of 40, a deceased widow and a retired ID.
    family_b1 (d_a): its head and a child of three. family_x1 (d_x): its head and an old
    widow of the other district."""

    def __init__(self, world: World) -> None:
        a1, b1, x1 = world.family_a1, world.family_b1, world.family_x1
        self.widow = f.MemberFactory(
            family=a1,
            name_en="Kamla Bai",
            gender=Gender.FEMALE,
            relation="MOTHER",
            marital_status=MaritalStatus.WIDOWED,
            date_of_birth=_years_ago(70),
        )
        self.by_year = f.MemberFactory(
            family=a1, relation="FATHER", birth_year=timezone.localdate().year - 65
        )
        self.disabled = f.MemberFactory(
            family=a1,
            gender=Gender.FEMALE,
            relation="SPOUSE",
            marital_status=MaritalStatus.MARRIED,
            date_of_birth=_years_ago(40),
            has_disability=True,
            disability_kind="Locomotor",
        )
        f.MemberFactory(
            family=a1,
            gender=Gender.FEMALE,
            relation="OTHER",
            marital_status=MaritalStatus.WIDOWED,
            date_of_birth=_years_ago(80),
            is_deceased=True,
            date_of_death=date(2024, 1, 1),
        )
        f.MemberFactory(
            family=a1,
            relation="OTHER",
            date_of_birth=_years_ago(75),
            status=MemberStatus.MERGED,
            merged_into=self.by_year,
        )
        self.child = f.MemberFactory(family=b1, relation="SON", date_of_birth=_years_ago(3))
        f.MemberFactory(
            family=x1,
            gender=Gender.FEMALE,
            relation="MOTHER",
            marital_status=MaritalStatus.WIDOWED,
            date_of_birth=_years_ago(72),
        )
        self.head_a1 = a1.members.get(relation="HEAD")
        self.head_b1 = b1.members.get(relation="HEAD")


@pytest.fixture
def people(world: World) -> People:
    return People(world)


def _export(
    api: Api, capture: Callable[..., Any], criteria: dict[str, Any], fmt: str = "csv"
) -> Any:
    """Ask for an export; the worker (immediate) writes it when the request commits."""
    with capture(execute=True):
        response = api.post("/exports", {"purpose": PURPOSE, "format": fmt, "criteria": criteria})
    return response


def _csv_rows(api: Api, export_id: str) -> tuple[bytes, list[dict[str, str]]]:
    response = api.get(f"/exports/{export_id}/file")
    assert response.status_code == 200, response.content
    content = b"".join(response.streaming_content)
    return content, list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _client(world: World, **kwargs: Any) -> Credentials:
    kwargs.setdefault("districts", [world.d_a])
    return register(world.sam, **kwargs)


def test_a_csv_export_has_a_bom_and_the_members_aged_sixty_and_over(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    response = _export(api, django_capture_on_commit_callbacks, {"min_age": 60})
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued"
    assert response["Location"] == body["status_url"]
    content, rows = _csv_rows(api, body["id"])
    assert content.startswith(BOM)
    # The living, in use, of the client's district; the year of birth counts when no date.
    assert [r["member_id"] for r in rows] == [people.widow.member_id, people.by_year.member_id]
    widow = rows[0]
    assert widow["family_id"] == world.family_a1.family_id
    assert widow["district_lgd"] == world.d_a.lgd_code
    assert widow["local_body_lgd"] == world.lb_a.lgd_code
    assert widow["status"] == "active"
    assert widow["name_en"] == "Kamla Bai"
    assert widow["has_disability"] == "false"


def test_the_download_is_an_attachment_of_the_right_type(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    response = api.get(f"/exports/{export_id}/file")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert f"samagra-export-{export_id}.csv" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"marital_status": ["WIDOWED"]}, ["widow"]),
        ({"has_disability": True}, ["disabled"]),
        ({"max_age": 5}, ["child"]),
        ({"min_age": 40, "max_age": 40}, ["disabled"]),
        ({"gender": ["F"], "min_age": 18}, ["widow", "disabled"]),
        ({"children_under_six": True}, ["head_b1", "child"]),
        ({"marital_status": ["WIDOWED"], "living_only": False}, ["widow", "deceased"]),
    ],
)
def test_the_criteria_select_the_members(
    world: World,
    people: People,
    django_capture_on_commit_callbacks: Any,
    criteria: dict[str, Any],
    expected: list[str],
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, criteria).json()["id"]
    _content, rows = _csv_rows(api, export_id)
    deceased = Member.objects.get(is_deceased=True, family=world.family_a1)
    wanted = [deceased if n == "deceased" else getattr(people, n) for n in expected]
    assert sorted(r["member_id"] for r in rows) == sorted(m.member_id for m in wanted)


def test_an_area_narrows_the_list_to_a_local_body(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world, statewide=True, districts=[]))
    export_id = _export(
        api, django_capture_on_commit_callbacks, {"local_body": world.lb_x.lgd_code}
    ).json()["id"]
    _content, rows = _csv_rows(api, export_id)
    assert {r["family_id"] for r in rows} == {world.family_x1.family_id}
    assert len(rows) == 2


def test_a_parquet_export_holds_the_same_rows(
    world: World, people: People, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    # Small chunks and row groups: several of each, the same rows.
    monkeypatch.setattr(exports, "FAMILIES_PER_CHUNK", 1)
    monkeypatch.setattr(export_files, "PARQUET_ROW_GROUP", 2)
    api = Api(_client(world))
    csv_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    parquet_id = _export(api, django_capture_on_commit_callbacks, {}, "parquet").json()["id"]
    _content, rows = _csv_rows(api, csv_id)
    response = api.get(f"/exports/{parquet_id}/file")
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    parquet = pq.ParquetFile(io.BytesIO(b"".join(response.streaming_content)))
    assert parquet.metadata.num_row_groups > 1
    table = parquet.read().to_pylist()
    assert [r["member_id"] for r in table] == [r["member_id"] for r in rows]
    assert len(table) == 6  # a1: head, widow, by_year, disabled; b1: head, child
    widow = next(r for r in table if r["member_id"] == people.widow.member_id)
    assert widow["date_of_birth"] == people.widow.date_of_birth
    assert widow["deceased"] is False
    assert widow["marital_status"] == "WIDOWED"


def test_only_the_granted_field_groups_are_columns_and_never_an_aadhaar(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    entry = AadhaarVaultEntry.objects.create(
        token="t" * 40,
        key_id="k",
        nonce=b"0" * 12,
        ciphertext=b"secret",
        lookup_hash="h" * 64,
        last4="1234",
    )
    MemberEkyc.objects.create(member=people.widow, vault_entry=entry, method="otp")
    api = Api(_client(world, scopes=["export", "identity", "ekyc"]))
    export_id = _export(api, django_capture_on_commit_callbacks, {"min_age": 60}).json()["id"]
    _content, rows = _csv_rows(api, export_id)
    assert list(rows[0]) == [
        "member_id",
        "family_id",
        "status",
        "district_lgd",
        "local_body_lgd",
        "name_en",
        "name_hi",
        "gender",
        "date_of_birth",
        "birth_year",
        "father_or_husband_name",
        "deceased",
        "date_of_death",
        "ekyc_done",
        "ekyc_verified_on",
        "aadhaar_last4",
    ]
    widow = next(r for r in rows if r["member_id"] == people.widow.member_id)
    assert (widow["ekyc_done"], widow["aadhaar_last4"]) == ("true", "1234")
    other = next(r for r in rows if r["member_id"] == people.by_year.member_id)
    assert (other["ekyc_done"], other["aadhaar_last4"]) == ("false", "")


def test_a_criterion_of_a_group_not_granted_is_refused(world: World, people: People) -> None:
    api = Api(_client(world, scopes=["export", "identity"]))
    response = api.post("/exports", {"purpose": PURPOSE, "criteria": {"has_disability": True}})
    assert response.status_code == 403
    assert response.json()["code"] == "scope-not-granted"
    assert not ApiExport.objects.exists()


def test_a_client_without_the_export_scope_is_refused(world: World) -> None:
    api = Api(_client(world, scopes=["identity"]))
    response = api.post("/exports", {"purpose": PURPOSE})
    assert response.status_code == 403
    assert response.json()["code"] == "scope-not-granted"
    assert api.get("/exports").status_code == 403


def test_an_area_outside_the_clients_districts_is_refused(world: World) -> None:
    api = Api(_client(world))
    for criteria in ({"district": world.d_x.lgd_code}, {"local_body": world.lb_x.lgd_code}):
        response = api.post("/exports", {"purpose": PURPOSE, "criteria": criteria})
        assert response.status_code == 403, criteria
        assert response.json()["code"] == "outside-areas"
    assert not ApiExport.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {"purpose": PURPOSE, "criteria": {"caste": "SC"}},
        {"purpose": PURPOSE, "colour": "red"},
        {"purpose": PURPOSE, "format": "xlsx"},
        {"purpose": PURPOSE, "criteria": {"marital_status": ["widow"]}},
        {"purpose": PURPOSE, "criteria": {"min_age": -1}},
    ],
)
def test_an_unknown_or_malformed_criterion_is_400(world: World, body: dict[str, Any]) -> None:
    api = Api(_client(world))
    response = api.post("/exports", body)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid-request"
    assert not ApiExport.objects.exists()


def test_an_unknown_lgd_code_is_400_in_hindi(world: World) -> None:
    api = Api(_client(world), language="hi")
    response = api.post("/exports", {"purpose": PURPOSE, "criteria": {"district": "0000"}})
    assert response.status_code == 400
    assert any("\u0900" <= ch <= "\u097f" for ch in response.json()["detail"])


def test_an_unregistered_purpose_is_refused(world: World) -> None:
    api = Api(_client(world))
    response = api.post("/exports", {"purpose": "fishing"})
    assert response.status_code == 403
    assert response.json()["code"] == "purpose-not-registered"


def test_another_clients_export_is_not_found(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    other = Api(_client(world, statewide=True, districts=[]))
    for path in (f"/exports/{export_id}", f"/exports/{export_id}/file"):
        response = other.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not-found"
    assert other.get("/exports").json()["items"] == []


def test_a_queued_export_is_not_ready(world: World, people: People) -> None:
    api = Api(_client(world))
    # No commit callbacks run here: the task is not run, the export stays queued.
    body = api.post("/exports", {"purpose": PURPOSE}).json()
    status = api.get(f"/exports/{body['id']}").json()
    assert status["status"] == "queued"
    assert status["download_url"] is None
    assert status["progress"] == {"rows_done": 0, "rows_total": None, "percent": None}
    response = api.get(f"/exports/{body['id']}/file")
    assert response.status_code == 409
    assert response.json()["code"] == "export-not-ready"


def test_an_export_is_gone_once_expired(
    world: World, people: People, django_capture_on_commit_callbacks: Any, export_dir: Path
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    export = ApiExport.objects.get(public_id=export_id)
    assert (export_dir / export.file_name).exists()
    ApiExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    # Past its time, before the sweep: refused already.
    assert api.get(f"/exports/{export_id}").json()["status"] == "expired"
    assert api.get(f"/exports/{export_id}/file").status_code == 410
    assert exports.exports_expire() == 1
    assert exports.exports_expire() == 0
    export.refresh_from_db()
    assert export.status == ExportStatus.EXPIRED
    assert not (export_dir / export.file_name).exists()
    response = api.get(f"/exports/{export_id}/file")
    assert response.status_code == 410
    assert response.json()["code"] == "export-expired"


def test_a_finished_export_keeps_for_the_configured_hours(
    world: World, people: People, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.API_EXPORT_KEEP_HOURS = 5
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    export = ApiExport.objects.get(public_id=export_id)
    assert export.finished_at is not None and export.expires_at is not None
    assert export.expires_at - export.finished_at == timedelta(hours=5)
    assert exports.exports_expire() == 0


def test_every_family_written_is_logged_as_read(
    world: World, people: People, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(exports, "FAMILIES_PER_CHUNK", 1)
    api = Api(_client(world, scopes=["export", "identity", "social"]))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    reads = {r.family_id: r for r in ApiRead.objects.all()}
    assert set(reads) == {world.family_a1.family_id, world.family_b1.family_id}
    a1 = reads[world.family_a1.family_id]
    assert a1.member_ids == [
        m.member_id for m in (people.head_a1, people.widow, people.by_year, people.disabled)
    ]
    assert (a1.operation, a1.purpose, a1.scopes, a1.request_id) == (
        "export",
        PURPOSE,
        ["identity", "social"],
        export_id,
    )


def test_the_progress_is_shown(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {"min_age": 18}).json()["id"]
    status = api.get(f"/exports/{export_id}").json()
    assert status["status"] == "done"
    assert status["progress"] == {"rows_done": 3, "rows_total": 3, "percent": 100.0}
    assert status["download_url"].endswith(f"/api/v1/exports/{export_id}/file")
    assert status["file_size"] > 0
    assert status["criteria"] == {"min_age": 18, "living_only": True}


def test_a_failed_export_says_so_without_personal_data(
    world: World, people: People, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Iterator[Any]:
        raise RuntimeError(people.widow.name_en)

    monkeypatch.setattr(exports, "_rows", broken)
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    export = ApiExport.objects.get(public_id=export_id)
    assert (export.status, export.error) == (ExportStatus.FAILED, "RuntimeError")
    status = api.get(f"/exports/{export_id}").json()
    assert status["status"] == "failed"
    assert "Kamla" not in str(status)
    assert api.get(f"/exports/{export_id}/file").status_code == 409


def test_a_client_lists_its_exports_by_cursor(world: World) -> None:
    api = Api(_client(world))
    made = [api.post("/exports", {"purpose": PURPOSE}).json()["id"] for _ in range(3)]
    first = api.get("/exports", limit=2).json()
    assert [e["id"] for e in first["items"]] == made[:0:-1]
    second = api.get("/exports", limit=2, cursor=first["next_cursor"]).json()
    assert [e["id"] for e in second["items"]] == made[:1]
    assert second["next_cursor"] is None
    other = Api(_client(world))
    response = other.get("/exports", cursor=first["next_cursor"])
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-cursor"
    assert api.get("/exports", cursor="nonsense").json()["code"] == "invalid-cursor"


def test_the_expiry_command_runs(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_exports_expire", stdout=out)
    assert "Expired 0 export(s)" in out.getvalue()


def test_a_client_revoked_before_the_worker_runs_reads_nothing(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    export_id = api.post("/exports", {"purpose": PURPOSE}).json()["id"]
    export = ApiExport.objects.get(public_id=export_id)
    client = export.client
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    assert exports.export_write(export_id=export.pk) == "failed"
    export.refresh_from_db()
    assert (export.status, export.rows_total) == (ExportStatus.FAILED, None)
    assert not ApiRead.objects.exists()


def test_a_task_run_twice_writes_once(
    world: World, people: People, django_capture_on_commit_callbacks: Any
) -> None:
    api = Api(_client(world))
    export_id = _export(api, django_capture_on_commit_callbacks, {}).json()["id"]
    export = ApiExport.objects.get(public_id=export_id)
    reads = ApiRead.objects.count()
    assert exports.export_write(export_id=export.pk) == "not queued"
    assert ApiRead.objects.count() == reads
