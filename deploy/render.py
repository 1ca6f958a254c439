"""Fill in the deployment kit's nginx site (deploy/nginx/samagra.conf) with a server's values.

    .venv/bin/python -m deploy.render nginx --server-name samagra.example.gov.in \\
        --certificate /etc/ssl/samagra/fullchain.pem --certificate-key /etc/ssl/samagra/key.pem

prints the site for /etc/nginx/sites-available/samagra.conf. security/stack.py and
tests/ops/test_deploy_kit.py render the same file on local ports under a temporary prefix, with
`standalone` as the main configuration around it.
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
NGINX_SITE = DEPLOY / "nginx" / "samagra.conf"
NGINX_HEADERS = DEPLOY / "nginx" / "samagra-headers.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
SYSTEMD = DEPLOY / "systemd"

PLACEHOLDER = re.compile(r"@([A-Z][A-Z_]*)@")
# The settings' default for SAMAGRA_UPLOAD_MAX_MB (tests/ops/test_deploy_kit.py compares them).
UPLOAD_MAX_MB = 5


def fill(template: str, values: dict[str, str | list[str]]) -> str:
    """The template with each @NAME@ replaced; a line holding a list's name is repeated once per
    item. Raises ValueError for a name without a value, so nothing half-filled is written."""
    lines = []
    for line in template.splitlines(keepends=True):
        names = PLACEHOLDER.findall(line)
        repeated = [n for n in names if isinstance(values.get(n), list)]
        if len(repeated) > 1:
            raise ValueError(f"Two repeated values on one line: {line.strip()}")
        for item in values[repeated[0]] if repeated else [""]:
            filled = line
            for name in names:
                value = item if repeated and name == repeated[0] else values.get(name)
                if not isinstance(value, str) or not value:
                    raise ValueError(f"No value for @{name}@")
                filled = filled.replace(f"@{name}@", value)
            lines.append(filled)
    return "".join(lines)


def nginx_site(
    *,
    server_name: str,
    certificate: str,
    certificate_key: str,
    https_listen: list[str] | None = None,
    http_listen: list[str] | None = None,
    static_root: str = "/srv/samagra/app/var/static",
    upstream: str = "unix:/run/samagra/web.sock",
    upload_max_mb: int = UPLOAD_MAX_MB,
    access_log: str = "/var/log/nginx/samagra-access.log",
    error_log: str = "/var/log/nginx/samagra-error.log",
    snippets: str = "/etc/nginx/snippets",
) -> str:
    return fill(
        NGINX_SITE.read_text(),
        {
            "SERVER_NAME": server_name,
            "TLS_CERTIFICATE": certificate,
            "TLS_CERTIFICATE_KEY": certificate_key,
            "HTTPS_LISTEN": https_listen or ["443", "[::]:443"],
            "HTTP_LISTEN": http_listen or ["80", "[::]:80"],
            "STATIC_ROOT": static_root.rstrip("/"),
            "UPSTREAM": upstream,
            # The app's limit plus a megabyte for the rest of the form.
            "CLIENT_MAX_BODY_SIZE": f"{upload_max_mb + 1}m",
            "ACCESS_LOG": access_log,
            "ERROR_LOG": error_log,
            "SNIPPETS": snippets.rstrip("/"),
        },
    )


# --- nginx on its own, under a prefix (the live stack and the tests) --------------------------


def nginx_binary() -> str | None:
    """nginx's path: on PATH, or where Debian puts it (/usr/sbin is not on a user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def mime_types(nginx: str) -> Path:
    """The mime.types that comes with nginx (next to its own nginx.conf)."""
    info = subprocess.run(  # noqa: S603 (a fixed argument list)
        [nginx, "-V"], capture_output=True, text=True, check=False
    ).stderr
    conf = re.search(r"--conf-path=(\S+)", info)
    folder = Path(conf.group(1)).parent if conf else Path("/etc/nginx")
    return folder / "mime.types"


def standalone(prefix: Path, site: Path, nginx: str) -> Path:
    """A main configuration under `prefix` around the rendered `site`: pid file, temporary
    folders and logs in the prefix, in the foreground. Run it with
    `nginx -p <prefix> -c <returned path> -e <prefix>/error.log`."""
    prefix.mkdir(parents=True, exist_ok=True)
    temp = [
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    ]
    # Started as root, nginx's workers would become "nobody", who may not read the files of
    # whoever runs this; they keep the same user instead.
    user = [f"user {pwd.getpwuid(os.geteuid()).pw_name};"] if os.geteuid() == 0 else []
    conf = prefix / "nginx.conf"
    conf.write_text(
        "\n".join(
            [
                *user,
                "daemon off;",
                "worker_processes 2;",
                f"pid {prefix / 'nginx.pid'};",
                f"error_log {prefix / 'error.log'} warn;",
                "events { worker_connections 512; }",
                "http {",
                f"    include {mime_types(nginx)};",
                "    default_type application/octet-stream;",
                "    sendfile on;",
                *temp,
                f"    include {site};",
                "}",
                "",
            ]
        )
    )
    return conf


def main() -> int:
    parser = argparse.ArgumentParser(description="Render the deployment kit's nginx site.")
    sub = parser.add_subparsers(dest="what", required=True)
    site = sub.add_parser("nginx", help="the site for /etc/nginx/sites-available/samagra.conf")
    site.add_argument("--server-name", required=True, help="e.g. samagra.example.gov.in")
    site.add_argument("--certificate", required=True, help="the chain (fullchain.pem)")
    site.add_argument("--certificate-key", required=True, help="its private key")
    site.add_argument("--https-listen", action="append", help="default: 443 and [::]:443")
    site.add_argument("--http-listen", action="append", help="default: 80 and [::]:80")
    site.add_argument("--static-root", default="/srv/samagra/app/var/static")
    site.add_argument("--upstream", default="unix:/run/samagra/web.sock")
    site.add_argument(
        "--upload-max-mb",
        type=int,
        default=int(os.environ.get("SAMAGRA_UPLOAD_MAX_MB", UPLOAD_MAX_MB)),
        help="the app's SAMAGRA_UPLOAD_MAX_MB",
    )
    site.add_argument("--snippets", default="/etc/nginx/snippets")
    args = parser.parse_args()
    sys.stdout.write(
        nginx_site(
            server_name=args.server_name,
            certificate=args.certificate,
            certificate_key=args.certificate_key,
            https_listen=args.https_listen,
            http_listen=args.http_listen,
            static_root=args.static_root,
            upstream=args.upstream,
            upload_max_mb=args.upload_max_mb,
            snippets=args.snippets,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
