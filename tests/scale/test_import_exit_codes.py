"""import_register tells the truth: its exit status and its closing summary."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from registry.models import Family
from scale.import_summary import reason_of
from tests.scale.conftest import read, write

pytestmark = pytest.mark.django_db


def _command(state: Path, *extra: str) -> None:
    call_command(
        "import_register",
        str(state / "families.csv"),
        str(state / "members.csv"),
        "--batch-size",
        "50",
        "--language",
        "en",
        "--workers",
        "0",
        "--quiet-progress",
        *extra,
    )


def test_all_good_rows_exit_0_with_a_summary(
    geography: None, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families = len(read(state / "families.csv")) - 1
    members = len(read(state / "members.csv")) - 1

    _command(state)  # no CommandError: exit status 0

    out = capsys.readouterr().out
    assert f"read: {families} families, {members} members" in out
    assert f"loaded now: {families} families, {members} members" in out
    assert "rejected: 0 rows" in out
    assert "batches: 3 loaded, 0 skipped (done by an earlier run), 0 not loaded" in out
    assert "Every row read is in the register." in out


def test_mixed_good_and_bad_rows_exit_1_and_the_summary_counts_them_by_reason(
    geography: None, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families = read(state / "families.csv")
    families[60][1] = "999999"  # batch 2
    families[61][1] = "888888"  # batch 2, the same reason with another value
    write(state / "families.csv", families)

    with pytest.raises(CommandError, match="2 rows rejected and not loaded") as raised:
        _command(state)

    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "rejected: 2 rows" in out
    assert "batches: 2 loaded, 0 skipped (done by an earlier run), 1 not loaded" in out
    assert "batches not loaded because of a rejected row: 2" in out
    assert "  2 rows: Unknown area code …." in out
    assert "      families.csv:61: Unknown area code '999999'." in out
    assert "      families.csv:62: Unknown area code '888888'." in out
    assert Family.objects.count() == len(families) - 1 - 50


def test_nothing_loaded_exits_2(
    geography: None, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    families = read(state / "families.csv")
    for batch_start in (1, 51, 101):  # one bad row in every batch
        families[batch_start][1] = "999999"
    write(state / "families.csv", families)

    with pytest.raises(CommandError, match="Nothing was loaded: 3 rows rejected") as raised:
        _command(state)

    assert raised.value.returncode == 2
    assert not Family.objects.exists()
    assert "rejected: 3 rows" in capsys.readouterr().out

    # Run again with the same files: the batches are journaled as rejected, still nothing loaded.
    with pytest.raises(CommandError) as again:
        _command(state)
    assert again.value.returncode == 2
    out = capsys.readouterr().out
    assert "batches not loaded because of a rejected row: 1, 2, 3" in out
    assert "0 skipped (done by an earlier run)" in out


def test_a_resumed_run_of_good_files_exits_0(geography: None, state: Path) -> None:
    _command(state)
    _command(state)  # everything skipped as done: still every row is in the register


def test_wrong_columns_and_missing_files_exit_2(geography: None, state: Path) -> None:
    families = read(state / "families.csv")
    families[0][1] = "area"
    write(state / "families.csv", families)
    with pytest.raises(CommandError, match="columns must be") as raised:
        _command(state)
    assert raised.value.returncode == 2
    (state / "members.csv").unlink()
    with pytest.raises(CommandError) as missing:
        _command(state)
    assert missing.value.returncode == 2


def test_skip_bad_families_loads_the_rest_and_still_exits_1(geography: None, state: Path) -> None:
    families = read(state / "families.csv")
    families[60][1] = "999999"
    write(state / "families.csv", families)

    with pytest.raises(CommandError) as raised:
        _command(state, "--skip-bad-families")

    assert raised.value.returncode == 1
    assert Family.objects.count() == len(families) - 1 - 1


def test_reasons_are_counted_without_their_values() -> None:
    assert reason_of("members.csv:12: The Member ID 123456789012 appears twice.") == (
        "The Member ID … appears twice."
    )
    assert reason_of("families.csv:3: Unknown area code '12'.") == "Unknown area code …."
