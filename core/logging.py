import logging
import re

# Family IDs (8 digits), member IDs (9), mobiles (10) and Aadhaar numbers (12) are all runs of
# digits; a refused request's path may carry any of them.
LONG_NUMBER = re.compile(r"\d{6,}")


class NoClientErrorTraces(logging.Filter):
    """A refused request (4xx) is logged as one line: no stack trace, no request data, and no
    identifying number from its path."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            record.msg = LONG_NUMBER.sub("********", record.getMessage())
            record.args = None
        return True
