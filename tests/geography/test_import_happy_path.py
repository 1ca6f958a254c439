from pathlib import Path

import pytest

from audit.models import AuditEvent
from geography.models import Area, District, Division, LocalBody, State, Village
from geography.services import geography_import
from tests.geography.csvs import write_geography


@pytest.mark.django_db
def test_it_imports_every_level_with_its_parents(tmp_path: Path) -> None:
    # given: a valid set of LGD-style files
    paths = write_geography(tmp_path)

    # when
    report = geography_import(paths)

    # then
    assert report.rejected == []
    assert report.created == {
        "state": 1,
        "division": 1,
        "district": 1,
        "local_body": 2,
        "area": 4,
        "village": 3,
    }
    assert State.objects.get().name_hi == "मध्य प्रदेश"
    assert Division.objects.get(lgd_code="2301").state.lgd_code == "23"
    assert District.objects.get(lgd_code="413").division.lgd_code == "2301"
    janpad = LocalBody.objects.get(lgd_code="6701")
    assert (janpad.kind, janpad.district.lgd_code) == (LocalBody.Kind.JANPAD_PANCHAYAT, "413")
    assert LocalBody.objects.get(lgd_code="248101").kind == LocalBody.Kind.NAGAR_NIGAM
    gp = Area.objects.get(lgd_code="130001")
    assert (gp.kind, gp.local_body_id) == (Area.Kind.GRAM_PANCHAYAT, janpad.pk)
    assert Area.objects.get(lgd_code="900101").kind == Area.Kind.WARD
    assert sorted(gp.villages.values_list("name_en", flat=True)) == ["Barkheda Nathu", "Kalapani"]
    assert Village.objects.get(lgd_code="482003").area.lgd_code == "130002"


@pytest.mark.django_db
def test_it_records_the_import_in_the_audit_log(tmp_path: Path) -> None:
    # given
    paths = write_geography(tmp_path)

    # when
    geography_import(paths)

    # then
    event = AuditEvent.objects.get(event_type="geography.imported")
    assert event.actor is None
    assert event.changes["village"] == [None, 3]


@pytest.mark.django_db
def test_it_finds_parents_already_in_the_database(tmp_path: Path) -> None:
    # given: the upper levels were imported before
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    geography_import(write_geography(first))
    paths = write_geography(second, villages=["482009,Neelbad,नीलबड़,130002"])

    # when: only the village file is imported again
    report = geography_import([paths[-1]])

    # then
    assert report.rejected == []
    assert Village.objects.get(lgd_code="482009").area.lgd_code == "130002"
