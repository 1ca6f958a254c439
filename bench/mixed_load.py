"""The officials' mix of pages, signed in, with audited writes, against gunicorn as deployed:
requests/s per core, latency per page kind at the client and inside the server, and the CPU
the app and PostgreSQL spend per request.

    uv run python bench/mixed_load.py [--seconds 30] [--clients 8] [--workers <cores>]
        [--threads 4] [--warmup 5] [--mix family=35,id-search=15,...]

Uses the register in BENCH_DB (bench/import_register.py loads one). Each client is an office
of a local body of its own (drawn at random from the register): a field official of a few of
its areas (together at least --families-per-official families) and the local body officer,
each with a signed-in session (Redis sessions as deployed, BENCH_CACHE_URL). A client asks for
one page after another with no pause (a closed loop: the server is saturated), choosing the
page kind by the mix (issue 21's by default):

- family 35 %: a family's page (/families/<id>/), a family of the field official's areas;
- id-search 15 %: search by Member ID or Family ID (/search/?q=), as the field official;
- name-search 15 %: search by a name of the local body, Latin or Devanagari, as its officer;
- family-list 10 %: the local body officer's family list (/families/?page=), page 1 half the
  time, 2-5 three times in ten, any page two in ten (pages after 5: kind family-list-deep);
- work-list 10 %: the field official's work list (/work/);
- change-list 5 %: the officer's pending change requests (/updates/);
- overdue 5 %: the officer's overdue work (/work/overdue/);
- write 5 %: the field official corrects a family's house number as a person does it, four
  requests: the form (write-form), its preview (write-preview, POST), the confirmation
  (write, POST: applied at once, audited, an SMS queued) and the change's page it leads to
  (write-result). CSRF as a browser: the form's token and the csrftoken cookie.

Before the first run, --pending verified change requests (member corrections) are made in
each local body and half of them are backdated past their limit, so that the change list,
the officer's work list and the overdue page are not empty. Writes stay in BENCH_DB.

The server is gunicorn with deploy/gunicorn.conf.py (gthread; --workers, --threads, never
replaced for age) and production settings with the portal's own access log on, as
docs/deployment.md deploys it: each request carries an X-Request-ID naming its kind, and the
access log's duration_ms (ops.middleware, timed from the second middleware on) gives the time
inside the server. CPU: utime+stime (/proc) of gunicorn's processes and of the PostgreSQL
backends serving BENCH_DB over the measured window (after --warmup), with the bench client's
own and the whole machine's for comparison. Exits 1 on any error (an unexpected status or a
failed request).
"""

import argparse
import http.client
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import _common as c
import lookup

from deploy.render import GUNICORN_CONF
from security.soak import CSRF, worker_rss

MIX = "family=35,id-search=15,name-search=15,family-list=10,work-list=10,change-list=5,overdue=5,write=5"
TOKEN = re.compile(r'name="token" value="([^"]+)"')
RUN = f"{int(time.time()) % 100_000:05d}"  # this run's part of the house numbers it writes
CLOCK = os.sysconf("SC_CLK_TCK")
DEEP_PAGE = 5  # family list pages after this one are reported as family-list-deep


# --- the offices -----------------------------------------------------------------------------


@dataclass
class Office:
    """A local body's field official and officer, with what they ask for."""

    local_body_id: int
    field_session: str
    officer_session: str
    families: Sequence[tuple[str, int | None, str, str]]  # family_id, village, locality, PIN
    member_ids: list[str]
    names: list[str]
    list_pages: int


