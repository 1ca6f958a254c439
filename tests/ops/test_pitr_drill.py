"""The restore drill of docs/deployment.md, run for real on a scratch PostgreSQL cluster: a base
backup, WAL archived, the register restored to a point in time before a mistake."""

import os

import pytest
from django.db import connection

from ops.pitr_drill import DrillFailed, main, pg_bin

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="run once, in the PostgreSQL pass"
)


@pytest.fixture(autouse=True)
def server_programs() -> None:
    try:
        pg_bin()
    except DrillFailed as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def test_a_backup_restores_to_the_moment_before_a_mistake(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--families", "120"]) == 0
    out = capsys.readouterr().out
    assert "RESTORE DRILL PASSED" in out
    assert "restore to " in out and "as at the target time" in out


def test_the_drill_fails_when_the_restore_brings_the_mistake_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The target noted after the mistake: the restored register has it, and the checks say so.
    assert main(["--families", "120", "--late-target"]) == 1
    err = capsys.readouterr().err
    assert "RESTORE DRILL FAILED" in err and "differ after the restore" in err
