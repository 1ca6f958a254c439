import logging


class NoClientErrorTraces(logging.Filter):
    """A refused request (4xx) is logged as one line: no stack trace, no request data."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