def field_official(local_body_id: int, families_wanted: int):  # type: ignore[no-untyped-def]
    """The bench's field official of the local body, with areas of it (in a fixed random
    order) holding at least ``families_wanted`` families."""
    from django.db.models import Count

    from geography.models import LocalBody
    from officials.models import Designation, Official, Role
    from registry.models import Family, FamilyStatus

    local_body = LocalBody.objects.select_related("district").get(pk=local_body_id)
    official, _created = Official.objects.get_or_create(
        user_id=f"bench-field-{local_body_id}",
        defaults={
            "name": "Bench Field Official",
            "mobile": f"67{local_body_id:08d}",  # unique a local body
            "role": Role.FIELD_OFFICIAL,
            "designation": Designation.GP_SECRETARY,
            "district": local_body.district,
            "local_body": local_body,
            "must_change_password": False,
        },
    )
    if not official.areas.exists():
        counts = list(
            Family.objects.filter(area__local_body_id=local_body_id, status=FamilyStatus.ACTIVE)
            .values_list("area_id")
            .annotate(n=Count("pk"))
            .order_by("area_id")
        )
        random.Random(local_body_id).shuffle(counts)
        areas, held = [], 0
        for area_id, n in counts:
            areas.append(area_id)
            held += n
            if held >= families_wanted:
                break
        official.areas.set(areas)
    return official


def seed_pending(field, officer, wanted: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Verified change requests (member corrections by the field official) waiting for the
    officer, up to ``wanted`` in the local body; half of the new ones backdated past their
    limit (overdue)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from registry.models import Member
    from updates.kinds import correct_member
    from updates.models import ChangeKind, ChangeRequest, ChangeStatus
    from updates.services import change_request_submit

    waiting = ChangeRequest.objects.filter(
        status=ChangeStatus.PENDING, family__area__local_body_id=officer.local_body_id
    ).count()
    if waiting >= wanted:
        return
    members = list(
        Member.objects.filter(family__area__in=field.areas.all())
        .select_related("family__area__local_body", "mother")
        .order_by("pk")[: (wanted - waiting) * 3]
    )
    rng.shuffle(members)
    made: list[int] = []
    for member in members:
        if len(made) >= wanted - waiting:
            break
        payload: dict[str, Any] = correct_member.initial(member)
        if payload.get("date_of_birth"):
            payload["date_of_birth"] = payload["date_of_birth"].isoformat()
        payload["father_or_husband_name"] = f"{payload['father_or_husband_name']} Singh".strip()
        try:
            change = change_request_submit(
                actor=field,
                family=member.family,
                kind=ChangeKind.CORRECT_MEMBER,
                data=payload,
                member=member,
            )
        except ValidationError:
            continue  # a member the rules refuse as they are (a conflict, an age gap)
        made.append(change.pk)
    late = timezone.now() - timedelta(days=settings.OVERDUE_DAYS_CHANGE + 3)
    ChangeRequest.objects.filter(pk__in=made[::2]).update(held_since=late, created_at=late)


def offices(count: int, families_wanted: int, pending: int, seed: int) -> list[Office]:
    """``count`` offices of distinct local bodies (as far as the register has them), drawn
    by random families (by primary key range, as the other benches draw)."""
    from django.conf import settings
    from django.db.models import Max, Min

    from registry.models import Family, FamilyStatus, Member

    rng = random.Random(seed)
    bounds = Family.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        raise SystemExit(f"no families in {c.DB}: load a register first (import_register.py)")
    local_bodies: list[int] = []
    for _ in range(50):
        pks = [rng.randint(bounds["low"], bounds["high"]) for _ in range(count * 4)]
        drawn = list(
            Family.objects.filter(pk__in=pks).values_list("area__local_body_id", flat=True)
        )
        rng.shuffle(drawn)  # the rows come in the table's order
        for lb in drawn:
            if lb not in local_bodies and len(local_bodies) < count:
                local_bodies.append(lb)
        if len(local_bodies) >= count:
            break
    made: list[Office] = []
    for lb in local_bodies:
        field = field_official(lb, families_wanted)
        officer = c.bench_local_body_officer(lb)
        seed_pending(field, officer, pending, rng)
        families = list(
            Family.objects.filter(area__in=field.areas.all(), status=FamilyStatus.ACTIVE)
            .order_by("pk")
            .values_list("family_id", "village_id", "locality", "pin_code")[:2000]
        )
        members = list(
            Member.objects.filter(family__area__in=field.areas.all())
            .order_by("pk")
            .values_list("member_id", flat=True)[:2000]
        )
        in_lb = Member.objects.filter(family__area__local_body_id=lb)
        names = [
            name
            for en, hi in in_lb.order_by("?").values_list("name_en", "name_hi")[:300]
            for name in (en, hi)
            if name
        ]
        listed = Family.objects.filter(area__local_body_id=lb, status=FamilyStatus.ACTIVE)
        made.append(
            Office(
                local_body_id=lb,
                field_session=lookup.sessions(1, field)[0],
                officer_session=lookup.sessions(1, officer)[0],
                families=families,
                member_ids=members,
                names=names,
                list_pages=max(1, math.ceil(listed.count() / settings.PAGE_SIZE)),
            )
        )
    return made


# --- the clients -----------------------------------------------------------------------------


@dataclass
class Step:
    kind: str
    who: str  # "field" or "officer"
    method: str
    path: str
    expect: int = 200
    form: dict[str, str] | None = None
    refused: str = ""  # not sent: what went wrong before it (counted as an error of its kind)


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)


