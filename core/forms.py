import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

AADHAAR_NOT_SHOWN_AGAIN = _(
    "For its safety, an Aadhaar number is never shown again on a page. Enter it again."
)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, each message on its field when it has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class AadhaarInput(forms.TextInput):
    """A text input that never writes an Aadhaar number back into the page: a page shown again
    (an error, a row added, back from a preview) has the field empty and says to enter the
    number again. ``entered`` marks a number the form had but no longer holds (kept masked)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})
        self.entered = False

    def format_value(self, value: Any) -> None:
        return None

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        if not (value or self.entered):
            return super().render(name, value, attrs, renderer)
        attrs = dict(attrs or {})
        note_id = f"{attrs.get('id') or name}_again"
        attrs["aria-describedby"] = f"{note_id} {attrs.get('aria-describedby', '')}".strip()
        return format_html(
            '{}<p class="notice" id="{}">{}</p>',
            super().render(name, value, attrs, renderer),
            note_id,
            AADHAAR_NOT_SHOWN_AGAIN,
        )


class AadhaarField(forms.CharField):
    """An Aadhaar number as typed (spaces or hyphens between the groups are allowed), cleaned to
    its digits. Every form that takes an Aadhaar number uses this field, so that none writes one
    back into a page (tests/security/test_aadhaar_nowhere.py finds them all). Whether the number
    is valid (its Verhoeff check digit) is the services' rule, as every rule is."""

    widget = AadhaarInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 14)  # 12 digits and two separators
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return re.sub(r"[\s-]", "", super().to_python(value) or "")
