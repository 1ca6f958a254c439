from django import forms
from django.utils.translation import gettext_lazy as _


class FollowForm(forms.Form):
    number = forms.CharField(
        label=_("Request number"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_(
            "As in the SMS or on the acknowledgement: APP-…, MIG-…, CR… or GR…, e.g. "
            "APP-2026-ABCD2345."
        ),
    )
    mobile = forms.CharField(
        label=_("Mobile number of the family"),
        max_length=15,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("The one the SMS about this request came to."),
    )
