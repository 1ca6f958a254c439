"""A soak: mixed signed-in traffic against the portal under gunicorn, with no error allowed and
no growth of the workers' memory. Run it as `python -m security.soak`.

    python -m security.soak                  # SOAK_SECONDS seconds (default 120): CI's soak
    python -m security.soak --seconds 1800   # the 30-minute soak

What it does, in order:
1. The portal as security/scan starts it (security/stack.py): a database of its own on
   PostgreSQL (dropped at the end; SQLite only outside CI when no PostgreSQL answers), migrate,
   seed_demo and collectstatic, gunicorn (deploy/gunicorn.conf.py; 2 workers, 8 threads, never
   replaced for their age) behind nginx (deploy/nginx/samagra.conf) on HTTPS, with production
   settings and fast password hashing (security/scan_settings.py).
2. Signs in three demo officials (a field official, a local body officer, the state admin) and a
   demo citizen (Family ID, Member ID, and the OTP read from the SMS outbox table), and collects
   the pages each reaches by links and GET forms (security/crawl.py; the citizen's from their
   family page): family lists and pages, family cards (PDF), applications, migration requests,
   reports, the citizen's family page and card.
3. Several threads ask for those pages at random, as those personas, for the whole time
   (--threads; each thread a browser of its own with the persona's session cookie). The first
   third (at most 60 s) warms the workers up; their resident memory (RSS, from /proc) is taken
   then and again at the end.
4. Fails (exit 1) on any error: an answer other than the 200 the page gave when it was found
   (a 5xx, a sign-in page because a session was lost, a refusal), a request that fails, a
   worker that was restarted, a traceback in the server's log; or when the workers' memory grew
   by more than --max-growth-mb (SOAK_MAX_GROWTH_MB, default 32) after the warm-up.

Logs, the access log and a summary (summary.json) stay in var/soak/<time>/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

from security.crawl import PageParser, Persona, crawl
from security.scan import prepare, sign_in
from security.stack import ROOT, Database, log, on_signal, portal_env, serve, start, stop_all

OFFICIALS = [("field", "demo.ward"), ("localbody", "demo.lb.phanda"), ("state", "demo.state")]
CITIZEN_AREA = ("/citizen/", "/migration/")
# The citizen's pages that must never be asked for in a loop: signing out, and forms that send
# an OTP (each would queue an SMS and meet the hourly cap).
CITIZEN_NEVER = re.compile(r"sign-out|/ekyc/|/mobile/|/migration/new")
OTP = re.compile(r"(?<!\d)(\d{6})(?!\d)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- the personas ----------------------------------------------------------------------------


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    page.raise_for_status()
    token = CSRF.search(page.text)
    if token is None:
        raise SystemExit(f"No CSRF token on {url}.")
    return token.group(1)


def _latest_otp(db: Database, after_id: int) -> tuple[int, str] | None:
    """The newest OTP SMS after ``after_id`` (the soak alone sends them): its id and code."""
    query = "SELECT id, text FROM sms_smsmessage WHERE kind = 'otp' AND id > %s ORDER BY id DESC"
    if db.engine == "PostgreSQL":
        with psycopg.connect(db.url, connect_timeout=5) as conn:
            row = conn.execute(query, (after_id,)).fetchone()
    else:
        with sqlite3.connect(urllib.parse.urlsplit(db.url).path) as conn:
            row = conn.execute(query.replace("%s", "?"), (after_id,)).fetchone()
    if row is None:
        return None
    code = OTP.search(row[1])
    return (int(row[0]), code.group(1)) if code else None


def citizen_sign_in(base: str, cert: str, db: Database, run_dir: Path) -> Persona:
    """The demo citizen that seed_demo printed, signed in with the OTP from the outbox."""
    found = re.search(
        r"Family ID (\d{8}), Member ID (\d{9})", (run_dir / "setup.log").read_text("utf-8")
    )
    if found is None:
        raise SystemExit("seed_demo printed no citizen to sign in as: see setup.log.")
    session = _session(cert, base)
    sign_in_url = f"{base}/citizen/sign-in/"
    before = _latest_otp(db, 0)
    answer = session.post(
        sign_in_url,
        data={
            "csrfmiddlewaretoken": _csrf(session, sign_in_url),
            "family_id": found.group(1),
            "member_id": found.group(2),
        },
        allow_redirects=False,
        timeout=30,
    )
    otp = None
    for _ in range(60):  # the worker draws and sends the code within a poll or two
        otp = _latest_otp(db, before[0] if before else 0)
        if otp is not None or answer.status_code != 302:
            break
        time.sleep(0.5)
    if answer.status_code != 302 or otp is None:
        raise SystemExit(f"The citizen's OTP was not sent (HTTP {answer.status_code}).")
    verify_url = f"{base}/citizen/sign-in/otp/"
    answer = session.post(
        verify_url,
        data={"csrfmiddlewaretoken": _csrf(session, verify_url), "code": otp[1]},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302:
        raise SystemExit(f"The citizen could not sign in (HTTP {answer.status_code}).")
    log(f"Signed in as the citizen of family {found.group(1)}.")
    return Persona(label="citizen", user_id=None, session=session)


def citizen_pages(base: str, persona: Persona, max_pages: int = 30) -> None:
    """The citizen's pages by links from their family page (their own area only)."""
    queue, seen = ["/citizen/family/"], set()
    while queue and len(persona.pages) < max_pages:
        url = urllib.parse.urljoin(f"{base}/", queue.pop(0))
        parts = urllib.parse.urlsplit(url)
        if (
            f"{parts.scheme}://{parts.netloc}" != base
            or not parts.path.startswith(CITIZEN_AREA)
            or CITIZEN_NEVER.search(parts.path)
            or url in seen
        ):
            continue
        seen.add(url)
        response = persona.session.get(url, timeout=60, allow_redirects=False)
        if response.status_code != 200:
            continue
        persona.pages.append(url)
        if "html" in response.headers.get("Content-Type", ""):
            parser = PageParser()
            parser.feed(response.text)
            queue.extend(parser.links)


