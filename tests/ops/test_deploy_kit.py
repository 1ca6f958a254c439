"""The deployment kit (deploy/): systemd units that systemd accepts, an nginx site that nginx
accepts and that behaves as docs/deployment.md says, behind it a stand-in for gunicorn.

systemd-analyze (Debian's systemd package) and nginx are needed; without them these tests skip
on a developer's machine and fail in CI (CI=true)."""

import http.server
import os
import re
import shutil
import socketserver
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.management import get_commands
from django.test import Client, override_settings

from core.net import free_port
from deploy.render import (
    DEPLOY,
    NGINX_HEADERS,
    SYSTEMD,
    UPLOAD_MAX_MB,
    fill,
    nginx_binary,
    nginx_site,
    standalone,
)
from security.stack import certificate

CODE = "/srv/samagra/app"


def need(tool: str | None, what: str) -> str:
    if tool:
        return tool
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing, and CI needs it (.ci/run installs it).")
    pytest.skip(f"{what} is not installed (apt-get install {what.split()[0]}).")


# --- systemd -------------------------------------------------------------------------------------


def _units_for_verify(tmp_path: Path) -> list[Path]:
    """The kit's units, with the code folder moved to a temporary one holding stand-ins for the
    programs they start (systemd-analyze verify checks that those exist), and the template
    instantiated once for each of its timers."""
    bin_dir = tmp_path / "app" / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for program in ("gunicorn", "python"):
        (bin_dir / program).write_text("#!/bin/sh\n")
        (bin_dir / program).chmod(0o755)
    units = tmp_path / "units"
    units.mkdir()
    for unit in SYSTEMD.iterdir():
        (units / unit.name).write_text(unit.read_text().replace(CODE, str(tmp_path / "app")))
    template = (units / "samagra-manage@.service").read_text()
    for timer in units.glob("samagra-manage@*.timer"):
        (units / timer.name.replace(".timer", ".service")).write_text(template)
    (units / "samagra-manage@.service").unlink()
    return sorted(units.iterdir())


def _verify(units: list[Path]) -> subprocess.CompletedProcess[str]:
    tool = need(shutil.which("systemd-analyze"), "systemd (systemd-analyze)")
    return subprocess.run(  # noqa: S603
        [tool, "verify", *map(str, units)], capture_output=True, text=True, timeout=60
    )


def test_systemd_units_verify_clean(tmp_path: Path) -> None:
    units = _units_for_verify(tmp_path)
    assert {u.name for u in units} >= {
        "samagra-web.socket",
        "samagra-web.service",
        "samagra-worker.service",
        "samagra-dashboards-close.timer",
    }
    done = _verify(units)
    assert done.returncode == 0, done.stderr
    assert done.stdout + done.stderr == ""  # a warning (an unknown key, say) fails too


def test_systemd_verify_reports_a_mistake(tmp_path: Path) -> None:
    units = _units_for_verify(tmp_path)
    web = next(u for u in units if u.name == "samagra-web.service")
    web.write_text(web.read_text().replace("ProtectSystem=strict", "ProtectSystm=strict"))
    done = _verify(units)
    assert "Unknown key 'ProtectSystm'" in done.stderr


