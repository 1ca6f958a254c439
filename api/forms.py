"""The state admin's forms for department clients. The rules (a purpose's spelling, at least one
scope, an area, a validity not in the past) are the services' (api.services); these forms
only parse what was typed."""

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import DepartmentClient, Scope
from geography.models import District

WHOLE_STATE = "state"
DISTRICTS = "districts"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ClientAccessForm(forms.Form):
    """What a client may read, for whom, how fast and until when: changed on its page."""

    scopes = forms.MultipleChoiceField(
        label=_("Field groups it may read (scopes)"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("No scope gives an Aadhaar number: e-KYC gives only the last four digits."),
    )
    purposes = forms.CharField(
        label=_("Purposes it may state, one a line"),
        widget=forms.Textarea(attrs={"rows": 4, "autocapitalize": "none", "spellcheck": "false"}),
        help_text=_(
            "Small letters, digits and hyphens, e.g. old-age-pension-eligibility. The "
            "department names one in every request; citizens see it on their page."
        ),
    )
    area = forms.ChoiceField(
        label=_("Areas it may read"),
        choices=[
            (WHOLE_STATE, _("The whole state")),
            (DISTRICTS, _("Only the districts chosen below")),
        ],
        widget=forms.RadioSelect,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.order_by("name_en"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rate_per_minute = forms.IntegerField(
        label=_("Requests a minute at most"),
        min_value=1,
        max_value=100_000,
        initial=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        help_text=_("After this day the client gets no token and its tokens stop working."),
    )

    def clean_purposes(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["purposes"].splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("area") == DISTRICTS and not data.get("districts"):
            self.add_error("districts", _("Choose at least one district, or the whole state."))
        return data

    def access(self) -> dict[str, Any]:
        """The service's keyword arguments for what the client may read."""
        data = self.cleaned_data
        statewide = data["area"] == WHOLE_STATE
        return {
            "scopes": data["scopes"],
            "purposes": data["purposes"],
            "statewide": statewide,
            "districts": [] if statewide else list(data["districts"]),
            "rate_per_minute": data["rate_per_minute"],
            "expires_on": data["expires_on"],
        }

    @staticmethod
    def initial_for(client: DepartmentClient) -> dict[str, Any]:
        return {
            "scopes": client.scopes,
            "purposes": "\n".join(client.purposes),
            "area": WHOLE_STATE if client.statewide else DISTRICTS,
            "districts": list(client.districts.all()),
            "rate_per_minute": client.rate_per_minute,
            "expires_on": client.expires_on,
        }


def new_request_key() -> str:
    return secrets.token_urlsafe(24)


class ClientForm(ClientAccessForm):
    """Register a department's system as a client."""

    name = forms.CharField(label=_("Name of the system"), max_length=120)
    department = forms.CharField(label=_("Department"), max_length=120)
    contact_email = forms.EmailField(
        label=_("Technical contact (e-mail)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A fresh key with each empty form (api.services.client_register: sent twice, made once).
    request_key = forms.CharField(
        widget=forms.HiddenInput, max_length=64, required=False, initial=new_request_key
    )
    field_order = [
        "name",
        "department",
        "contact_email",
        "scopes",
        "purposes",
        "area",
        "districts",
        "rate_per_minute",
        "expires_on",
    ]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log."),
    )
