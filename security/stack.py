"""The portal under scan, and the processes of a scan (security/scan.py) and the soak.

A database of its own (PostgreSQL, dropped at the end; a SQLite file only outside CI when no
PostgreSQL answers), the production settings with a generated secret key, and the portal as
production runs it, from the deployment kit's own files: gunicorn with deploy/gunicorn.conf.py
on a Unix socket, behind nginx with deploy/nginx/samagra.conf rendered for this run (a
temporary prefix, a self-signed certificate, free local ports), so that the scanners and the
soak meet the real TLS server block, its static files, headers and limits. Every child process
starts in a process group of its own, so that it and whatever it starts stop together.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from base64 import b64encode, urlsafe_b64encode
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
from deploy.render import DEPLOY, GUNICORN_CONF, nginx_binary, nginx_site, standalone

ROOT = Path(__file__).resolve().parent.parent

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
        # The family cards' signing key (registry.card_signing: 32 bytes, base64url).
        SAMAGRA_CARD_KEY_ID="scan",
        SAMAGRA_CARD_SIGNING_KEY=urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("="),
        SAMAGRA_UIDAI_ADAPTER="sandbox",
        SAMAGRA_MEDIA_ROOT=str(run_dir / "media"),
        SAMAGRA_LOG_LEVEL="WARNING",
        # Behind nginx: HTTPS is what nginx says it was (X-Forwarded-Proto), as in production.
        SAMAGRA_BEHIND_PROXY="1",
        # Production settings with fast password hashing (see the module for why).
        DJANGO_SETTINGS_MODULE="security.scan_settings",
    )
    return env


def serve(env: dict[str, str], run_dir: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """The portal as in production: gunicorn (deploy/gunicorn.conf.py) on a Unix socket behind
    nginx (deploy/nginx/samagra.conf) on HTTPS on a free port. Returns gunicorn's process (its
    workers are what the soak measures), nginx's https address and the certificate to trust.
    nginx's access log is run_dir/access.log (every answer, its own 502s and 413s too)."""
    nginx = nginx_binary()
    if nginx is None:
        raise SystemExit(
            "nginx is needed: the portal runs behind it, as in production "
            "(apt-get install nginx; it need not run as a service)."
        )
    cert, key = certificate(run_dir)
    socket_path = run_dir / "gunicorn.sock"
    server = start(
        [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)],
        env={
            **env,
            "SAMAGRA_GUNICORN_BIND": f"unix:{socket_path}",
            # As before the proxy: 2 workers of 8 threads on 2 cores.
            "SAMAGRA_GUNICORN_WORKERS": "2",
            "SAMAGRA_GUNICORN_THREADS": "8",
            # No worker is replaced for its age: the soak measures their growth, and would take
            # a replaced worker for a crash.
            "SAMAGRA_GUNICORN_MAX_REQUESTS": "0",
            "SAMAGRA_GUNICORN_ACCESS_LOG": str(run_dir / "gunicorn-access.log"),
        },
        out=run_dir / "server.log",
    )
    https, http = free_port(), free_port()
    prefix = run_dir / "nginx"
    prefix.mkdir(exist_ok=True)
    site = prefix / "samagra.conf"
    site.write_text(
        nginx_site(
            server_name="127.0.0.1",
            certificate=str(cert),
            certificate_key=str(key),
            https_listen=[f"127.0.0.1:{https}"],
            http_listen=[f"127.0.0.1:{http}"],
            static_root=str(ROOT / "var" / "static"),  # the settings' STATIC_ROOT
            upstream=f"unix:{socket_path}",
            access_log=str(run_dir / "access.log"),
            error_log=str(prefix / "error.log"),
            snippets=str(DEPLOY / "nginx"),
        )
    )
    conf = standalone(prefix, site, nginx)
    base = f"https://127.0.0.1:{https}"
    for _ in range(120):
        if socket_path.exists() or server.poll() is not None:
            break
        time.sleep(0.5)
    proxy = start(
        [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
        env=env,
        out=run_dir / "nginx.log",
    )
    for _ in range(60):
        try:
            if requests.get(f"{base}/healthz", verify=str(cert), timeout=10).ok:
                return server, base, str(cert)
        except requests.RequestException:
            pass  # still starting
        for name, proc, log_file in (
            ("The portal", server, run_dir / "server.log"),
            ("nginx", proxy, prefix / "error.log"),
        ):
            if proc.poll() is not None:
                raise SystemExit(f"{name} did not start: see {log_file}")
        time.sleep(0.5)
    raise SystemExit("The portal did not answer /healthz through nginx in time.")


def stop_all() -> None:
    """Every child still running (at the end of a scan, whatever ended it)."""
    for child in list(_children):
        stop(child)
