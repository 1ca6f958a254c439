"""A small synthetic state, generated once per test session and loaded per test."""

import csv
import shutil
from pathlib import Path

import pytest

from geography.services import geography_import
from scale.synth import generate

SMALL = {"districts": 2, "local_bodies_per_district": 2, "areas_per_local_body": 3}


@pytest.fixture(scope="session")
def small_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("state")
    generate(out, seed=7, families=120, duplicate_rate=0.05, **SMALL)
    return out


@pytest.fixture
def state(small_state: Path, tmp_path: Path) -> Path:
    """A private copy (tests edit the CSVs)."""
    copy = tmp_path / "state"
    shutil.copytree(small_state, copy)
    return copy


@pytest.fixture
def geography(db: None, small_state: Path) -> None:
    report = geography_import(sorted((small_state / "geography").glob("*.csv")))
    assert not report.rejected


def read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
