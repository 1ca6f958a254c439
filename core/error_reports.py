"""What an error report (the technical 500 page, a mailed or logged report) may show of a
request: never an Aadhaar number, an OTP or a password typed into a form."""

import re
from typing import Any

from django.http import HttpRequest, QueryDict
from django.views.debug import SafeExceptionReporterFilter

SECRET_FIELDS = re.compile(r"aadhaar|otp|code|password|secret|token", re.IGNORECASE)


class ReporterFilter(SafeExceptionReporterFilter):
    """Django's filter hides settings and the parameters a view marks sensitive; this one also
    hides every form field whose name says it holds a secret, whatever view received it (a new
    form is covered without anyone remembering a decorator)."""

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        parameters = super().get_post_parameters(request)
        if not isinstance(parameters, QueryDict):
            return parameters
        cleansed = parameters.copy()
        for name in cleansed:
            if SECRET_FIELDS.search(name):
                cleansed[name] = self.cleansed_substitute
        return cleansed