def answering(persona: Persona, pages: list[str]) -> list[str]:
    """The pages that answer 200 themselves (the crawler followed redirects; the soak does not,
    so that a lost session shows as an error, not as a sign-in page)."""
    return [
        url
        for url in dict.fromkeys(pages)
        if persona.session.get(url, timeout=60, allow_redirects=False).status_code == 200
    ]


def _session(cert: str, base: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE in the environment would replace `verify`
    session.verify = cert
    session.headers["Referer"] = f"{base}/"
    return session


# --- the traffic -----------------------------------------------------------------------------


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retried: int = 0
    memory: list[float] = field(default_factory=list)  # the workers' MB, every 10 s

    def record(self, persona: str, url: str, status: int | str, took: float) -> None:
        with self.lock:
            self.statuses[str(status)] += 1
            self.seconds.append(took)
            if status != 200:
                self.errors.append(f"{persona} {url}: {status}")


def traffic(
    personas: list[Persona], cert: str, base: str, until: float, tally: Tally, seed: int
) -> None:
    """One browser per persona, asking for their pages at random until ``until``."""
    rng = random.Random(seed)  # noqa: S311 (traffic mix, not security)
    sessions = {}
    for persona in personas:
        session = _session(cert, base)
        session.cookies.update(persona.session.cookies)
        sessions[persona.label] = session
    while time.monotonic() < until:
        persona = rng.choice(personas)
        url = rng.choice(persona.pages)
        began = time.monotonic()
        status = ask(sessions[persona.label], url, tally)
        tally.record(persona.label, url, status, time.monotonic() - began)


def ask(session: requests.Session, url: str, tally: Tally) -> int | str:
    """The answer's status, or what went wrong. A kept-alive connection that the server closed
    as the request went out (gunicorn closes idle ones after 2 s) is retried once, as a browser
    does; how often is counted. A worker that died would show in the workers' check."""
    for attempt in (1, 2):
        try:
            return session.get(url, timeout=60, allow_redirects=False).status_code
        except requests.ConnectionError as exc:
            if attempt == 1 and "RemoteDisconnected" in str(exc):
                with tally.lock:
                    tally.retried += 1
                continue
            return f"{type(exc).__name__} ({str(exc)[:160]})"
        except requests.RequestException as exc:
            return f"{type(exc).__name__} ({str(exc)[:160]})"
    return "unreachable"


def run_traffic(
    personas: list[Persona],
    cert: str,
    base: str,
    seconds: float,
    threads: int,
    tally: Tally,
    master: int | None = None,
) -> None:
    until = time.monotonic() + seconds
    workers = [
        threading.Thread(target=traffic, args=(personas, cert, base, until, tally, n), daemon=True)
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    while any(w.is_alive() for w in workers):
        time.sleep(min(10, max(until - time.monotonic(), 1)))
        if master is not None:
            mb = round(_mb(worker_rss(master)), 1)
            tally.memory.append(mb)
            log(f"  {sum(tally.statuses.values())} requests; workers: {mb} MB")


# --- the workers' memory ---------------------------------------------------------------------


def worker_rss(master: int) -> dict[int, int]:
    """Resident memory (kB) of each child process of ``master`` (gunicorn's workers)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue  # a process that ended meanwhile
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        if rss:
            found[int(stat.parent.name)] = int(rss.group(1))
    return found


def _mb(kb: dict[int, int]) -> float:
    return sum(kb.values()) / 1024


# --- the run ---------------------------------------------------------------------------------


def soak(args: argparse.Namespace, run_dir: Path, db: Database) -> list[str]:
    """The problems found (none: the soak passed)."""
    env = portal_env(db, run_dir)
    # A citizen's session outlasts the soak: a new sign-in would need a new OTP (an SMS each,
    # five an hour at most), and the soak is not a test of the session's end.
    env["SAMAGRA_CITIZEN_SESSION_SECONDS"] = str(int(args.seconds) + 900)
    prepare(db, env, run_dir, [])
    server, base, cert = serve(env, run_dir)
    # The background worker, as in production: it sends the OTPs (identity.tasks) and SMS.
    start(
        [sys.executable, "manage.py", "run_worker", "--queue-name", "*", "--interval", "1"],
        env=env,
        out=run_dir / "worker.log",
    )
    log(f"Portal at {base} (gunicorn, production settings, {db.engine}) and its worker.")
    personas = [sign_in(base, label, user_id, cert) for label, user_id in OFFICIALS]
    for persona in personas:
        crawl(base, persona, max_pages=args.pages)
    citizen = citizen_sign_in(base, cert, db, run_dir)
    citizen_pages(base, citizen)
    personas.append(citizen)
    for persona in personas:
        pages = [
            url
            for url in [*persona.pages, f"{base}/healthz"]
            if re.search(args.only, url) and not (args.skip and re.search(args.skip, url))
        ]
        persona.pages = answering(persona, pages)
        log(f"{persona.label}: {len(persona.pages)} pages.")
    personas = [p for p in personas if p.pages]

    # Long enough for every thread of both workers to have made a family card (each keeps its
    # font configuration: core/pdf.py) and for Django's caches to fill.
    warmup = min(60.0, args.seconds / 3)
    tally = Tally()
    run_traffic(personas, cert, base, warmup, args.threads, tally, server.pid)
    time.sleep(1)
    before = worker_rss(server.pid)
    log(f"Warmed up ({sum(tally.statuses.values())} requests); workers: {_mb(before):.1f} MB.")
    run_traffic(personas, cert, base, args.seconds - warmup, args.threads, tally, server.pid)
    time.sleep(1)
    after = worker_rss(server.pid)
    return report(args, run_dir, tally, before, after)


def report(
    args: argparse.Namespace,
    run_dir: Path,
    tally: Tally,
    before: dict[int, int],
    after: dict[int, int],
) -> list[str]:
    total = sum(tally.statuses.values())
    ordered = sorted(tally.seconds) or [0.0]
    growth = _mb(after) - _mb(before)
    tracebacks = (run_dir / "server.log").read_text("utf-8", "replace").count("Traceback")
    summary = {
        "seconds": args.seconds,
        "threads": args.threads,
        "requests": total,
        "per_second": round(total / args.seconds, 1),
        "statuses": dict(tally.statuses),
        "median_ms": round(statistics.median(ordered) * 1000),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000),
        "max_ms": round(ordered[-1] * 1000),
        "workers_mb_after_warmup": {str(p): round(k / 1024, 1) for p, k in before.items()},
        "workers_mb_at_end": {str(p): round(k / 1024, 1) for p, k in after.items()},
        "growth_mb": round(growth, 1),
        "server_tracebacks": tracebacks,
        "retried_on_closed_keepalive": tally.retried,
        "workers_mb_every_10_s": tally.memory,
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2))
    log(json.dumps(summary))
    problems = [f"{len(tally.errors)} errors, e.g. {e}" for e in tally.errors[:10]]
    if total == 0:
        problems.append("No request was answered.")
    if set(after) != set(before) or not after:
        problems.append(f"Workers changed (restarted?): {sorted(before)} -> {sorted(after)}.")
    if growth > args.max_growth_mb:
        problems.append(f"The workers grew by {growth:.1f} MB (limit {args.max_growth_mb} MB).")
    if tracebacks:
        problems.append(f"{tracebacks} tracebacks in {run_dir / 'server.log'}.")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Soak the portal with signed-in traffic.")
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", "120"))
    )
    parser.add_argument("--threads", type=int, default=6, help="browsers asking at once")
    parser.add_argument("--pages", type=int, default=40, help="pages per official, at most")
    parser.add_argument("--only", default="", help="a regular expression: only these pages")
    parser.add_argument("--skip", default="", help="a regular expression: not these pages")
    parser.add_argument(
        "--max-growth-mb",
        type=float,
        default=float(os.environ.get("SOAK_MAX_GROWTH_MB", "32")),
        help="how much the workers' memory may grow after the warm-up, together",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    run_dir = ROOT / "var" / "soak" / time.strftime("%Y%m%d-%H%M%S")
    run_dir.mkdir(parents=True)
    log(f"Soak of {args.seconds:.0f} s; logs and summary: {run_dir}")
    db = Database(run_dir)
    try:
        problems = soak(args, run_dir, db)
    finally:
        stop_all()
        db.drop()
    for problem in problems:
        log(f"FAIL: {problem}")
    if not problems:
        log("Soak passed: no error, memory steady.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