class Browser:
    """One persona's cookies (session, CSRF, messages, language), kept as a browser keeps them."""

    def __init__(self, session: str, language: str) -> None:
        self.cookies = {"sessionid": session}
        if language:
            self.cookies["django_language"] = language

    def send(
        self, method: str, path: str, rid: str, form: dict[str, str] | None
    ) -> tuple[int, str, str]:
        headers = {
            "Host": "127.0.0.1",
            "X-Request-ID": rid,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{lookup.PORT}{path}"
        # A connection a request, as nginx opens to gunicorn.
        conn = http.client.HTTPConnection("127.0.0.1", lookup.PORT, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel["expires"].startswith("Thu, 01 Jan 1970"):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.getheader("Location") or "", text


def family_list_page(office: Office, rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.5 or office.list_pages == 1:
        return 1
    if roll < 0.8 or office.list_pages <= DEEP_PAGE:
        return rng.randint(2, min(DEEP_PAGE, office.list_pages))
    return rng.randint(DEEP_PAGE + 1, office.list_pages)


def steps(action: str, office: Office, rng: random.Random) -> Generator[Step, str, None]:
    """The requests of one action. A write's later steps need the earlier answers: the caller
    sends each answer back (a page's text, or a redirect's Location)."""
    match action:
        case "family":
            yield Step("family", "field", "GET", f"/families/{rng.choice(office.families)[0]}/")
        case "id-search":
            wanted = (
                rng.choice(office.member_ids)
                if rng.random() < 0.6
                else rng.choice(office.families)[0]
            )
            yield Step("id-search", "field", "GET", "/search/?" + urlencode({"q": wanted}))
        case "name-search":
            query = urlencode({"q": rng.choice(office.names)})
            yield Step("name-search", "officer", "GET", f"/search/?{query}")
        case "family-list":
            page = family_list_page(office, rng)
            kind = "family-list" if page <= DEEP_PAGE else "family-list-deep"
            yield Step(kind, "officer", "GET", f"/families/?page={page}")
        case "work-list":
            yield Step("work-list", "field", "GET", "/work/")
        case "change-list":
            yield Step("change-list", "officer", "GET", "/updates/")
        case "overdue":
            yield Step("overdue", "officer", "GET", "/work/overdue/")
        case "write":
            family_id, village, locality, pin_code = rng.choice(office.families)
            path = f"/updates/families/{family_id}/address/"
            text = yield Step("write-form", "field", "GET", path)
            form = {
                "csrfmiddlewaretoken": _found(CSRF, text),
                "step": "preview",
                "village": str(village or ""),
                # Always a change, in this run and the next (the runs are seeded alike: a
                # number drawn alone would be the one the last run wrote, "nothing changed").
                "house_number": f"B-{RUN}-{rng.randint(1, 999_999)}",
                "locality": locality,
                "pin_code": pin_code,
            }
            text = yield Step("write-preview", "field", "POST", path, 200, form)
            confirm = {
                "csrfmiddlewaretoken": _found(CSRF, text),
                "step": "confirm",
                "token": _found(TOKEN, text),
            }
            if not confirm["token"]:  # the preview refused the change (its errors shown)
                refusal = _alert(text) or "no message"
                yield Step("write", "field", "POST", path, refused=f"no preview: {refusal}")
                return
            location = urlsplit((yield Step("write", "field", "POST", path, 302, confirm))).path
            if location == path:  # sent back to the form: the preview had expired
                yield Step("write-result", "field", "GET", location, refused="back to the form")
                return
            yield Step("write-result", "field", "GET", location)
        case _:
            raise SystemExit(f"unknown page kind in --mix: {action}")


def _alert(page: str) -> str:
    """The text of a page's alerts (a form's errors), for a refused step's message."""
    blocks = re.findall(r'role="alert"[^>]*>(.*?)</div>', page, re.S)
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", b).split()) for b in blocks)[:300]


def _found(pattern: re.Pattern[str], page: str) -> str:
    match = pattern.search(page)
    return match.group(1).replace("&amp;", "&") if match else ""


def client(
    number: int,
    office: Office,
    mix: dict[str, float],
    language: str,
    measure_from: float,
    stop: float,
    tally: Tally,
) -> None:
    rng = random.Random(number)
    browsers = {
        "field": Browser(office.field_session, language),
        "officer": Browser(office.officer_session, language),
    }
    kinds, weights = list(mix), list(mix.values())
    sequence = 0
    mine: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    examples: list[str] = []
    actions: Counter[str] = Counter()
    while time.perf_counter() < stop:
        action = rng.choices(kinds, weights)[0]
        measured = time.perf_counter() >= measure_from
        if measured:
            actions[action] += 1
        plan = steps(action, office, rng)
        answer: Any = None  # the first send() of a generator is None
        while True:
            try:
                step = plan.send(answer)
            except StopIteration:
                break
            if step.refused:
                errors[step.kind] += measured
                if len(examples) < 5:
                    examples.append(f"{step.method} {step.path}: {step.refused}")
                break
            sequence += 1
            rid = f"{step.kind}.{'m' if measured else 'w'}.{number}.{sequence}"
            started = time.perf_counter()
            try:
                status, location, text = browsers[step.who].send(
                    step.method, step.path, rid, step.form
                )
            except OSError as exc:
                status, location, text = 0, "", type(exc).__name__
            took = time.perf_counter() - started
            if measured:
                mine[step.kind].append(took)
            if status != step.expect:
                if measured:
                    errors[step.kind] += 1
                if len(examples) < 5:
                    examples.append(f"{step.method} {step.path} as {step.who}: {status}")
                break
            answer = location if step.expect == 302 else text
    with tally.lock:
        for kind, values in mine.items():
            tally.seconds[kind].extend(values)
        tally.errors.update(errors)
        tally.examples.extend(examples)
        tally.actions.update(actions)


# --- CPU ---------------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (all its threads), or None when it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK


def machine_busy() -> tuple[float, float]:
    """Seconds of CPU busy and in all (every core) since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK, sum(values) / CLOCK


class Backends:
    """CPU of the PostgreSQL backends serving BENCH_DB (not this one): a backend's CPU at the
    window's start (0 for one that started later) and the last seen, polled every second so
    that one that ends is counted up to its last poll."""

    def __init__(self) -> None:
        import psycopg

        self.conn = psycopg.connect(c.database_url(), autocommit=True)
        self.base: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.started = False

    def pids(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchall()
        return [row[0] for row in rows]

    def poll(self) -> None:
        for pid in self.pids():
            seconds = cpu_seconds(pid)
            if seconds is None:
                continue
            if pid not in self.base:
                self.base[pid] = seconds if not self.started else 0.0
            self.last[pid] = seconds

    def start(self) -> None:
        self.poll()
        self.started = True

    def used(self) -> float:
        return sum(self.last[pid] - self.base[pid] for pid in self.last)


def app_cpu(master: int) -> float:
    pids = [master, *worker_rss(master)]
    return sum(s for s in map(cpu_seconds, pids) if s is not None)


# --- the server --------------------------------------------------------------------------------


def serve(workers: int, threads: int, log_path: Path) -> subprocess.Popen[bytes]:
    """gunicorn with the deployment's configuration file on a local port, production settings
    and the portal's own access log (JSON) to ``log_path``."""
    env = {
        **lookup.server_env(),
        "SAMAGRA_GUNICORN_BIND": f"127.0.0.1:{lookup.PORT}",
        "SAMAGRA_GUNICORN_WORKERS": str(workers),
        "SAMAGRA_GUNICORN_THREADS": str(threads),
        "SAMAGRA_GUNICORN_MAX_REQUESTS": "0",  # the same processes throughout (their CPU)
        "SAMAGRA_GUNICORN_ACCESS_LOG": "",  # as deployed: the portal's own line instead
        "SAMAGRA_GUNICORN_LOG_LEVEL": "warning",
        "SAMAGRA_ACCESS_LOG": "1",
        "SAMAGRA_LOG_FORMAT": "json",
        "SAMAGRA_LOG_LEVEL": "INFO",
        # Compiled modules kept (outside the checkout) as an installed portal has them: without
        # them (PYTHONDONTWRITEBYTECODE) a new worker compiles every module, ~3 s of CPU.
        "PYTHONDONTWRITEBYTECODE": "",
        "PYTHONPYCACHEPREFIX": os.environ.get("PYTHONPYCACHEPREFIX", "/tmp/samagra-bench-pycache"),  # noqa: S108
    }
    with log_path.open("wb") as sink:
        server = subprocess.Popen(  # noqa: S603 - our own server
            [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)],
            cwd=c.ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn did not start: see {log_path}")
        try:
            http.client.HTTPConnection("127.0.0.1", lookup.PORT, timeout=1).request(
                "GET", "/healthz"
            )
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def server_times(log_path: Path) -> tuple[dict[str, list[float]], int]:
    """The measured requests' time inside the server (seconds) by kind, from the access log's
    lines, and the number of tracebacks in the log."""
    times: dict[str, list[float]] = defaultdict(list)
    tracebacks = 0
    for line in log_path.read_text("utf-8", "replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue
        tracebacks += "exc_info" in record
        rid = record.get("request_id") or ""
        parts = rid.split(".")
        if record.get("logger") == "samagra.access" and len(parts) == 4 and parts[1] == "m":
            times[parts[0]].append(float(record["duration_ms"]) / 1000)
    return times, tracebacks


# --- the run -----------------------------------------------------------------------------------


def parse_mix(text: str) -> dict[str, float]:
    mix = {}
    for part in text.split(","):
        name, _sep, weight = part.partition("=")
        mix[name.strip()] = float(weight)
    return mix


def ms(values: list[float], q: float) -> str:
    return f"{c.percentile(values, q) * 1000:7.1f}" if values else "      -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="measured, after the warm-up")
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads a worker")
    parser.add_argument("--mix", default=MIX, help="kind=weight,… (kinds: the docstring's)")
    parser.add_argument("--families-per-official", type=int, default=300)
    parser.add_argument("--pending", type=int, default=40, help="waiting changes a local body")
    parser.add_argument("--language", default="", help="hi or en; empty: the portal's default")
    args = parser.parse_args()
    mix = parse_mix(args.mix)
    os.environ["SAMAGRA_SECRET_KEY"] = lookup.SECRET
    c.setup_django()
    from django.db import connections

    c.manage("collectstatic", "--no-input", "-v0", env=lookup.server_env())
    prepared = time.perf_counter()
    desks = offices(args.clients, args.families_per_official, args.pending, seed=1)
    print(
        f"{len(desks)} offices (local bodies {', '.join(str(o.local_body_id) for o in desks)}); "
        f"field officials hold {min(len(o.families) for o in desks)}-"
        f"{max(len(o.families) for o in desks)} families; family lists of "
        f"{min(o.list_pages for o in desks)}-{max(o.list_pages for o in desks)} pages "
        f"({time.perf_counter() - prepared:.1f} s)",
        flush=True,
    )
    connections.close_all()
    log_path = c.ROOT / "var" / "bench" / f"mixed_load-{c.DB}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    server = serve(args.workers, args.threads, log_path)
    try:
        tally = Tally()
        backends = Backends()
        now = time.perf_counter()
        measure_from, stop = now + args.warmup, now + args.warmup + args.seconds
        threads = [
            threading.Thread(
                target=client,
                args=(n, desks[n % len(desks)], mix, args.language, measure_from, stop, tally),
            )
            for n in range(args.clients)
        ]
        for t in threads:
            t.start()
        while time.perf_counter() < measure_from:
            backends.poll()
            time.sleep(min(1.0, max(0.0, measure_from - time.perf_counter())))
        backends.start()
        app0, client0, (busy0, all0) = app_cpu(server.pid), time.process_time(), machine_busy()
        began = time.perf_counter()
        while time.perf_counter() < stop:
            time.sleep(min(1.0, max(0.0, stop - time.perf_counter())))
            backends.poll()
        app1, client1, (busy1, all1) = app_cpu(server.pid), time.process_time(), machine_busy()
        window = time.perf_counter() - began
        rss = worker_rss(server.pid)
        for t in threads:
            t.join()
        backends.poll()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    inside, tracebacks = server_times(log_path)
    report(args, tally, inside, tracebacks, window, rss)
    cpu = {
        "app": app1 - app0,
        "pg": backends.used(),
        "client": client1 - client0,
        "busy": busy1 - busy0,
        "all": all1 - all0,
    }
    failed = cpu_report(tally, cpu, window) or tracebacks > 0
    if failed:
        raise SystemExit(1)


def report(
    args: argparse.Namespace,
    tally: Tally,
    inside: dict[str, list[float]],
    tracebacks: int,
    window: float,
    rss: dict[int, int],
) -> None:
    total = sum(len(v) for v in tally.seconds.values())
    print(
        f"register: {c.member_count():,} members in {c.DB}; {args.clients} clients, gunicorn "
        f"-w {args.workers} --threads {args.threads} (gthread); cache "
        f"{lookup.CACHE_URL or 'none'}; {window:.1f} s measured after {args.warmup:.0f} s; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'kind':18} {'n':>6} {'share':>6}   {'client p50':>10} {'p99':>7}   "
        f"{'server p50':>10} {'p99':>7} {'n':>6}   errors"
    )
    for kind in sorted(tally.seconds, key=lambda k: -len(tally.seconds[k])):
        values, server = tally.seconds[kind], inside.get(kind, [])
        print(
            f"{kind:18} {len(values):6} {len(values) / max(total, 1):6.1%}   "
            f"{ms(values, 0.5):>10} {ms(values, 0.99)}   {ms(server, 0.5):>10} "
            f"{ms(server, 0.99)} {len(server):6}   {tally.errors[kind]}"
        )
    everything = [s for v in tally.seconds.values() for s in v]
    served = [s for v in inside.values() for s in v]
    print(
        f"{'all':18} {total:6} {'':6}   {ms(everything, 0.5):>10} {ms(everything, 0.99)}   "
        f"{ms(served, 0.5):>10} {ms(served, 0.99)} {len(served):6}   {sum(tally.errors.values())}"
    )
    print(f"actions: {dict(tally.actions.most_common())}")
    print(
        f"web workers' RSS at the end: {', '.join(f'{kb / 1024:.0f}' for kb in rss.values())} MB; "
        f"tracebacks in the server's log: {tracebacks}"
    )
    for example in tally.examples[:5]:
        print(f"  error: {example}")


def cpu_report(tally: Tally, cpu: dict[str, float], window: float) -> bool:
    """Prints throughput and the CPU split; True when a request failed."""
    total = sum(len(v) for v in tally.seconds.values())
    cores = len(os.sched_getaffinity(0))
    rate = total / window
    other = cpu["busy"] - cpu["app"] - cpu["pg"] - cpu["client"]
    print(
        f"throughput: {rate:.1f} requests/s; {rate / cores:.1f} requests/s per core "
        f"({cores} cores, {cpu['busy'] / window:.2f} of them busy)"
    )
    per = 1000 / max(total, 1)
    print(
        f"CPU per request: app (gunicorn) {cpu['app'] * per:.2f} ms, PostgreSQL (backends of "
        f"{c.DB}) {cpu['pg'] * per:.2f} ms, bench client {cpu['client'] * per:.2f} ms, other "
        f"{other * per:.2f} ms; app {cpu['app']:.1f} s = {total / max(cpu['app'], 1e-9):.0f} "
        f"requests per app CPU-second"
    )
    errors = sum(tally.errors.values())
    print(f"errors: {errors}" + (" (must be 0)" if errors else ""))
    return errors > 0


if __name__ == "__main__":
    main()
