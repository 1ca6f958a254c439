from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from audit.models import AuditEvent
from registry.models import Family, Member
from scale.importer import run_import
from scale.models import DeferredIndex, ImportBatch
from tests.scale.conftest import read, write

pytestmark = pytest.mark.django_db


def _run(state: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        return run_import(state / "families.csv", state / "members.csv", **kwargs)


def test_import_keeps_the_ids_and_derives_search_columns_as_save_does(
    geography: None, state: Path
) -> None:
    report = _run(state, batch_size=50)
    families = read(state / "families.csv")[1:]
    members = read(state / "members.csv")[1:]
    assert report.rejected == []
    assert (report.families, report.members) == (len(families), len(members))
    assert set(Family.objects.values_list("family_id", flat=True)) == {r[0] for r in families}
    by_id = {m.member_id: m for m in Member.objects.select_related("family")}
    assert set(by_id) == {r[0] for r in members}
    for row in members[:60]:
        member = by_id[row[0]]
        assert member.family.family_id == row[1]
        stored = (member.name_key, member.birth_year)
        member.save()  # Member.save derives them again
        member.refresh_from_db()
        assert stored == (member.name_key, member.birth_year)
    batches = ImportBatch.objects.count()
    assert batches == 3  # 120+ families in batches of 50
    assert AuditEvent.objects.filter(event_type="register.batch_imported").count() == batches


def _break_rows(state: Path) -> dict[str, int]:
    """Plant one bad row of each kind in the second batch (families 50..99)."""
    families = read(state / "families.csv")
    members = read(state / "members.csv")
    second = {r[0] for r in families[51:101]}
    rows = [i for i, r in enumerate(members) if r[1] in second]
    lines: dict[str, int] = {}
    bad_check = rows[0]
    members[bad_check][0] = members[bad_check][0][:8] + str(
        (int(members[bad_check][0][8]) + 1) % 10
    )
    lines["check digit"] = bad_check + 1
    members[rows[1]][5] = "1990-02-30"
    lines["not a date"] = rows[1] + 1
    dup = rows[2]
    members[dup][0] = members[rows[3]][0]
    lines["appears twice"] = max(dup, rows[3]) + 1
    families[60][1] = "999999"
    lines["Unknown area code"] = 61
    # A second head in another family of the batch.
    last_family = members[rows[-1]][1]
    other = next(i for i in rows if members[i][1] == last_family and members[i][7] != "HEAD")
    members[other][7] = "HEAD"
    lines["heads"] = other + 1
    write(state / "families.csv", families)
    write(state / "members.csv", members)
    return lines


def test_bad_rows_are_reported_with_reasons_and_their_batch_loads_nothing(
    geography: None, state: Path
) -> None:
    lines = _break_rows(state)
    report = _run(state, batch_size=50)
    text = "\n".join(report.rejected)
    for reason in lines:
        assert reason in text, reason
    assert f"members.csv:{lines['check digit']}: " in text
    assert f"members.csv:{lines['not a date']}: " in text
    assert f"families.csv:{lines['Unknown area code']}: " in text
    assert (report.batches_loaded, report.batches_rejected) == (2, 1)
    families = read(state / "families.csv")
    second = {r[0] for r in families[51:101]}
    assert not Family.objects.filter(family_id__in=second).exists()
    assert Family.objects.count() == len(families) - 1 - 50
    assert ImportBatch.objects.get(batch_number=1).status == ImportBatch.Status.REJECTED


def test_skip_bad_families_loads_the_rest_of_the_batch(geography: None, state: Path) -> None:
    _break_rows(state)
    report = _run(state, batch_size=50, skip_bad_families=True)
    assert report.batches_rejected == 0
    families = read(state / "families.csv")
    loaded = set(Family.objects.values_list("family_id", flat=True))
    second = {r[0] for r in families[51:101]}
    assert 40 <= len(second & loaded) < 50
    assert families[60][0] not in loaded


def test_an_interrupted_import_resumes_without_duplicating(geography: None, state: Path) -> None:
    first = _run(state, batch_size=50, stop_after=1)
    assert first.batches_loaded == 1
    loaded_members = Member.objects.count()
    assert Family.objects.count() == 50 and loaded_members == first.members
    second = _run(state, batch_size=50)
    assert (second.batches_skipped, second.batches_loaded) == (1, 2)
    assert Member.objects.count() == len(read(state / "members.csv")) - 1
    third = _run(state, batch_size=50)
    assert (third.batches_skipped, third.batches_loaded) == (3, 0)
    assert Member.objects.count() == len(read(state / "members.csv")) - 1


def test_a_corrected_file_skips_the_batches_already_loaded(geography: None, state: Path) -> None:
    _run(state, batch_size=50, stop_after=1)
    members = read(state / "members.csv")
    write(state / "members.csv", [*members, []])  # another hash, same rows
    report = _run(state, batch_size=50)
    assert report.rejected == [] and report.batches_skipped == 1
    assert Member.objects.count() == len(members) - 1


def test_the_command_prints_rejections_and_a_summary(
    geography: None, state: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _break_rows(state)
    with pytest.raises(CommandError) as raised:  # rows rejected: a non-zero exit status
        call_command(
            "import_register",
            str(state / "families.csv"),
            str(state / "members.csv"),
            "--batch-size",
            "50",
            "--language",
            "en",
        )
    assert raised.value.returncode == 1
    out = capsys.readouterr()
    assert f"members.csv:{lines['check digit']}: " in out.out
    assert "Loaded 100 families" not in out.out and "batch 3/3" in out.err
    # A first load on PostgreSQL says how long its indexes took; nothing is deferred on SQLite.
    rebuilt = "indexes and foreign keys." in out.out
    assert rebuilt == (connection.vendor == "postgresql")


def test_unknown_columns_are_refused(geography: None, state: Path) -> None:
    families = read(state / "families.csv")
    families[0][1] = "area"
    write(state / "families.csv", families)
    with pytest.raises(Exception, match="columns must be"):
        _run(state)
    assert not Family.objects.exists()


def test_copy_text_escapes_what_copy_would_misread() -> None:
    import datetime

    from scale.import_db import copy_lines

    line = copy_lines([("a\tb", None, True, False, datetime.date(2020, 1, 2), "x\\y\nz", 5)])
    assert line == "a\\tb\t\\N\tt\tf\t2020-01-02\tx\\\\y\\nz\t5\n"


@pytest.mark.parametrize("resumed", [False, True])
def test_a_member_id_already_loaded_by_an_earlier_batch_is_rejected(
    geography: None, state: Path, resumed: bool
) -> None:
    if resumed:  # the first batch loaded by an interrupted run, the file corrected since
        _run(state, batch_size=50, stop_after=1)
    members = read(state / "members.csv")
    families = read(state / "families.csv")
    second = {r[0] for r in families[51:101]}
    row = next(i for i, r in enumerate(members) if r[1] in second)
    members[row][0] = members[1][0]  # a member of the first batch, loaded before
    write(state / "members.csv", members)
    report = _run(state, batch_size=50)
    assert f"members.csv:{row + 1}: The Member ID {members[1][0]} is already in the register." in (
        report.rejected
    )
    assert (report.batches_loaded, report.batches_rejected) == ((1, 1) if resumed else (2, 1))
    assert not Family.objects.filter(family_id__in=second).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are deferred on PostgreSQL")
def test_a_first_load_rebuilds_its_indexes_also_when_resumed(geography: None, state: Path) -> None:
    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            return set(cursor.db.introspection.get_constraints(cursor, "registry_member"))

    before = indexes()
    assert "member_mobile" in before and not any(name.endswith("_like") for name in before)
    _run(state, batch_size=50, stop_after=1)  # interrupted
    assert DeferredIndex.objects.filter(name="member_mobile").exists()
    assert not {"member_mobile", "member_member_id_unique"} & indexes()
    deferred = DeferredIndex.objects.count()
    report = _run(state, batch_size=50)
    assert not DeferredIndex.objects.exists()
    assert indexes() == before
    assert report.indexes_rebuilt == deferred > 0 and report.indexes_seconds > 0
    assert Member.objects.count() == len(read(state / "members.csv")) - 1
