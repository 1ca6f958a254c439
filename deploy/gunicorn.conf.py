"""gunicorn's settings for the portal, behind nginx (deploy/nginx/samagra.conf).

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py

The unit deploy/systemd/samagra-web.service starts it so, on the socket systemd holds for it
(samagra-web.socket): `bind` is then ignored. security/stack.py runs the same file for the
scanners and the soak. Every value can be changed by an environment variable (in production:
/etc/samagra/samagra.env, read by the unit):

| variable | default |
| --- | --- |
| SAMAGRA_GUNICORN_BIND | unix:/run/samagra/web.sock (ignored under socket activation) |
| SAMAGRA_GUNICORN_WORKERS | 2 x cores + 1, at most 16 |
| SAMAGRA_GUNICORN_THREADS | 4 (gthread workers) |
| SAMAGRA_GUNICORN_TIMEOUT | 60 seconds a request may take before its worker is replaced |
| SAMAGRA_GUNICORN_GRACEFUL_TIMEOUT | 30 seconds to finish requests on stop or reload |
| SAMAGRA_GUNICORN_MAX_REQUESTS | 2000 (0: never replace a worker for its age) |
| SAMAGRA_GUNICORN_MAX_REQUESTS_JITTER | 200 |
| SAMAGRA_GUNICORN_ACCESS_LOG | - (standard output: the journal); empty: none |
| SAMAGRA_GUNICORN_FORWARDED_ALLOW_IPS | 127.0.0.1,::1 (the local nginx) |
"""

import contextlib
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (cpusets)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


MAX_WORKERS = 16

wsgi_app = "samagra.wsgi:application"
proc_name = "samagra-web"
bind = [os.environ.get("SAMAGRA_GUNICORN_BIND", "unix:/run/samagra/web.sock")]

# A page spends most of its time in Python; threads cover the waits on PostgreSQL and Redis.
# On a machine shared with PostgreSQL, cores + 1 workers measured better (docs/deployment.md).
workers = _int("SAMAGRA_GUNICORN_WORKERS", min(2 * _cores() + 1, MAX_WORKERS))
worker_class = "gthread"
threads = _int("SAMAGRA_GUNICORN_THREADS", 4)

# A request that takes longer than `timeout` has its worker killed and replaced (nginx waits a
# little longer, and answers 502). On stop or reload, `graceful_timeout` to finish the rest.
timeout = _int("SAMAGRA_GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("SAMAGRA_GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# Replace a worker after this many requests (with jitter, so they do not all restart at once):
# a bound on any slow growth of memory. The soak sets 0 to see the growth itself.
max_requests = _int("SAMAGRA_GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("SAMAGRA_GUNICORN_MAX_REQUESTS_JITTER", 200)

# The heartbeat file on memory, not disk (gunicorn's advice); /dev/shm exists on Linux.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# nginx is the only client: it sets X-Forwarded-Proto (https) and clears the other scheme
# headers gunicorn knows, so a client cannot make them disagree. Connections on a Unix socket
# are always trusted; on TCP only from these addresses.
forwarded_allow_ips = os.environ.get("SAMAGRA_GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# Logs. The access log names the path only, never the query string (a search by name, mobile or
# Aadhaar-linked ID may be in it) nor the referer (which would carry the previous page's query);
# the client is the one nginx saw (X-Forwarded-For), the request ID nginx's (X-Request-ID), and
# the time is in milliseconds.
_access_log = os.environ.get("SAMAGRA_GUNICORN_ACCESS_LOG", "-")
accesslog = _access_log or None
access_log_format = (
    '%({x-forwarded-for}i)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms '
    '"%(a)s" rid=%({x-request-id}i)s pid=%(p)s'
)
errorlog = "-"
loglevel = os.environ.get("SAMAGRA_GUNICORN_LOG_LEVEL", "info")

# gunicorn's control socket (gunicornc) would be made in $HOME, read-only under the unit's
# hardening; systemctl reload/restart do its work.
control_socket_disable = True

# prometheus_client's multiprocess mode (ops.metrics, with PROMETHEUS_MULTIPROC_DIR): a worker
# that exits leaves the sums. A worker that has loaded the portal freezes its objects out of
# the garbage collector's passes (ops.gunicorn.post_worker_init).
with contextlib.suppress(ImportError):  # a checkout without the metrics
    from ops.gunicorn import child_exit, post_worker_init  # noqa: F401
