import socket

from django.conf import settings
from django.http import HttpRequest


def free_port() -> int:
    """A local TCP port nobody listens on now (for servers the tools start: scan, drill, tests)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def client_address(request: HttpRequest) -> str:
    """The client's address; behind the proxy the last hop it appended is the trustworthy one."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]
