from pathlib import Path

import pytest

from geography.models import Area, District, LocalBody, Village
from geography.services import geography_import
from tests.geography.csvs import ROWS, write_geography


@pytest.mark.django_db
def test_it_updates_names_on_reimport_without_duplicating(tmp_path: Path) -> None:
    # given: the geography is imported once
    geography_import(write_geography(tmp_path))
    counts = (District.objects.count(), Area.objects.count(), Village.objects.count())

    # when: the same codes come again with corrected names
    paths = write_geography(
        tmp_path,
        districts=["413,Bhopal District,भोपाल ज़िला,2301"],
        areas=["130001,Barkheda Nathu GP,बरखेड़ा नाथू ग्राम पंचायत,GP,6701", *ROWS["areas"][1:]],
    )
    report = geography_import(paths)

    # then
    assert report.rejected == []
    assert report.created["district"] == 0
    assert report.updated == {
        "state": 0,
        "division": 0,
        "district": 1,
        "local_body": 0,
        "area": 1,
        "village": 0,
    }
    district = District.objects.get(lgd_code="413")
    assert (district.name_en, district.name_hi) == ("Bhopal District", "भोपाल ज़िला")
    assert Area.objects.get(lgd_code="130001").name_hi == "बरखेड़ा नाथू ग्राम पंचायत"
    assert (District.objects.count(), Area.objects.count(), Village.objects.count()) == counts


@pytest.mark.django_db
def test_it_moves_a_record_to_its_new_parent_on_reimport(tmp_path: Path) -> None:
    # given
    geography_import(write_geography(tmp_path))

    # when: a village now belongs to the other GP
    villages = [*ROWS["villages"][:2], "482003,Intkhedi,ईंटखेड़ी,130001"]
    geography_import(write_geography(tmp_path, villages=villages))

    # then
    assert Village.objects.get(lgd_code="482003").area == Area.objects.get(lgd_code="130001")
    assert LocalBody.objects.count() == 2
