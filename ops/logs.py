"""Log lines: JSON (one object a line) or text, each with the time (ISO 8601, UTC), level,
logger, message and request id, and no Aadhaar or mobile number in them.

SAMAGRA_LOG_FORMAT chooses the format (settings.LOGGING). The filters run on the console
handler, before either formatter, in this order: core.logging.NoClientErrorTraces, then
PersonalDataFilter, then RequestIdFilter.
"""

import logging
import re
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from ops import request_id

# Twelve digits, alone or in groups of four: an Aadhaar number. The last four stay, as on a
# masked Aadhaar.
AADHAAR = re.compile(r"(?<!\d)\d{4}([ -]?)\d{4}\1(\d{4})(?!\d)")
# An Indian mobile number, with or without +91 / 91 / 0 before it.
MOBILE = re.compile(r"(?<!\d)(?:\+?91[ -]?|0)?[6-9]\d{5}(\d{4})(?!\d)")
# A request line's query string ("GET /path?mobile=... HTTP/1.1"): forms that are sent by GET
# (a status lookup, a search) carry what was typed in it.
QUERY_STRING = re.compile(r'("?[A-Z]{3,7} [^ ?"]*)\?[^ "]*')
# The servers' own access logs (runserver; gunicorn's, when someone turns it on).
ACCESS_LOGGERS = frozenset({"django.server", "gunicorn.access"})
# Extra fields the JSON lines keep; others (a request object and its query string, a socket)
# are left out.
EXTRA_FIELDS = ("status_code", "method", "view", "duration_ms")


def mask_personal_data(text: str) -> str:
    """The text with Aadhaar-like and mobile numbers masked (last four digits kept)."""
    text = AADHAAR.sub(r"XXXXXXXX\2", text)
    return MOBILE.sub(r"******\1", text)


class PersonalDataFilter(logging.Filter):
    """Masks Aadhaar and mobile numbers in the message and in the traceback's text, and drops
    the query string from access log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.name in ACCESS_LOGGERS:
            message = QUERY_STRING.sub(r"\1", message)
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info:
            # Formatted here so that the exception's own message is masked too; both
            # formatters print exc_text when exc_info is gone.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True


class RequestIdFilter(logging.Filter):
    """Puts the current request id (or "-") on the record. Django logs a 4xx or 5xx answer
    (django.request) after the middleware have returned, so its id is read from the request
    the record carries."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            request = getattr(record, "request", None)
            record.request_id = request_id.current() or getattr(request, "request_id", None) or "-"
        return True


def _iso_time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds")


class JsonLogFormatter(JsonFormatter):
    """One JSON object a line: time, level, logger, message, request_id, then the exception's
    text and the few known extra fields there are."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        log_data["time"] = _iso_time(record)
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        rid = getattr(record, "request_id", None) or request_id.current()
        log_data["request_id"] = rid if rid and rid != "-" else None
        for field in EXTRA_FIELDS:
            if hasattr(record, field):
                log_data[field] = getattr(record, field)
        for key in ("exc_info", "stack_info"):
            if message_dict.get(key):
                log_data[key] = message_dict[key]


class TextLogFormatter(logging.Formatter):
    """``time level logger [request id] message`` for a person reading a terminal."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return _iso_time(record)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.current() or "-"
        return super().format(record)
