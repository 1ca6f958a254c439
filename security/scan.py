"""Scan a live portal with sqlmap and wapiti, and fail on a finding. Run it as `security/scan`.

What it does, in order:
1. A fresh database: `scan_<random>` on PostgreSQL (dropped at the end); a fresh SQLite file only
   when no PostgreSQL answers and CI is not "true".
2. migrate, seed_demo and collectstatic, then the portal as production runs it, from the
   deployment kit's files: gunicorn (deploy/gunicorn.conf.py) behind nginx
   (deploy/nginx/samagra.conf) on HTTPS with a self-signed certificate on free local ports, with
   production settings (debug off, a generated secret key, secure cookies, HSTS and the CSRF
   referer check all on; the access log checked below is nginx's), except fast
   password hashing (security/scan_settings.py says why). The database, the certificate, the
   server and the child processes: security/stack.py.
3. Signs in demo officials (a field official and a local body officer, who do not manage each
   other) and crawls the pages each of them and an anonymous visitor can reach (one page of each
   kind; security/crawl.py), collecting every query parameter, every id in a path and every form.
4. sqlmap on each parameter (one bounded process each, several at once), and wapiti per persona
   in three groups of modules side by side; both come from PyPI through `uv tool run`, pinned,
   in environments of their own (uv.lock is not touched).
5. Prints each finding and exits 1 on any injectable parameter, the planted injection of
   security/canary.py not found (sqlmap attacks it first), any wapiti finding of medium
   severity or more, any server error (HTTP 5xx) whatever a scanner sent, a sqlmap run that hit
   its own bound twice, or a scan that reached less than --min-share of its sqlmap runs.

Bounded: the run never outlasts --budget. On a slow machine the budget may end before every
sqlmap run has started: those are listed as not reached (not a failure while at least
--min-share of the runs were reached), and the runs go in an order that turns with the commit
(SCAN_SEED, default the checkout's HEAD), so that the next run reaches first what this one did
not. A wapiti run stopped by the budget keeps what it found and says so.

Never scanned, so that the session survives and no account locks: the sign-out form, the
language switch while signed in (scanned anonymously instead) and the sign-in form while signed in
(scanned anonymously with a user ID that does not exist, so no real account counts a failure).
Reports and logs stay in var/scan/<time>/ (printed at the end).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from security.crawl import (
    CANARY_PATHS,
    Persona,
    Target,
    crawl,
    pattern,
    plan,
)
from security.scanners import (
    BUDGET_ENDED,
    FAIL_LEVEL,
    NOT_REACHED,
    SQLMAP_MIN_SECONDS,
    SQLMAP_TARGET_SECONDS,
    TOOLS,
    WAPITI_AGENT,
    WAPITI_ALONE,
    WAPITI_MODULES,
    Job,
    Outcome,
    jobs,
    preflight,
    sqlmap,
    suppressed,
    wapiti,
)
from security.stack import (
    ROOT,
    Database,
    log,
    on_signal,
    portal_env,
    run,
    serve,
    start,
    stop,
    stop_all,
    tool,
    tool_env,
)

DEMO_PASSWORD = "Samagra-Demo-2026"  # noqa: S105 (the published demo password)
# (label, user ID): None is an anonymous visitor. demo.lb.phanda manages the field officials of
# Phanda, not demo.ward (Bhopal Nagar Nigam), so one scan cannot deactivate the other's account.
PERSONAS: list[tuple[str, str | None]] = [
    ("anonymous", None),
    ("field", "demo.ward"),
    ("localbody", "demo.lb.phanda"),
]

# --- crawling ------------------------------------------------------------------------------------


def sign_in(base: str, label: str, user_id: str | None, verify: str) -> Persona:
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE in the environment would replace `verify`
    session.verify = verify
    session.headers["Referer"] = f"{base}/"
    session.get(f"{base}/login/", timeout=30).raise_for_status()
    if user_id is not None:
        page = session.get(f"{base}/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise SystemExit("The sign-in page has no CSRF token.")
        answer = session.post(
            f"{base}/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "user_id": user_id,
                "password": DEMO_PASSWORD,
            },
            allow_redirects=False,
            timeout=30,
        )
        if answer.status_code != 302:
            raise SystemExit(f"Could not sign in as {user_id}: HTTP {answer.status_code}.")
        log(f"Signed in as {user_id}.")
    return Persona(label=label, user_id=user_id, session=session)


# --- the run ------------------------------------------------------------------------------------


def prepare(db: Database, env: dict[str, str], run_dir: Path, tools: list[str]) -> None:
    """The database with demo data and the static files; the scanners install meanwhile."""
    setup_log = run_dir / "setup.log"
    install = [start([*tool(*TOOLS[t]), "--version"], env=tool_env(), out=setup_log) for t in tools]
    manage = [sys.executable, str(ROOT / "manage.py")]
    for step in (["migrate", "--no-input", "-v0"], ["seed_demo"], ["collectstatic", "--no-input"]):
        if run([*manage, *step], env=env, out=setup_log, limit=240) != 0:
            raise SystemExit(f"manage.py {step[0]} failed: see {setup_log}")
    for proc in install:
        if proc.wait(240) != 0:
            raise SystemExit(f"Could not install the scanners: see {setup_log}")


def main() -> int:
    parser = argparse.ArgumentParser(description="Scan a live portal with sqlmap and wapiti.")
    parser.add_argument("--budget", type=float, default=1800, help="seconds for the whole run")
    parser.add_argument("--parallel", type=int, default=3, help="sqlmap processes at once")
    parser.add_argument(
        "--min-share",
        type=float,
        default=float(os.environ.get("SCAN_MIN_SHARE", "0.5")),
        help="the share of sqlmap runs the budget must reach (SCAN_MIN_SHARE, 0.5)",
    )
    parser.add_argument("--tools", default="sqlmap,wapiti", help="which scanners (to debug one)")
    parser.add_argument(
        "--match",
        default="",
        help="only the sqlmap runs whose label this regular expression finds (to debug one)",
    )
    parser.add_argument(
        "--personas",
        default=",".join(label for label, _ in PERSONAS),
        help="which of anonymous, field, localbody (to debug one)",
    )
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    if not set(tools) <= set(TOOLS):
        parser.error(f"--tools: choose from {', '.join(TOOLS)}")
    began = time.monotonic()
    deadline = began + args.budget
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    run_dir = ROOT / "var" / "scan" / time.strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True)
    log(f"Reports and logs: {run_dir}")
    db = Database(run_dir)
    try:
        env = portal_env(db, run_dir)
        prepare(db, env, run_dir, tools)
        log(
            f"Demo data loaded on {db.engine}, scanners installed ({time.monotonic() - began:.0f} s)."
        )
        server, base, cert = serve(env, run_dir)
        log(f"Portal at {base} (nginx and gunicorn, production settings).")

        wanted = args.personas.split(",")
        personas = [sign_in(base, lb, uid, cert) for lb, uid in PERSONAS if lb in wanted]
        for persona in personas:
            crawl(base, persona, starts=() if persona.user_id else (CANARY_PATHS[0],))
            persona.cookies = "; ".join(f"{k}={v}" for k, v in persona.session.cookies.items())
            log(f"{persona.label}: {len(persona.pages)} pages, {len(persona.targets)} targets.")
        public = {
            pattern(urllib.parse.urlsplit(u).path)
            for p in personas
            if p.user_id is None
            for u in p.pages
        }
        targets = plan(personas) if "sqlmap" in tools else []
        problems = preflight(targets)
        for target, _ in targets:
            log(f"  target ({target.persona}): {target.label}")

        sql_dir, wapiti_dir = run_dir / "sqlmap", run_dir / "wapiti"
        sql_dir.mkdir()
        wapiti_dir.mkdir()
        scan_personas = personas if "wapiti" in tools else []

        def one_job(numbered: tuple[int, Job]) -> Outcome:
            number, job = numbered
            outcome = budgeted_sqlmap(job, number)
            # A run that did not finish (a time-out under load, a dropped connection) tested
            # nothing: it gets one more run while the budget lasts. A finding is never rerun.
            if outcome.state == "incomplete":
                first = outcome.detail
                second = budgeted_sqlmap(job, number + 1000)
                if second.state != NOT_REACHED:
                    outcome = second
                    outcome.detail = f"{outcome.detail} (second run; the first: {first})".strip()
            return outcome

        def budgeted_sqlmap(job: Job, number: int) -> Outcome:
            """A run while the budget lasts; one the budget cut short tested nothing."""
            left = deadline - time.monotonic() - 20
            if left < SQLMAP_MIN_SECONDS:
                return Outcome(job, NOT_REACHED, "the budget ended before it started", 0.0)
            outcome = sqlmap(
                job,
                number,
                base=base,
                dbms=db.engine,
                out_dir=sql_dir,
                limit=min(SQLMAP_TARGET_SECONDS, left),
            )
            if outcome.state == "incomplete" and outcome.stopped and left < SQLMAP_TARGET_SECONDS:
                outcome.state = NOT_REACHED
                outcome.detail = f"the budget ended {left:.0f} s into it"
            return outcome

        def one_wapiti(
            run: tuple[Persona, Target | None, str],
        ) -> tuple[str, list[dict[str, object]], str]:
            persona, alone, modules = run
            found, error = wapiti(
                persona,
                base=base,
                public=public,
                out_dir=wapiti_dir,
                limit=deadline - time.monotonic() - 20,
                modules=modules,
                alone=alone,
            )
            label = persona.label + (f" {alone.label}" if alone else "")
            return f"{label} ({modules})", found, error

        scopes: list[tuple[Persona, Target | None]] = [(p, None) for p in scan_personas]
        scopes += [
            (p, t)
            for p in scan_personas
            for t in p.targets
            if t.kind == "form" and re.search(WAPITI_ALONE, t.path)
        ]
        wapiti_runs = [(p, t, m) for p, t in scopes for m in WAPITI_MODULES]
        sql_jobs = [
            (n, job)
            for n, job in enumerate(jobs(targets), 1)
            if re.search(args.match, job.label) or is_canary(job.target)
        ]
        seed = scan_seed()
        # The planted injections first: a scan that cannot find them has no other result.
        order = sorted(
            sql_jobs,
            key=lambda job: (not is_canary(job[1].target), (job[0] - 1 + seed) % len(sql_jobs)),
        )
        log(
            f"sqlmap: {len(sql_jobs)} runs on {len(targets)} targets, starting at run "
            f"{order[0][0] if order else 0} (seed {seed}); wapiti: {len(wapiti_runs)} runs"
        )
        # Both at once: each waits on the server more than it computes.
        with ThreadPoolExecutor(max_workers=len(wapiti_runs) or 1) as wapiti_pool:
            wapiti_futures = [wapiti_pool.submit(one_wapiti, r) for r in wapiti_runs]
            with ThreadPoolExecutor(max_workers=args.parallel) as sql_pool:
                done = dict(zip([n for n, _ in order], sql_pool.map(one_job, order), strict=True))
            outcomes = [done[n] for n, _ in sql_jobs]
            wapiti_results = [f.result() for f in wapiti_futures]
        stop(server)

        failures = report(
            outcomes,
            wapiti_results,
            problems,
            run_dir,
            min_share=args.min_share,
            canary_expected="sqlmap" in tools and "anonymous" in wanted,
        )
        log(f"Finished in {time.monotonic() - began:.0f} s. Reports and logs: {run_dir}")
        if failures:
            print(f"\nSECURITY SCAN FAILED: {failures} finding(s) or incomplete scan(s).")
            return 1
        print(
            "\nSecurity scan passed: the planted injections found, nothing else injectable, "
            "no wapiti finding of medium or more."
        )
        return 0
    finally:
        stop_all()
        db.drop()


def is_canary(target: Target) -> bool:
    """A page of security/canary.py: the planted injection every scan must find."""
    return any(target.path.startswith(p) for p in CANARY_PATHS)


def scan_seed() -> int:
    """Where this run starts in the list of sqlmap runs: SCAN_SEED, or taken from the commit."""
    if os.environ.get("SCAN_SEED", "").isdigit():
        return int(os.environ["SCAN_SEED"])
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"],  # noqa: S607 (git from PATH, as a developer runs it)
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return int(head[:8], 16) if re.fullmatch(r"[0-9a-f]{40}", head) else secrets.randbelow(10**6)


def report(
    outcomes: list[Outcome],
    wapiti_results: list[tuple[str, list[dict[str, object]], str]],
    problems: list[str],
    run_dir: Path,
    *,
    min_share: float = 0.5,
    canary_expected: bool = False,
) -> int:
    failures = 0
    summary: list[str] = []  # each failure in one line, printed last (CI shows the tail)
    print("\n== sqlmap")
    not_reached = [o for o in outcomes if o.state == NOT_REACHED]
    canaries = [o for o in outcomes if is_canary(o.job.target)]
    if canary_expected and len(canaries) < len(CANARY_PATHS):
        failures += 1
        summary.append(
            f"sqlmap: the crawl found {len(canaries)} of the {len(CANARY_PATHS)} planted "
            "injections (security/canary.py)"
        )
    for outcome in outcomes:
        job, t = outcome.job, outcome.job.target
        if is_canary(t):
            planted = outcome.state == "injectable"
            print(f"  {'found' if planted else 'MISSED':<10} {outcome.seconds:5.0f} s  {job.label}")
            if not planted:
                failures += 1
                summary.append(
                    f"sqlmap: did not find the planted injection {job.label} ({outcome.state} "
                    f"{outcome.detail}): it could not find one in the portal either"
                )
            continue
        print(
            f"  {outcome.state:<10} {outcome.seconds:5.0f} s  {t.persona}: {job.label} "
            + outcome.detail
        )
        if outcome.state == "injectable":
            failures += 1
            print(f"\nINJECTABLE ({t.persona}) {t.url}\n{outcome.detail}\n")
            summary.append(f"sqlmap: INJECTABLE ({t.persona}) {job.label}")
        elif outcome.state == "incomplete":
            failures += 1
            summary.append(f"sqlmap: incomplete ({t.persona}) {job.label}: {outcome.detail}")
    if not_reached:
        reached = len(outcomes) - len(not_reached)
        print(
            f"  {len(not_reached)} of {len(outcomes)} runs not reached in this run's budget "
            "(the order turns with the commit: the next run starts elsewhere)"
        )
        if reached < min_share * len(outcomes):
            failures += 1
            summary.append(
                f"sqlmap: only {reached} of {len(outcomes)} runs reached in the budget "
                f"(at least {min_share:.0%} must be)"
            )
    for problem in problems:
        failures += 1
        print(f"  NOT REACHED: {problem}")
        summary.append(f"NOT REACHED: {problem}")
    print("\n== wapiti")
    for label, found, error in wapiti_results:
        if error.startswith(BUDGET_ENDED):
            print(f"  {label}: {error} (what it found before counts)")
        elif error:
            failures += 1
            print(f"  {label}: INCOMPLETE: {error}")
            summary.append(f"wapiti {label}: INCOMPLETE: {error}")
        counts: dict[tuple[str, int], int] = {}
        for item in found:
            category, level = str(item["category"]), int(str(item.get("level", 0)))
            counts[(category, level)] = counts.get((category, level), 0) + 1
            if level < FAIL_LEVEL:
                continue
            path = str(item.get("path", ""))
            why = suppressed("wapiti", category, path)
            if why:
                print(f"  {label}: suppressed {category} at {path}: {why}")
                continue
            failures += 1
            summary.append(f"wapiti {label}: {category} (level {level}) at {path}")
            print(
                f"\nFINDING ({label}, level {level}) {category}: "
                f"{item.get('method')} {path} parameter {item.get('parameter')!r}\n"
                f"  {item.get('info')}\n  {item.get('curl_command') or item.get('http_request')}\n"
            )
        found_text = ", ".join(f"{c} (level {lvl}) x{n}" for (c, lvl), n in sorted(counts.items()))
        print(f"  {label}: {found_text or 'no finding'}")
    # Whatever a scanner sent, the portal must answer it without a server error.
    print("\n== the portal's answers")
    statuses: dict[str, int] = {}
    errors = []
    log_lines = (run_dir / "access.log").read_text(errors="replace").splitlines()
    for line in log_lines:
        status = re.search(r'" (\d{3}) ', line)
        if status:
            statuses[status.group(1)] = statuses.get(status.group(1), 0) + 1
            if status.group(1).startswith("5"):
                errors.append(line)
    print("  " + ", ".join(f"HTTP {code}: {n}" for code, n in sorted(statuses.items())))
    for line in errors[:20]:
        print(f"  SERVER ERROR: {line[:400]}")
    failures += len(errors)
    summary += [f"server error: {line[:200]}" for line in errors[:5]]
    # A form post refused by the CSRF check tests nothing. wapiti's csrf module is refused on
    # purpose, a few times per form; most of its posts must reach the views.
    posts = refused = 0
    for line in log_lines:
        if '"POST ' in line and WAPITI_AGENT in line:
            posts += 1
            refused += '" 403 ' in line
    if posts and refused > posts / 5:
        failures += 1
        print(f"  NOT REACHED: wapiti's form posts were refused {refused} times of {posts}.")
        summary.append(f"NOT REACHED: wapiti's form posts refused {refused} of {posts}")
    if summary:
        print("\n== what failed")
        for line in summary:
            print(f"  {line[:500]}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
