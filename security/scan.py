"""Scan a live portal with sqlmap and wapiti, and fail on a finding. Run it as `security/scan`.

What it does, in order:
1. A fresh database: `scan_<random>` on PostgreSQL (dropped at the end); a fresh SQLite file only
   when no PostgreSQL answers and CI is not "true".
2. migrate, seed_demo and collectstatic, then the portal under gunicorn on a free local port with
   production settings (debug off, a generated secret key, HTTPS with a self-signed certificate,
   so secure cookies, HSTS and the CSRF referer check are all on, as in production), except fast
   password hashing (security/scan_settings.py says why).
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
import datetime as dt
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from base64 import b64encode
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import psycopg
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from psycopg import sql

from core.net import free_port
from security.crawl import (
    ANONYMOUS_ONLY,
    NEVER,
    Persona,
    Target,
    crawl,
    matches,
    pattern,
    plan,
)

ROOT = Path(__file__).resolve().parent.parent
# Pinned. wapiti3 3.3 needs Python 3.12; 3.2.3 is the newest that runs on the project's 3.11.
SQLMAP = "sqlmap==1.10.10"
WAPITI = "wapiti3==3.2.3"
DEMO_PASSWORD = "Samagra-Demo-2026"  # noqa: S105 (the published demo password)
# (label, user ID): None is an anonymous visitor. demo.lb.phanda manages the field officials of
# Phanda, not demo.ward (Bhopal Nagar Nigam), so one scan cannot deactivate the other's account.
PERSONAS: list[tuple[str, str | None]] = [
    ("anonymous", None),
    ("field", "demo.ward"),
    ("localbody", "demo.lb.phanda"),
]
# A form on every page, with the page in a hidden field: wapiti would attack it once per page.
# It gets a wapiti run of its own, on that one request.
WAPITI_ALONE = r"^/i18n/setlang/"
# wapiti modules: the default set less ssl (a self-signed certificate is the setup, not a
# finding) and ssrf (needs an endpoint on the internet), plus the injection and form checks that
# work offline. Never brute_login_form (it would lock accounts), buster/nikto (brute force of
# paths; Django serves only its URLconf), nor modules that download databases (wapp, htp, cms).
# Three groups, each a wapiti process of its own, so they run side by side (permanentxss looks
# for what xss stored, so those two share one).
WAPITI_MODULES = [
    "exec,file",
    "sql,xss,permanentxss",
    "redirect,crlf,csrf,upload,cookieflags,csp,http_headers,methods,backup,htaccess",
]
# Wapiti levels (wapitiCore/language/vulnerability.py): 0 info, 1 low, 2 medium, 3 high,
# 4 critical. Medium and above fail the scan.
FAIL_LEVEL = 2
# A bound for one sqlmap process (one parameter), besides the run's budget.
SQLMAP_TARGET_SECONDS = 150.0
# Findings known to be false positives: (tool, category, path regex, why). Keep each narrow and
# say why it is safe. Empty means every finding counts.
SUPPRESSED: list[tuple[str, str, str, str]] = []

# Told apart in the portal's access log: sqlmap's own user agent names it.
WAPITI_AGENT = "wapiti (security/scan)"

_children: list[subprocess.Popen[bytes]] = []


def log(message: str) -> None:
    print(f"[scan {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- processes -------------------------------------------------------------------------------


def start(argv: list[str], *, env: dict[str, str], out: Path) -> subprocess.Popen[bytes]:
    """A child in its own process group, so that it and everything it starts can be stopped."""
    with out.open("ab") as sink:
        proc = subprocess.Popen(  # noqa: S603 (fixed argument lists, no shell)
            argv, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    _children.append(proc)
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
    if proc in _children:
        _children.remove(proc)


def run(argv: list[str], *, env: dict[str, str], out: Path, limit: float) -> int | None:
    """Run to the end or for `limit` seconds; the exit code, or None when it was stopped."""
    proc = start(argv, env=env, out=out)
    try:
        return proc.wait(max(limit, 1))
    except subprocess.TimeoutExpired:
        return None
    finally:
        stop(proc)


def on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(f"stopped by signal {signum}")


def tool_env() -> dict[str, str]:
    return {**os.environ, "TERM": "dumb", "NO_COLOR": "1"}


def tool(spec: str, command: str) -> list[str]:
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    return [uv, "tool", "run", "--quiet", "--python", "3.11", "--from", spec, command]


# --- the portal --------------------------------------------------------------------------------


class Database:
    """A database of its own for this run."""

    def __init__(self, run_dir: Path) -> None:
        self.admin_url = ""
        self.name = f"scan_{secrets.token_hex(4)}"
        server = os.environ.get(
            "SAMAGRA_SCAN_POSTGRES_URL",
            os.environ.get("SAMAGRA_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/x"),
        )
        parts = urllib.parse.urlsplit(server)
        admin = parts._replace(path="/postgres").geturl()
        try:
            with psycopg.connect(admin, connect_timeout=3, autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))
        except psycopg.Error as exc:
            if os.environ.get("CI") == "true":
                raise SystemExit(
                    f"PostgreSQL at {admin} does not answer, and CI needs it: {exc}"
                ) from exc
            log(f"No PostgreSQL at {admin} ({exc.__class__.__name__}); using a SQLite file.")
            self.url = f"sqlite:///{run_dir / 'scan.sqlite3'}"
            self.engine = "SQLite"
            return
        self.admin_url = admin
        self.url = parts._replace(path=f"/{self.name}").geturl()
        self.engine = "PostgreSQL"
        log(f"Database {self.name} on PostgreSQL.")

    def drop(self) -> None:
        if self.admin_url:
            with psycopg.connect(self.admin_url, connect_timeout=3, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(self.name)
                    )
                )
            log(f"Database {self.name} dropped.")


def certificate(run_dir: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, so the portal runs on HTTPS as in production."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = run_dir / "cert.pem", run_dir / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def portal_env(db: Database, run_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMAGRA_")}
    env.update(
        DATABASE_URL=db.url,
        SAMAGRA_DEBUG="0",
        SAMAGRA_SECRET_KEY=secrets.token_urlsafe(50),
        SAMAGRA_ALLOWED_HOSTS="127.0.0.1",
        SAMAGRA_AADHAAR_KEYS=f"scan:{b64encode(secrets.token_bytes(32)).decode()}",
        SAMAGRA_UIDAI_ADAPTER="sandbox",
        SAMAGRA_MEDIA_ROOT=str(run_dir / "media"),
        SAMAGRA_LOG_LEVEL="WARNING",
        # Production settings with fast password hashing (see the module for why).
        DJANGO_SETTINGS_MODULE="security.scan_settings",
    )
    return env


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


# --- sqlmap --------------------------------------------------------------------------------------


@dataclass
class Job:
    """One sqlmap process: one parameter of a target (or the id marked in its path)."""

    target: Target
    persona: Persona
    parameter: str | None

    @property
    def label(self) -> str:
        return self.target.label + (f" -p {self.parameter}" if self.parameter else "")


def jobs(targets: list[tuple[Target, Persona]]) -> list[Job]:
    """A process per parameter: a long form is attacked in parallel, each part in bounded time."""
    found = []
    for target, persona in targets:
        if target.kind == "path":
            found.append(Job(target, persona, None))
        for name in sorted(target.names - {"csrfmiddlewaretoken"}):
            found.append(Job(target, persona, name))
    return found


@dataclass
class Outcome:
    job: Job
    state: str  # "clean", "injectable" or "incomplete"
    detail: str
    seconds: float


def sqlmap(job: Job, number: int, *, base: str, dbms: str, out_dir: Path, limit: float) -> Outcome:
    target = job.target
    log_path = out_dir / f"{number:03d}-{target.persona}.log"
    argv = [
        *tool(SQLMAP, "sqlmap"),
        "-u",
        target.url,
        "--batch",
        f"--dbms={dbms}",
        "--level=1",
        "--risk=1",
        # Boolean-blind, error-based, stacked and time-based: each finds an injection on its
        # own. UNION (U) and inline (Q) queries only make a found one easier to exploit, and
        # cost most of the requests.
        "--technique=BEST",
        "--cookie",
        job.persona.cookies,
        "--drop-set-cookie",
        # After a form's redirect, fetch the next page as a browser does; never POST it again.
        "--answers=resend original POST=N",
        # Django checks the referer of an HTTPS POST; this is the one a browser would send.
        f"--referer={base}/",
        # The CSRF token is compared whole; a changed one is refused before the view runs.
        "--skip=csrfmiddlewaretoken",
        "--timeout=20",
        "--retries=1",
        "--time-sec=2",
        "--skip-waf",
        "--disable-coloring",
        f"--output-dir={out_dir / f'{number:03d}'}",
    ]
    if target.data is not None:
        argv += ["--data", target.data, "--method", "POST"]
    if job.parameter is not None:
        argv += ["-p", job.parameter]
    began = time.monotonic()
    with log_path.open("w") as head:
        head.write(f"# {target.persona}: {job.label}\n")
    code = run(argv, env=tool_env(), out=log_path, limit=limit)
    seconds = time.monotonic() - began
    text = log_path.read_text(errors="replace")
    if "following injection point" in text:
        block = text[text.index("following injection point") :].split("\n---\n")
        return Outcome(job, "injectable", "\n".join(block[:2])[:3000], seconds)
    if code is None:
        return Outcome(job, "incomplete", f"stopped after {limit:.0f} s", seconds)
    if "do not appear to be injectable" in text:
        return Outcome(job, "clean", "", seconds)
    critical = re.findall(r"\[CRITICAL\] (.*)", text)
    return Outcome(job, "incomplete", "; ".join(critical) or f"exit code {code}", seconds)


def preflight(targets: list[tuple[Target, Persona]]) -> list[str]:
    """Each POST target, sent as the scanner will send it, must reach the view (no 403)."""
    problems = []
    for target, persona in targets:
        if target.data is None:
            continue
        answer = persona.session.post(
            target.url,
            data=target.data,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
            timeout=60,
        )
        if answer.status_code in {403, 405}:
            problems.append(f"{target.label}: HTTP {answer.status_code} before any attack")
    return problems


# --- wapiti ---------------------------------------------------------------------------------------


def wapiti(
    persona: Persona,
    *,
    base: str,
    public: set[str],
    out_dir: Path,
    limit: float,
    modules: str,
    alone: Target | None = None,
) -> tuple[list[dict[str, object]], str]:
    """Wapiti for one persona: a signed-in one leaves the public pages to the anonymous one.
    With `alone`, wapiti attacks that one form and nothing else."""
    label = persona.label if alone is None else f"{persona.label}-{alone.path.strip('/')}"
    label = re.sub(r"[^\w-]", "-", f"{label}-{modules.split(',')[0]}")
    report = out_dir / f"wapiti-{label}.json"
    excluded = [*NEVER, *([] if persona.user_id is None else ANONYMOUS_ONLY), WAPITI_ALONE]
    if persona.user_id is not None:
        excluded += [f"^{p}" for p in public if p != "/"]
    wildcards = [f"{base}{p.lstrip('^').replace('{}', '*')}*" for p in excluded]
    wildcards += [f"{base}{path}*" for path in persona.duplicates]
    if alone is None:
        argv = ["-u", f"{base}/", "--scope", "folder", "--depth", "5"]
        for url in persona.pages:  # from every page the crawler found, not only the home page
            if not matches(urllib.parse.urlsplit(url).path, excluded):
                argv += ["-s", url]
        for wildcard in wildcards:
            argv += ["-x", wildcard]
    else:
        argv = ["-u", alone.url, "--data", alone.data or "", "--scope", "url"]
    argv = [
        *tool(WAPITI, "wapiti"),
        *argv,
        "-m",
        modules,
        # At most a few URLs of one pattern (e.g. /registration-is-open/?district=N).
        "--scan-force",
        "paranoid",
        "--max-scan-time",
        str(int(limit - 20)),
        "--timeout",
        "20",
        "--tasks",
        "4",
        # Endpoints on this machine: no module may reach out (log4shell resolves its DNS
        # endpoint as soon as it is loaded, even when it is not used).
        "--dns-endpoint",
        "localhost",
        "--endpoint",
        "http://127.0.0.1:9/",
        "--flush-session",
        "--store-session",
        str(out_dir / f"wapiti-{label}-session"),
        "--store-config",
        str(out_dir / f"wapiti-{label}-config"),
        "--no-bugreport",
        "-v",
        "1",
        "-f",
        "json",
        "-o",
        str(report),
        # The session's cookies, as a header on every request: it wins over the cookies that
        # responses set (no --drop-set-cookie: in wapiti 3.2 that drops this header too).
        "-C",
        persona.cookies,
        # Compared whole by Django: a changed token is refused before any view runs.
        "--skip",
        "csrfmiddlewaretoken",
        # Django refuses an HTTPS POST without a same-site referer; wapiti sends none by itself.
        "-H",
        f"Referer: {base}/",
        "-A",
        WAPITI_AGENT,
    ]
    log_path = out_dir / f"wapiti-{label}.log"
    code = run(argv, env=tool_env(), out=log_path, limit=limit)
    text = log_path.read_text(errors="replace")
    if code is None or not report.exists():
        return [], f"did not finish in {limit:.0f} s: see {log_path}"
    if "Max scan time was reached" in text or "Max attack time was reached" in text:
        return [], f"ran out of time before every module finished: see {log_path}"
    data = json.loads(report.read_text())
    found: list[dict[str, object]] = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in (data.get(section) or {}).items():
            for item in items:
                found.append({"section": section, "category": category, **item})
    return found, ""


def suppressed(tool_name: str, category: str, path: str) -> str:
    for t, c, p, why in SUPPRESSED:
        if t == tool_name and c == category and re.search(p, path):
            return why
    return ""


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


def serve(env: dict[str, str], run_dir: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """gunicorn on HTTPS on a free port, as in production (where a proxy would also stand)."""
    cert, key = certificate(run_dir)
    port = free_port()
    base = f"https://127.0.0.1:{port}"
    server = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "samagra.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--threads=8",
            "--worker-class=gthread",
            "--timeout=60",
            f"--certfile={cert}",
            f"--keyfile={key}",
            f"--access-logfile={run_dir / 'access.log'}",
            # The default format and the seconds each answer took.
            '--access-logformat=%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s',
        ],
        env=env,
        out=run_dir / "server.log",
    )
    for _ in range(60):
        try:
            if requests.get(f"{base}/healthz", verify=str(cert), timeout=10).ok:
                return server, base, str(cert)
        except requests.RequestException:
            pass  # still starting
        if server.poll() is not None:
            raise SystemExit(f"The portal did not start: see {run_dir / 'server.log'}")
        time.sleep(0.5)
    raise SystemExit("The portal did not answer /healthz in time.")


TOOLS = {"sqlmap": (SQLMAP, "sqlmap"), "wapiti": (WAPITI, "wapiti")}


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
        log(f"Portal at {base} (gunicorn, production settings).")

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
            return sqlmap(
                job,
                number,
                base=base,
                dbms=db.engine,
                out_dir=sql_dir,
                limit=min(SQLMAP_TARGET_SECONDS, deadline - time.monotonic() - 20),
            )

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
        for child in list(_children):
            stop(child)
        db.drop()


def report(
    outcomes: list[Outcome],
    wapiti_results: list[tuple[str, list[dict[str, object]], str]],
    problems: list[str],
    run_dir: Path,
) -> int:
    failures = 0
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
        elif outcome.state == "incomplete":
            failures += 1
    for problem in problems:
        failures += 1
        print(f"  NOT REACHED: {problem}")
    print("\n== wapiti")
    for label, found, error in wapiti_results:
        if error:
            failures += 1
            print(f"  {label}: INCOMPLETE: {error}")
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
            print(
                f"\nFINDING ({label}, level {level}) {category}: "
                f"{item.get('method')} {path} parameter {item.get('parameter')!r}\n"
                f"  {item.get('info')}\n  {item.get('curl_command') or item.get('http_request')}\n"
            )
        summary = ", ".join(f"{c} (level {lvl}) x{n}" for (c, lvl), n in sorted(counts.items()))
        print(f"  {label}: {summary or 'no finding'}")
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
    return failures


if __name__ == "__main__":
    sys.exit(main())
