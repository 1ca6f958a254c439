"""The scan's budget (security/scan.py): runs the budget did not reach are listed, not failed,
while enough were reached; a finding, a hung run or a 5xx still fails; the order turns with the
commit."""

from pathlib import Path

import pytest
import requests

from security.crawl import Persona, Target
from security.scan import report, scan_seed
from security.scanners import BUDGET_ENDED, NOT_REACHED, Job, Outcome

PERSONA = Persona(label="field", user_id="demo.ward", session=requests.Session())


def outcome(n: int, state: str, detail: str = "") -> Outcome:
    target = Target("field", "query", f"/page{n}/", frozenset({"q"}), f"https://x/page{n}/?q=1")
    return Outcome(Job(target, PERSONA, "q"), state, detail, 1.0)


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    (tmp_path / "access.log").write_text('127.0.0.1 - - [x] "GET /page1/?q=1 HTTP/1.1" 200 10 ""\n')
    return tmp_path


def test_runs_the_budget_did_not_reach_are_listed_not_failed(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = [outcome(n, "clean") for n in range(6)] + [outcome(6, NOT_REACHED)]
    assert report(outcomes, [], [], run_dir, min_share=0.5) == 0
    assert "1 of 7 runs not reached in this run's budget" in capsys.readouterr().out


def test_too_few_runs_reached_fails(run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = [outcome(0, "clean")] + [outcome(n, NOT_REACHED) for n in range(1, 4)]
    assert report(outcomes, [], [], run_dir, min_share=0.5) == 1
    assert "only 1 of 4 runs reached in the budget" in capsys.readouterr().out


def test_a_finding_or_a_run_that_hung_fails_whatever_the_budget(run_dir: Path) -> None:
    hung = outcome(1, "incomplete", "stopped after 150 s")
    found = outcome(2, "injectable", "Parameter: q (GET)")
    assert report([outcome(0, "clean"), hung, found], [], [], run_dir) == 2


def test_a_wapiti_run_the_budget_stopped_keeps_its_findings(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finding = {"category": "Cross Site Scripting", "level": 2, "path": "/page1/"}
    stopped = ("field (xss)", [finding], f"{BUDGET_ENDED} (900 s) before every module finished")
    quiet = ("anonymous (xss)", [], f"{BUDGET_ENDED} (900 s) before every module finished")
    assert report([outcome(0, "clean")], [stopped, quiet], [], run_dir) == 1
    out = capsys.readouterr().out
    assert "FINDING (field (xss), level 2) Cross Site Scripting" in out
    assert "INCOMPLETE" not in out


def test_a_wapiti_run_that_did_not_finish_at_all_fails(run_dir: Path) -> None:
    dead = ("field (exec,file)", [], "did not finish in 900 s: see wapiti.log")
    assert report([outcome(0, "clean")], [dead], [], run_dir) == 1


def test_a_server_error_fails(run_dir: Path) -> None:
    with (run_dir / "access.log").open("a") as log:
        log.write('127.0.0.1 - - [x] "GET /page2/?q=%27 HTTP/1.1" 500 10 ""\n')
    assert report([outcome(0, "clean")], [], [], run_dir) == 1


def test_the_order_turns_with_the_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAN_SEED", "17")
    assert scan_seed() == 17
    monkeypatch.delenv("SCAN_SEED")
    assert scan_seed() == scan_seed()  # the same commit starts at the same run


def canary(n: int, state: str) -> Outcome:
    path = ["/scan-canary/districts/", "/scan-canary/district/"][n]
    target = Target("anonymous", "query", path, frozenset({"q"}), f"https://x{path}?q=1")
    return Outcome(Job(target, PERSONA, "q"), state, "", 1.0)


def test_the_planted_injection_found_is_not_a_finding(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = [canary(0, "injectable"), canary(1, "injectable"), outcome(2, "clean")]
    assert report(outcomes, [], [], run_dir, canary_expected=True) == 0
    assert "found" in capsys.readouterr().out


@pytest.mark.parametrize("state", ["clean", "incomplete", NOT_REACHED])
def test_the_planted_injection_missed_fails(
    state: str, run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = [canary(0, "injectable"), canary(1, state), outcome(2, "clean")]
    assert report(outcomes, [], [], run_dir, canary_expected=True) == 1
    assert "did not find the planted injection" in capsys.readouterr().out


def test_a_crawl_that_missed_the_planted_injection_fails(
    run_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcomes = [canary(0, "injectable"), outcome(2, "clean")]
    assert report(outcomes, [], [], run_dir, canary_expected=True) == 1
    assert "the crawl found 1 of the 2 planted injections" in capsys.readouterr().out
