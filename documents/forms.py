from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext

from documents.checks import check_upload


class DocumentField(forms.FileField):
    """A file input for PDF, JPEG or PNG, checked by content when the form is validated (the
    service checks again before storing)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _help_text())
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            check_upload(value)
        return value


def _size_hint() -> str:
    return gettext("PDF, JPEG or PNG, at most %(mb)s MB.") % {"mb": _max_mb()}


# Lazy: fields are made when their form's module is imported, in the default language (Hindi);
# the hint is translated when the page is drawn, in the reader's language.
_help_text = lazy(_size_hint, str)


def _max_mb() -> int:
    from django.conf import settings

    return int(settings.UPLOAD_MAX_BYTES // (1024 * 1024))
