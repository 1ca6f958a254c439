from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from geography.models import Area, Village
from tests.geography.csvs import ROWS, write_geography


@pytest.mark.django_db
def test_it_imports_a_folder_and_reports_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    write_geography(tmp_path)

    # when
    call_command("import_geography", str(tmp_path))

    # then
    out = capsys.readouterr().out
    assert "village: 3 created, 0 updated" in out
    assert Area.objects.count() == 4


@pytest.mark.django_db
def test_it_fails_and_prints_every_rejection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # given: two bad rows
    paths = write_geography(
        tmp_path,
        villages=[
            *ROWS["villages"],
            "482010,Ward Village,वार्ड गाँव,900101",
            "482001,Again,फिर से,130001",
        ],
    )

    # when
    with pytest.raises(CommandError, match="2 row"):
        call_command("import_geography", *map(str, paths))

    # then
    err = capsys.readouterr().err
    assert "6_villages.csv:5:" in err
    assert "6_villages.csv:6:" in err
    assert Area.objects.count() == 0
    assert Village.objects.count() == 0


@pytest.mark.django_db
def test_it_fails_on_a_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_geography", str(tmp_path / "missing.csv"))
