"""Family page by Family ID under concurrent clients, against a page of the same server stack
that touches no database (/scale/up/), on a real gunicorn server.

    uv run python bench/lookup.py [--clients 8] [--seconds 20] [--workers <cores>]

Uses the register the import bench left in BENCH_DB (scale_bench). Starts gunicorn with
production settings (DEBUG off, WhiteNoise after collectstatic), signs in one state admin per
client (a session each, as real users have), then measures throughput and latency of both
pages and the largest resident memory (RSS) of any web worker while serving them.
"""

import argparse
import http.client
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import _common as c

from core.net import free_port

PORT = int(os.environ.get("BENCH_PORT", "0")) or free_port()
SECRET = "bench-only-" + "x" * 50  # the sessions made here must be valid for the server
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")


def server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": c.database_url(),
        "SAMAGRA_DEBUG": "0",
        "SAMAGRA_SECRET_KEY": SECRET,
        "SAMAGRA_ALLOWED_HOSTS": "127.0.0.1",
        "SAMAGRA_SECURE": "0",
        "SAMAGRA_LOG_LEVEL": "WARNING",
        # As deployed: sessions read from the shared Redis (docs/deployment.md); empty: database.
        "SAMAGRA_CACHE_URL": CACHE_URL,
    }


def sessions(count: int, official=None) -> list[str]:  # type: ignore[no-untyped-def]
    """``count`` signed-in sessions of ``official`` (the bench's state admin by default)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    admin = official or c.bench_admin()
    keys = []
    for _ in range(count):
        store = SessionStore()
        store[SESSION_KEY] = str(admin.pk)
        store[BACKEND_SESSION_KEY] = "officials.backends.OfficialBackend"
        store[HASH_SESSION_KEY] = admin.get_session_auth_hash()
        store.create()
        keys.append(str(store.session_key))
    return keys


def worker_rss_mb(master: int) -> float:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    best = 0.0
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    best = max(best, int(line.split()[1]) / 1024)
        except FileNotFoundError:
            continue
    return best


def load(paths: list[str], cookies: list[str], seconds: float) -> tuple[int, list[float], int]:
    """Clients in threads, each one request at a time, for ``seconds``."""
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(cookie: str, seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        mine, bad = [], 0
        while time.perf_counter() < stop:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError:
                status = 0  # timed out or refused: counted as an error
            mine.append(time.perf_counter() - started)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(ck, i)) for i, ck in enumerate(cookies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    # One web worker a core: here PostgreSQL and the clients share the cores with them, and
    # more workers only queue for the same two (measured: -w 4 gave ~6 % less throughput and a
    # p99 ~7 ms longer than -w 2). On app servers of their own, docs/deployment.md.
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    os.environ["SAMAGRA_SECRET_KEY"] = SECRET
    c.setup_django()
    from registry.models import Family

    c.manage("collectstatic", "--no-input", "-v0", env=server_env())
    total = Family.objects.count()
    ids = list(Family.objects.values_list("family_id", flat=True).order_by("?")[:2000])
    keys = sessions(args.clients)
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "samagra.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=c.ROOT,
        env=server_env(),
    )
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        lang = "django_language=en"
        anon = [lang] * args.clients
        signed = [f"sessionid={k}; {lang}" for k in keys]
        peak = [0.0]
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], worker_rss_mb(server.pid))
                time.sleep(0.5)

        threading.Thread(target=watch, daemon=True).start()
        load(["/scale/up/"], anon, 2)  # warm up
        load([f"/families/{i}/" for i in ids[:50]], signed, 2)
        n_floor, floor_t, floor_err = load(["/scale/up/"], anon, args.seconds)
        n_page, page_t, page_err = load([f"/families/{i}/" for i in ids], signed, args.seconds)
        done.set()
        floor_rate, page_rate = n_floor / args.seconds, n_page / args.seconds
        print(
            f"register: {c.member_count():,} members, {total:,} families; {args.clients} clients, "
            f"gunicorn -w {args.workers}; cache {CACHE_URL or 'none'}; load average {os.getloadavg()[0]:.1f}"
        )
        print(
            f"floor /scale/up/ (no database): {floor_rate:7.1f} req/s  "
            f"{c.summary('latency', floor_t)}  errors {floor_err}"
        )
        print(
            f"family page by Family ID:      {page_rate:7.1f} req/s  "
            f"{c.summary('latency', page_t)}  errors {page_err}"
        )
        p99 = c.percentile(page_t, 0.99) * 1000
        print(
            f"ratio throughput page/floor: {page_rate / floor_rate:.1%} (target ≥ 70 %); "
            f"p99 {p99:.1f} ms (target < 50 ms); largest web worker RSS {peak[0]:.0f} MB "
            f"(target < 300 MB)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