@pytest.mark.parametrize("unit", ["samagra-web.service", "samagra-worker.service"])
def test_services_are_hardened(tmp_path: Path, unit: str) -> None:
    units = _units_for_verify(tmp_path)
    tool = need(shutil.which("systemd-analyze"), "systemd (systemd-analyze)")
    path = next(u for u in units if u.name == unit)
    # systemd's own exposure score, 0 (locked down) to 10; "OK" is below 4.
    done = subprocess.run(  # noqa: S603
        [tool, "security", "--offline=true", "--threshold=25", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout[-2000:]


def test_every_service_has_the_hardening_and_the_timers_run_known_commands() -> None:
    for unit in SYSTEMD.glob("*.service"):
        text = unit.read_text()
        for line in ("NoNewPrivileges=yes", "ProtectSystem=strict", "PrivateTmp=yes"):
            assert line in text, f"{unit.name}: {line}"
        assert "ReadWritePaths=/srv/samagra/data" in text
        assert "User=samagra" in text
    timers = {
        t.name.removeprefix("samagra-manage@").removesuffix(".timer")
        for t in SYSTEMD.glob("samagra-manage@*.timer")
    }
    assert timers == {
        "dashboards_compute",
        "grievances_escalate",
        "api_exports_expire",
        "deactivations_apply",
        "documents_sweep",
        "name_words",
        "list_exports_expire",
        "escalate_overdue",
    }
    assert timers <= set(get_commands())
    close = (SYSTEMD / "samagra-dashboards-close.service").read_text()
    assert "manage.py dashboards_compute --days 2" in close


# --- nginx: the file -------------------------------------------------------------------------


def test_render_fills_every_value_and_refuses_a_missing_one() -> None:
    site = nginx_site(
        server_name="samagra.example.in", certificate="/c.pem", certificate_key="/k.pem"
    )
    assert "@" not in re.sub(r"@samagra_\w+", "", site)
    assert "listen 443 ssl http2 default_server;" in site
    assert "listen [::]:443 ssl http2 default_server;" in site
    assert "return 301 https://samagra.example.in$request_uri;" in site
    with pytest.raises(ValueError, match="@CERT@"):
        fill("ssl_certificate @CERT@;\n", {})


def test_nginx_body_limit_follows_the_apps_upload_limit() -> None:
    # The settings' default (tests run without SAMAGRA_UPLOAD_MAX_MB) is the renderer's.
    assert settings.UPLOAD_MAX_BYTES == UPLOAD_MAX_MB * 1024 * 1024
    site = nginx_site(server_name="x", certificate="/c", certificate_key="/k", upload_max_mb=8)
    assert "client_max_body_size 9m;" in site


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_nginx_static_headers_are_djangos(client: Client, db: None) -> None:
    """What nginx adds to its own answers is what Django sends (production settings' HSTS)."""
    ours = dict(re.findall(r'add_header (\S+) "([^"]*)" always;', NGINX_HEADERS.read_text()))
    assert len(ours) == 6
    answer = client.get("/healthz", secure=True)
    for name, value in ours.items():
        assert answer.headers.get(name) == value, name


def test_nginx_accepts_the_site(tmp_path: Path) -> None:
    nginx = need(nginx_binary(), "nginx")
    cert, key = certificate(tmp_path)
    site = tmp_path / "samagra.conf"
    site.write_text(
        nginx_site(
            server_name="127.0.0.1",
            certificate=str(cert),
            certificate_key=str(key),
            https_listen=[f"127.0.0.1:{free_port()}"],
            http_listen=[f"127.0.0.1:{free_port()}"],
            static_root=str(tmp_path / "static"),
            upstream=f"unix:{tmp_path / 'app.sock'}",
            access_log=str(tmp_path / "access.log"),
            error_log=str(tmp_path / "error.log"),
            snippets=str(DEPLOY / "nginx"),
        )
    )
    conf = standalone(tmp_path / "nginx", site, nginx)
    args = [
        nginx,
        "-t",
        "-p",
        str(tmp_path / "nginx"),
        "-c",
        str(conf),
        "-e",
        str(tmp_path / "e.log"),
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=30)  # noqa: S603
    assert done.returncode == 0, done.stderr
    # And it is not a test that passes whatever the file says.
    site.write_text(site.read_text().replace("proxy_read_timeout 65s;", "proxy_read_timeout;"))
    done = subprocess.run(args, capture_output=True, text=True, timeout=30)  # noqa: S603
    assert done.returncode != 0


# --- nginx: live, in front of a stand-in for gunicorn ------------------------------------------


class Upstream(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    seen: list[dict[str, str]]


class Echo(http.server.BaseHTTPRequestHandler):
    """Answers with Django's security headers, and keeps the headers it was sent."""

    server: Upstream

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append(
            {k.lower(): v for k, v in self.headers.items()} | {"path": self.path}
        )
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Strict-Transport-Security", "max-age=31536000")
        self.send_header("Content-Security-Policy", "default-src 'self'")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store, private")
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer
    do_POST = _answer

    def address_string(self) -> str:
        return "unix"

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[dict[str, object]]:
    nginx = need(nginx_binary(), "nginx")
    cert, key = certificate(tmp_path)
    sock = tmp_path / "app.sock"
    upstream = Upstream(str(sock), Echo)
    upstream.seen = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body{}")
    (static / "css" / "site.css").write_text("body{}")
    https, http_port = free_port(), free_port()
    site = tmp_path / "samagra.conf"
    site.write_text(
        nginx_site(
            server_name="127.0.0.1",
            certificate=str(cert),
            certificate_key=str(key),
            https_listen=[f"127.0.0.1:{https}"],
            http_listen=[f"127.0.0.1:{http_port}"],
            static_root=str(static),
            upstream=f"unix:{sock}",
            access_log=str(tmp_path / "access.log"),
            error_log=str(tmp_path / "error.log"),
            snippets=str(DEPLOY / "nginx"),
        )
    )
    prefix = tmp_path / "nginx"
    conf = standalone(prefix, site, nginx)
    proc = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    session = requests.Session()
    session.trust_env = False
    session.verify = str(cert)
    base = f"https://127.0.0.1:{https}"
    try:
        for _ in range(50):
            try:
                session.get(f"{base}/static/css/site.css", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        yield {
            "base": base,
            "http": f"http://127.0.0.1:{http_port}",
            "session": session,
            "upstream": upstream,
            "log": tmp_path / "access.log",
        }
    finally:
        proc.terminate()
        proc.wait(10)
        upstream.shutdown()
        upstream.server_close()


def test_proxy_passes_scheme_client_and_request_id(proxy: dict) -> None:
    session, base, seen = proxy["session"], proxy["base"], proxy["upstream"].seen
    answer = session.get(
        f"{base}/families/?q=Ramesh",
        headers={"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Ssl": "off", "Host": "127.0.0.1:1"},
    )
    assert answer.status_code == 200
    got = seen[-1]
    assert got["x-forwarded-proto"] == "https"
    assert got["x-forwarded-for"] == "127.0.0.1"  # the client's own claim is not passed on
    assert "x-forwarded-ssl" not in got  # it would contradict X-Forwarded-Proto (gunicorn 400)
    assert got["host"] == "127.0.0.1:1"
    assert re.fullmatch(r"[0-9a-f]{32}", got["x-request-id"])
    session.get(f"{base}/x", headers={"X-Request-ID": "lb-1234-abcd"})
    assert seen[-1]["x-request-id"] == "lb-1234-abcd"
    session.get(f"{base}/x", headers={"X-Request-ID": 'bad id" with quotes'})
    assert re.fullmatch(r"[0-9a-f]{32}", seen[-1]["x-request-id"])
    # Django's headers reach the browser once each.
    for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options"):
        assert len(answer.raw.headers.getlist(name)) == 1, name
    assert answer.headers["Server"] == "nginx"  # no version, no "gunicorn"
    # The access log has the path and the request ID, never the query string.
    log = proxy["log"].read_text()
    assert '"GET /families/ HTTP/1.1" 200' in log
    assert "Ramesh" not in log
    assert f"rid={got['x-request-id']}" in log


def test_http_redirects_to_https(proxy: dict) -> None:
    answer = requests.get(f"{proxy['http']}/login/?next=/x", allow_redirects=False, timeout=5)
    assert answer.status_code == 301
    assert answer.headers["Location"] == "https://127.0.0.1/login/?next=/x"


def test_static_files_from_nginx_with_caching_and_headers(proxy: dict) -> None:
    session, base, seen = proxy["session"], proxy["base"], proxy["upstream"].seen
    before = len(seen)
    hashed = session.get(f"{base}/static/css/site.0123456789ab.css")
    plain = session.get(f"{base}/static/css/site.css")
    assert hashed.status_code == plain.status_code == 200
    assert len(seen) == before  # never reached the app
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert plain.headers["Cache-Control"] == "public, max-age=3600"
    assert plain.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in plain.headers["Content-Security-Policy"]


def test_upload_limit_and_the_apps_absence(proxy: dict) -> None:
    session, base, upstream = proxy["session"], proxy["base"], proxy["upstream"]
    fits = session.post(f"{base}/upload/", data=b"x" * (UPLOAD_MAX_MB * 1024 * 1024 + 1000))
    assert fits.status_code == 200  # just over the app's limit: the app says so, not nginx
    too_large = session.post(f"{base}/upload/", data=b"x" * ((UPLOAD_MAX_MB + 2) * 1024 * 1024))
    assert too_large.status_code == 413
    assert "File too large" in too_large.text and "फ़ाइल बहुत बड़ी है" in too_large.text
    assert too_large.headers["X-Content-Type-Options"] == "nosniff"
    upstream.shutdown()
    upstream.server_close()
    Path(upstream.server_address).unlink()
    down = session.get(f"{base}/")
    assert down.status_code == 502  # nginx's own status kept (502 down, 504 too slow)
    assert down.headers["Retry-After"] == "60"
    assert "not available" in down.text
