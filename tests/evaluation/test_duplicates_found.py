"""The duplicate check and the sweep on a small independent labelled set (evaluation/independent,
written apart from the portal's matching code): a floor that fails when a change to the names,
the blocks or the model loses what the README's figures promise. The figures themselves are
measured on 160,000 members with ``python -m evaluation.measure``."""

from pathlib import Path

import pytest
from django.core.management import call_command

from evaluation.independent.population import generate
from evaluation.measure import check_pairs, labels_of, sweep_pairs

MEMBERS = 6000


@pytest.fixture
def loaded(tmp_path: Path) -> list[tuple[str, str, bool, str]]:
    generate(tmp_path, seed=11, members=MEMBERS)
    call_command("import_geography", str(tmp_path / "geography"), verbosity=0)
    call_command(
        "import_register",
        str(tmp_path / "families.csv"),
        str(tmp_path / "members.csv"),
        "--workers",
        "0",
        "--quiet-progress",
        verbosity=0,
    )
    call_command("name_words", verbosity=0)
    return labels_of(tmp_path)


def _share(values: list[bool]) -> float:
    return sum(values) / len(values)


@pytest.mark.django_db
def test_the_check_and_the_sweep_find_the_same_people_and_not_the_others(loaded) -> None:
    check = check_pairs(loaded)
    same = [r for r in check if r["same"]]
    different = [r for r in check if not r["same"]]
    assert len(same) >= 40 and len(different) >= 10

    assert _share([r["shown"] for r in same]) >= 0.9
    assert _share([r["likely"] for r in different]) <= 0.15

    sweep = sweep_pairs(loaded)
    assert sweep["recall"] >= 0.75, sweep["recall"]
    assert sweep["labelled_precision"] >= 0.9, sweep["labelled_precision"]
