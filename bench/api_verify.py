"""Verify a Member ID through the department API (GET /api/v1/members/{id}/status, a bearer
token, every read logged) under concurrent clients, against the no-database floor of the same
stack: the API's own refusal of a request without a token (gunicorn, Django's middleware,
django-ninja, a problem-details answer; no query).

    uv run python bench/api_verify.py [--clients 8] [--seconds 20] [--workers N] [--threads N]

The server is gunicorn as deployed (deploy/gunicorn.conf.py: gthread, 2 x cores + 1 workers of
4 threads unless told otherwise; bench/mixed_load.serve), its access log in a temporary file.

Uses the register in BENCH_DB (bench/import_register.py loads one). Registers a statewide
client with a rate limit it cannot reach, takes one token per client, then measures throughput
and latency of both. Every verify logs an ApiRead row (append-only: they stay in BENCH_DB).
Targets (issue 17, at 5 M members): p99 < 20 ms at 8 clients; ≥ 50 % of the floor's throughput.
"""

import argparse
import http.client
import os
import random
import signal
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import _common as c
import lookup
import mixed_load

PURPOSE = "bench-verify"


def client_tokens(count: int) -> list[str]:
    from django.utils import timezone

    from api.services import client_register, token_issue

    credentials = client_register(
        actor=c.bench_admin(),
        name="Bench verifier",
        department="Bench",
        scopes=["identity"],
        purposes=[PURPOSE],
        statewide=True,
        districts=[],
        rate_per_minute=2_000_000_000,
        expires_on=timezone.localdate() + timedelta(days=1),
    )
    return [
        token_issue(
            client_id=credentials.client_id, client_secret=credentials.client_secret
        ).access_token
        for _ in range(count)
    ]


def member_ids(count: int) -> list[str]:
    from registry.models import Member

    low, high = c.pk_range()
    rng = random.Random(1)
    pks = [rng.randint(low, high) for _ in range(count * 2)]
    return list(Member.objects.filter(pk__in=pks).values_list("member_id", flat=True)[:count])


def load(
    paths: list[str], tokens: list[str | None], seconds: float, expected: int
) -> tuple[int, list[float], int]:
    """One thread a client, each one request at a time on its own keep-alive-less connection
    (as lookup.py), for ``seconds``."""
    stop = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(token: str | None, seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        mine, bad = [], 0
        headers = {"Host": "127.0.0.1", "Accept-Language": "en"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        while time.perf_counter() < stop:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", lookup.PORT, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError:
                status = 0
            mine.append(time.perf_counter() - started)
            bad += status != expected
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(t, i)) for i, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    cores = os.cpu_count() or 2
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="as deployed")
    parser.add_argument("--threads", type=int, default=4, help="gthread threads a worker")
    args = parser.parse_args()
    os.environ["SAMAGRA_SECRET_KEY"] = lookup.SECRET
    c.setup_django()
    c.manage("migrate", "-v0")  # the api app's tables, on a register loaded before it
    c.manage("collectstatic", "--no-input", "-v0", env=lookup.server_env())
    tokens = client_tokens(args.clients)
    ids = member_ids(2000)
    if not ids:
        raise SystemExit(f"no members in {c.DB}: load a register first (import_register.py)")
    log_path = Path(tempfile.mkdtemp(prefix="bench-verify-")) / "server.log"
    server = mixed_load.serve(args.workers, args.threads, log_path)  # as deployed
    try:
        verify = [f"/api/v1/members/{i}/status?purpose={PURPOSE}" for i in ids]
        floor = [f"/api/v1/members/{i}/status?purpose={PURPOSE}" for i in ids[:50]]
        anonymous: list[str | None] = [None] * args.clients
        bearers: list[str | None] = list(tokens)
        load(floor, anonymous, 2, 401)  # warm up
        load(verify[:50], bearers, 2, 200)
        n_floor, floor_t, floor_err = load(floor, anonymous, args.seconds, 401)
        n_verify, verify_t, verify_err = load(verify, bearers, args.seconds, 200)
        floor_rate, verify_rate = n_floor / args.seconds, n_verify / args.seconds
        print(
            f"register: {c.member_count():,} members; {args.clients} clients, gunicorn "
            f"(deploy/gunicorn.conf.py) -w {args.workers} --threads {args.threads}; cache {lookup.CACHE_URL or 'none'}; load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        print(
            f"floor (no token: 401 problem, no database): {floor_rate:7.1f} req/s  "
            f"{c.summary('latency', floor_t)}  errors {floor_err}"
        )
        print(
            f"verify a Member ID (token, read, logged):   {verify_rate:7.1f} req/s  "
            f"{c.summary('latency', verify_t)}  errors {verify_err}"
        )
        p99 = c.percentile(verify_t, 0.99) * 1000
        print(
            f"ratio throughput verify/floor: {verify_rate / floor_rate:.1%} (target ≥ 50 %); "
            f"p99 {p99:.1f} ms (target < 20 ms)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
