"""Every bad row is reported with file:line and reason, and then nothing at all is written."""

from pathlib import Path

import pytest
from django.utils import translation

from geography.models import Area, District, Division, LocalBody, State, Village
from geography.services import geography_import
from tests.geography.csvs import ROWS, write_geography


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (State, Division, District, LocalBody, Area, Village))


BAD_ROWS = {
    "unknown parent code": (
        {"areas": [*ROWS["areas"], "130009,Nowhere,कहीं नहीं,GP,9999"]},
        "5_areas.csv:6",
        "Unknown parent code 9999",
    ),
    "duplicate code": (
        {"villages": [*ROWS["villages"], "482001,Again,फिर से,130001"]},
        "6_villages.csv:5",
        "appears twice",
    ),
    "missing Hindi name": (
        {"districts": ["413,Bhopal,,2301"]},
        "3_districts.csv:2",
        "Hindi name are required",
    ),
    "non-digit code": (
        {"local_bodies": [*ROWS["local_bodies"], "67O2,Berasia,बैरसिया,JP,413"]},
        "4_local_bodies.csv:4",
        "not an LGD code",
    ),
    "code in Devanagari digits": (
        {"districts": [*ROWS["districts"], "४१४,Raisen,रायसेन,2301"]},
        "3_districts.csv:3",
        "not an LGD code",
    ),
    "GP under an urban body": (
        {"areas": [*ROWS["areas"], "130010,Bad GP,गलत पंचायत,GP,248101"]},
        "5_areas.csv:6",
        "has areas of type Ward only",
    ),
    "ward under a Janpad": (
        {"areas": [*ROWS["areas"], "900109,Bad Ward,गलत वार्ड,WARD,6701"]},
        "5_areas.csv:6",
        "has areas of type Gram Panchayat only",
    ),
    "village under a ward": (
        {"villages": [*ROWS["villages"], "482010,Ward Village,वार्ड गाँव,900101"]},
        "6_villages.csv:5",
        "Villages belong to Gram Panchayats",
    ),
    "unknown local body type": (
        {"local_bodies": [*ROWS["local_bodies"], "6799,Odd,अजीब,XX,413"]},
        "4_local_bodies.csv:4",
        "Unknown local body type",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_it_rejects_the_bad_row_and_imports_nothing(
    tmp_path: Path, case: tuple[dict[str, list[str]], str, str]
) -> None:
    # given: otherwise valid files with one bad row
    rows, where, reason = case
    paths = write_geography(tmp_path, **rows)

    # when
    with translation.override("en"):
        report = geography_import(paths)

    # then: the bad row is named, and not one row of any file was written
    assert [str(r) for r in report.rejected if str(r).startswith(f"{where}:")], report.rejected
    assert any(reason in r.reason for r in report.rejected), report.rejected
    assert _counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_it_names_the_wrong_area_type_in_the_rejection(tmp_path: Path) -> None:
    # given: a GP under a Nagar Nigam
    paths = write_geography(tmp_path, areas=[*ROWS["areas"], "130010,Bad GP,गलत पंचायत,GP,248101"])

    # when
    with translation.override("en"):
        report = geography_import(paths)

    # then
    assert [str(r) for r in report.rejected] == [
        "5_areas.csv:6: A Nagar Nigam has areas of type Ward only."
    ]


@pytest.mark.django_db
def test_it_reports_every_bad_row_not_just_the_first(tmp_path: Path) -> None:
    # given: two bad rows in two files
    paths = write_geography(
        tmp_path,
        districts=["413,Bhopal,भोपाल,2301", "4l4,Raisen,रायसेन,2301"],
        villages=[*ROWS["villages"], "482011,Lost,खोया,999999"],
    )

    # when
    report = geography_import(paths)

    # then
    assert sorted((r.file, r.line) for r in report.rejected) == [
        ("3_districts.csv", 3),
        ("6_villages.csv", 5),
    ]


@pytest.mark.django_db
def test_it_changes_nothing_already_imported_when_a_reimport_has_a_bad_row(
    tmp_path: Path,
) -> None:
    # given: an imported geography
    geography_import(write_geography(tmp_path))
    before = _counts()

    # when: a re-import renames a district but also has a bad row
    report = geography_import(
        write_geography(
            tmp_path,
            districts=["413,Renamed,नया नाम,2301"],
            villages=[*ROWS["villages"], "482012,Bad,,130001"],
        )
    )

    # then
    assert len(report.rejected) == 1
    assert _counts() == before
    assert District.objects.get(lgd_code="413").name_en == "Bhopal"


@pytest.mark.django_db
def test_it_rejects_a_file_with_an_unknown_header(tmp_path: Path) -> None:
    # given
    paths = write_geography(tmp_path)
    odd = tmp_path / "7_hamlets.csv"
    odd.write_text("hamlet_code,hamlet_name_en,hamlet_name_hi\n1,A,अ\n", encoding="utf-8")

    # when
    with translation.override("en"):
        report = geography_import([*paths, odd])

    # then
    assert len(report.rejected) == 1
    assert str(report.rejected[0]).startswith("7_hamlets.csv:1: Unknown file")
    assert _counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_it_rejects_a_file_with_a_missing_column(tmp_path: Path) -> None:
    # given: the area file lacks area_type
    paths = write_geography(tmp_path)
    paths[4].write_text(
        "area_code,area_name_en,area_name_hi,local_body_code\n130001,A,अ,6701\n", encoding="utf-8"
    )

    # when
    with translation.override("en"):
        report = geography_import(paths)

    # then
    assert [str(r) for r in report.rejected] == ["5_areas.csv:1: Missing columns: area_type"]
    assert _counts() == (0, 0, 0, 0, 0, 0)
