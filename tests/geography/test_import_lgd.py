"""import_geography reads the Local Government Directory's published CSV downloads (their
headers, in any case and spacing), alone or with the project's own format."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from geography.models import Area, District, LocalBody, State, Village
from geography.services import geography_import

LGD = {
    "1_states.csv": [
        "S.No.,State Code,State Version,State Name (In English),State Name (In Local),Census 2011 Code",
        "1,23,2,MADHYA PRADESH,मध्य प्रदेश,23",
    ],
    "2_divisions.csv": [  # not in the LGD: the project's own columns
        "division_code,division_name_en,division_name_hi,state_code",
        "2301,Bhopal,भोपाल,23",
    ],
    "3_districts.csv": [
        "S.No.,State Code,State Name (In English),District Code,District Name (In English),"
        "District Name (In Local),Census 2011 Code,Division Code",
        "1,23,MADHYA PRADESH,413,BHOPAL,भोपाल,444,2301",
    ],
    "4_pri.csv": [
        "S.No.,Local Body Code,Local Body Version,Local Body Name (IN English),"
        "Local Body Name (In Local),Local Body Type Code,Local Body Type Name,"
        "Intermediate/Block Panchayat Code,District Panchayat Code,State Code,District Code",
        "1,5001,1,BHOPAL,भोपाल,1,District Panchayat,,,23,413",
        "2,6701,1,PHANDA,फंदा,2,Intermediate Panchayat,,5001,23,413",
        "3,130001,1,BARKHEDA NATHU,बरखेड़ा नाथू,3,Village Panchayat,6701,5001,23,413",
        "4,130002,1,INTKHEDI,ईंटखेड़ी,3,Village Panchayat,6701,5001,23,413",
    ],
    "5_ulbs.csv": [
        "S.No.,State Code,Localbody Type Code,Localbody Type Name,Local Body Code,"
        "Local Body Name (In English),Local Body Name (In Local),District Code",
        "1,23,1,Municipal Corporation,248101,BHOPAL,नगर निगम भोपाल,413",
    ],
    "6_wards.csv": [
        "S.No.,State Code,Local Body Code,Ward Code,Ward Number,Ward Name (In English),"
        "Ward Name (In Local)",
        "1,23,248101,900101,1,WARD 1,वार्ड 1",
        "2,23,248101,900102,2,WARD 2,वार्ड 2",
    ],
    "7_villages.csv": [
        " state code ,DISTRICT CODE,Sub-District Code,Subdistrict Name (In English), Village Code ,"
        "VILLAGE NAME (IN ENGLISH),Village Name (In Local language),Local Body Code,"
        "Local Body Name (In English)",
        "23,413,3550,HUZUR,482001,BARKHEDA NATHU,बरखेड़ा नाथू,130001,BARKHEDA NATHU",
        "23,413,3550,HUZUR,482002,KALAPANI,कालापानी,130001,BARKHEDA NATHU",
        "23,413,3550,HUZUR,482003,INTKHEDI,ईंटखेड़ी,130002,INTKHEDI",
    ],
}


def _write(folder: Path, **changes: list[str]) -> list[Path]:
    paths = []
    for name, lines in LGD.items():
        path = folder / name
        rows = [lines[0], *changes.get(name.split("_", 1)[1].removesuffix(".csv"), lines[1:])]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.django_db
def test_lgd_downloads_are_imported_with_their_hierarchy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path)

    call_command("import_geography", str(tmp_path), "--language", "en")  # exit status 0

    assert State.objects.get().name_hi == "मध्य प्रदेश"
    assert District.objects.get(lgd_code="413").division.lgd_code == "2301"
    assert dict(LocalBody.objects.values_list("lgd_code", "kind")) == {
        "6701": "JP",
        "248101": "NN",
    }
    assert set(Area.objects.values_list("lgd_code", "kind", "local_body__lgd_code")) == {
        ("130001", "GP", "6701"),
        ("130002", "GP", "6701"),
        ("900101", "WARD", "248101"),
        ("900102", "WARD", "248101"),
    }
    village = Village.objects.get(lgd_code="482002")
    assert (village.name_en, village.name_hi, village.area.lgd_code) == (
        "KALAPANI",
        "कालापानी",
        "130001",
    )
    out = capsys.readouterr().out
    assert "7 file(s), 13 row(s) read, 0 rejected, 1 skipped." in out
    assert "4_pri.csv:2: District Panchayat: not stored" in out
    assert "Geography imported." in out


@pytest.mark.django_db
def test_bad_lgd_rows_are_named_and_nothing_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _write(
        tmp_path,
        pri=[*LGD["4_pri.csv"][1:], "5,6702,1,ODD,अजीब,9,Cantonment Board,,5001,23,413"],
        villages=[
            *LGD["7_villages.csv"][1:],
            "23,413,3550,HUZUR,482010,WARD VILLAGE,वार्ड गाँव,900101,WARD 1",
            "23,413,3550,HUZUR,482011,NO HINDI,,130001,BARKHEDA NATHU",
        ],
    )

    with pytest.raises(CommandError, match="row") as raised:
        call_command("import_geography", *map(str, paths), "--language", "en")

    assert raised.value.returncode == 1
    captured = capsys.readouterr()
    assert "4_pri.csv:6: Unknown LGD local body type 'Cantonment Board'." in captured.err
    assert "7_villages.csv:5: Villages belong to Gram Panchayats, not to wards." in captured.err
    assert "7_villages.csv:6: Both the English and the Hindi name are required." in captured.err
    assert "First rejected rows:" in captured.out
    assert (State.objects.count(), LocalBody.objects.count(), Village.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_an_lgd_file_without_the_parent_column_is_refused(tmp_path: Path) -> None:
    villages = tmp_path / "villages.csv"
    villages.write_text(
        "Village Code,Village Name (In English),Village Name (In Local),Sub-District Code\n"
        "482001,BARKHEDA NATHU,बरखेड़ा नाथू,3550\n",
        encoding="utf-8",
    )
    with translation.override("en"):
        report = geography_import([villages])
    assert [str(r) for r in report.rejected] == ["villages.csv:1: Missing columns: Local Body Code"]


@pytest.mark.django_db
def test_a_missing_path_exits_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("import_geography", str(tmp_path / "missing.csv"))
    assert raised.value.returncode == 2
