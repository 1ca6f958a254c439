"""The two scanners of security/scan.py: sqlmap, one bounded process per parameter of each target
the crawl found, and wapiti, per persona in groups of modules; what each found, read from its
own report, and which findings are known to be safe (SUPPRESSED, empty: every finding counts).
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from security.crawl import ANONYMOUS_ONLY, NEVER, Persona, Target, matches
from security.stack import run, tool, tool_env

# Pinned. wapiti3 3.3 needs Python 3.12; 3.2.3 is the newest that runs on the project's 3.11.
SQLMAP = "sqlmap==1.10.10"
WAPITI = "wapiti3==3.2.3"
# A form on every page, with the page in a hidden field: wapiti would attack it once per page.
# It gets a wapiti run of its own, on that one request.
WAPITI_ALONE = r"^/i18n/setlang/"
# wapiti modules: the default set less ssl (a self-signed certificate is the setup, not a
# finding) and ssrf (needs an endpoint on the internet), plus the injection and form checks that
# work offline. Never brute_login_form (it would lock accounts), buster/nikto (brute force of
# paths; Django serves only its URLconf), nor modules that download databases (wapp, htp, cms).
# Three groups, each a wapiti process of its own, so they run side by side (permanentxss looks
# for what xss stored, so those two share one). Not sql: sqlmap attacks every parameter the crawl
# found with four techniques, and wapiti's sql module repeated a share of that on a server the
# scan keeps busy (its two signed-in runs took about 9 minutes each).
WAPITI_MODULES = [
    "exec,file",
    "xss,permanentxss",
    "redirect,crlf,csrf,upload,cookieflags,csp,http_headers,methods,backup,htaccess",
]
# Wapiti levels (wapitiCore/language/vulnerability.py): 0 info, 1 low, 2 medium, 3 high,
# 4 critical. Medium and above fail the scan.
FAIL_LEVEL = 2
# A bound for one sqlmap process (one parameter), besides the run's budget; no run starts with
# less than SQLMAP_MIN_SECONDS of the budget left (most clean runs take 10 to 30 s).
SQLMAP_TARGET_SECONDS = 150.0
SQLMAP_MIN_SECONDS = 45.0
# A sqlmap run the budget did not reach (or cut short), and a wapiti run the budget stopped:
# listed, not failed (security/scan.py's --min-share bounds how many may be).
NOT_REACHED = "not reached"
BUDGET_ENDED = "the budget ended"
# Findings known to be false positives: (tool, category, path regex, why). Keep each narrow and
# say why it is safe. Empty means every finding counts.
SUPPRESSED: list[tuple[str, str, str, str]] = []

# Told apart in the portal's access log: sqlmap's own user agent names it.
WAPITI_AGENT = "wapiti (security/scan)"

TOOLS = {"sqlmap": (SQLMAP, "sqlmap"), "wapiti": (WAPITI, "wapiti")}


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
    state: str  # "clean", "injectable", "incomplete" or NOT_REACHED
    detail: str
    seconds: float
    stopped: bool = False  # stopped at its time limit


def sqlmap(job: Job, number: int, *, base: str, dbms: str, out_dir: Path, limit: float) -> Outcome:
    target = job.target
    log_path = out_dir / f"{number:03d}-{target.persona}.log"
    # Every request and answer, kept only when the run found something: what the pages it
    # compared said is what tells a finding from a page that changed under it.
    traffic = out_dir / f"{number:03d}-{target.persona}.traffic"
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
        # Pages compared by their text: a form's masked CSRF token differs on every answer, and
        # pages compared whole made the boolean test guess (the README says how this was found;
        # security/canary.py shows an injection is still found).
        "--text-only",
        "--disable-coloring",
        f"--output-dir={out_dir / f'{number:03d}'}",
        "-t",
        str(traffic),
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
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    if "following injection point" in text:
        block = text[text.index("following injection point") :].split("\n---\n")
        return Outcome(job, "injectable", "\n".join(block[:2])[:3000], seconds)
    traffic.unlink(missing_ok=True)
    if code is None:
        return Outcome(job, "incomplete", f"stopped after {limit:.0f} s", seconds, stopped=True)
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
    text = log_path.read_text(errors="replace") if log_path.exists() else ""
    if code is None or not report.exists():
        return [], f"did not finish in {limit:.0f} s: see {log_path}"
    data = json.loads(report.read_text())
    found: list[dict[str, object]] = []
    for section in ("vulnerabilities", "anomalies"):
        for category, items in (data.get(section) or {}).items():
            for item in items:
                found.append({"section": section, "category": category, **item})
    # --max-scan-time is what is left of the run's budget: wapiti stops there and reports.
    if "Max scan time was reached" in text or "Max attack time was reached" in text:
        return found, f"{BUDGET_ENDED} ({limit:.0f} s) before every module finished: {log_path}"
    return found, ""


def suppressed(tool_name: str, category: str, path: str) -> str:
    for t, c, p, why in SUPPRESSED:
        if t == tool_name and c == category and re.search(p, path):
            return why
    return ""
