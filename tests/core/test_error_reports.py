"""An error report (the technical 500 page, a mailed report) shows no secret typed into a form."""

import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

AADHAAR = "499118665246"


def _report(data: dict[str, str]) -> str:
    request = RequestFactory().post("/registration/new/", data)
    try:
        raise ValueError("boom")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
    return reporter.get_traceback_text()


def test_it_hides_an_aadhaar_number_otp_and_password_whatever_the_form():
    report = _report(
        {
            "members-0-aadhaar": AADHAAR,
            "code": "123456",
            "new_password1": "S3cret-pass!",
            "members-0-name_en": "Ramesh Yadav",
        }
    )
    assert AADHAAR not in report
    assert "123456" not in report
    assert "S3cret-pass!" not in report
    assert "Ramesh Yadav" in report  # the rest is still there to debug with
