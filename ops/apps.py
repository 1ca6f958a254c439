import ipaddress
import sys
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core import checks
from django.core.signals import got_request_exception
from django.http import HttpRequest

# Shorter tokens can be guessed; `openssl rand -hex 32` gives 64 characters.
TOKEN_MIN_LENGTH = 24


class OpsConfig(AppConfig):
    """Operations: metrics, JSON logs with request ids, the restore drill."""

    name = "ops"

    def ready(self) -> None:
        user_login_failed.connect(_login_failed, dispatch_uid="ops.metrics.login_failed")
        got_request_exception.connect(_unhandled, dispatch_uid="ops.metrics.unhandled")
        checks.register(metrics_settings_check)


def _login_failed(sender: Any, **kwargs: Any) -> None:
    from ops import metrics

    metrics.sign_in_failed(flow="django")


def _unhandled(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django sends this from inside its handler of the exception, so sys.exc_info() has it."""
    from ops import metrics
    from ops.middleware import view_name

    exception = sys.exc_info()[0]
    metrics.exception_unhandled(
        view=view_name(request) if request is not None else "unknown",
        exception=exception.__name__ if exception else "unknown",
    )


def metrics_settings_check(**kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    if settings.METRICS_TOKEN and len(settings.METRICS_TOKEN) < TOKEN_MIN_LENGTH:
        errors.append(
            checks.Error(
                f"SAMAGRA_METRICS_TOKEN must have at least {TOKEN_MIN_LENGTH} characters.",
                id="ops.E001",
            )
        )
    for network in settings.METRICS_ALLOWED_IPS:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            errors.append(
                checks.Error(
                    f"SAMAGRA_METRICS_ALLOWED_IPS: {network!r} is not an address or network.",
                    id="ops.E002",
                )
            )
    return errors
