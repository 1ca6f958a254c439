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
5. Prints each finding and exits 1 on any injectable parameter, any wapiti finding of medium
   severity or more, any server error (HTTP 5xx) whatever a scanner sent, or a scan that could
   not finish in its time.

Never scanned, so that the session survives and no account locks: the sign-out form, the
language switch while signed in (scanned anonymously instead) and the sign-in form while signed in
(scanned anonymously with a user ID that does not exist, so no real account counts a failure).
Reports and logs stay in var/scan/<time>/ (printed at the end).
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from security.crawl import (
    Persona,
    Target,
    crawl,
    pattern,
    plan,
)
from security.scanners import (
    FAIL_LEVEL,
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
    parser.add_argument("--budget", type=float, default=2400, help="seconds for the whole run")
    parser.add_argument("--parallel", type=int, default=3, help="sqlmap processes at once")
    parser.add_argument("--tools", default="sqlmap,wapiti", help="which scanners (to debug one)")
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
            crawl(base, persona)
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
            outcome = sqlmap(
                job,
                number,
                base=base,
                dbms=db.engine,
                out_dir=sql_dir,
                limit=min(SQLMAP_TARGET_SECONDS, deadline - time.monotonic() - 20),
            )
            # A run that did not finish (a time-out under load, a dropped connection) tested
            # nothing: it gets one more run while the budget lasts. A finding is never rerun.
            if outcome.state == "incomplete" and deadline - time.monotonic() > 60:
                first = outcome.detail
                outcome = sqlmap(
                    job,
                    number + 1000,
                    base=base,
                    dbms=db.engine,
                    out_dir=sql_dir,
                    limit=min(SQLMAP_TARGET_SECONDS, deadline - time.monotonic() - 20),
                )
                outcome.detail = f"{outcome.detail} (second run; the first: {first})".strip()
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
        sql_jobs = jobs(targets)
        log(
            f"sqlmap: {len(sql_jobs)} runs on {len(targets)} targets; wapiti: {len(wapiti_runs)} runs"
        )
        # Both at once: each waits on the server more than it computes.
        with ThreadPoolExecutor(max_workers=len(wapiti_runs) or 1) as wapiti_pool:
            wapiti_futures = [wapiti_pool.submit(one_wapiti, r) for r in wapiti_runs]
            with ThreadPoolExecutor(max_workers=args.parallel) as sql_pool:
                outcomes = list(sql_pool.map(one_job, enumerate(sql_jobs, 1)))
            wapiti_results = [f.result() for f in wapiti_futures]
        stop(server)

        failures = report(outcomes, wapiti_results, problems, run_dir)
        log(f"Finished in {time.monotonic() - began:.0f} s. Reports and logs: {run_dir}")
        if failures:
            print(f"\nSECURITY SCAN FAILED: {failures} finding(s) or incomplete scan(s).")
            return 1
        print("\nSecurity scan passed: nothing injectable, no wapiti finding of medium or more.")
        return 0
    finally:
        stop_all()
        db.drop()


def report(
    outcomes: list[Outcome],
    wapiti_results: list[tuple[str, list[dict[str, object]], str]],
    problems: list[str],
    run_dir: Path,
) -> int:
    failures = 0
    summary: list[str] = []  # each failure in one line, printed last (CI shows the tail)
    print("\n== sqlmap")
    for outcome in outcomes:
        job, t = outcome.job, outcome.job.target
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
    for problem in problems:
        failures += 1
        print(f"  NOT REACHED: {problem}")
        summary.append(f"NOT REACHED: {problem}")
    print("\n== wapiti")
    for label, found, error in wapiti_results:
        if error:
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
