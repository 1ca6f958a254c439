from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import AadhaarField
from sms.reasons import CHANGE_REASONS, SmsReason, reason_choices


class CitizenSignInForm(forms.Form):
    family_id = forms.CharField(
        label=_("Samagra Family ID"),
        min_length=8,
        max_length=8,
        help_text=_("8 digits, printed on the family card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    member_id = forms.CharField(
        label=_("Samagra Member ID"),
        min_length=9,
        max_length=9,
        help_text=_("9 digits: a member of this family whose e-KYC is complete."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_family_id(self) -> str:
        value: str = self.cleaned_data["family_id"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("A Family ID has 8 digits."))
        return value

    def clean_member_id(self) -> str:
        value: str = self.cleaned_data["member_id"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("A Member ID has 9 digits."))
        return value


class EkycStartForm(forms.Form):
    aadhaar = AadhaarField(
        label=_("Aadhaar number"),
        help_text=_("12 digits, spaces allowed. It is kept encrypted and shown only masked."),
    )
    method = forms.ChoiceField(
        label=_("Authenticate with"),
        choices=[
            ("otp", _("Aadhaar OTP (sent to the mobile registered with Aadhaar)")),
            ("biometric", _("Biometric (fingerprint or iris)")),
        ],
        initial="otp",
        widget=forms.RadioSelect,
    )


class EkycOtpForm(forms.Form):
    otp = forms.CharField(
        label=_("Aadhaar OTP"),
        min_length=6,
        max_length=6,
        help_text=_("6 digits, sent by UIDAI to the mobile registered with this Aadhaar."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


SANDBOX_DEVICE_CHOICES = [
    ("", _("None: I pasted the capture above")),
    ("enrolled", _("The resident's enrolled finger or iris (matches)")),
    ("other", _("Someone else's finger or iris (does not match)")),
]


class EkycBiometricForm(forms.Form):
    modality = forms.ChoiceField(
        label=_("Biometric"),
        choices=[("finger", _("Fingerprint")), ("iris", _("Iris"))],
        initial="finger",
        widget=forms.RadioSelect,
    )
    biometric = forms.CharField(
        label=_("Capture data (PID block from the registered device)"),
        required=False,
        max_length=100_000,
        help_text=_("Paste what the registered device's software produced."),
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )

    def __init__(self, *args: object, sandbox: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if sandbox:
            self.fields["sandbox_device"] = forms.ChoiceField(
                label=_("UIDAI sandbox test device"),
                choices=SANDBOX_DEVICE_CHOICES,
                required=False,
                initial="enrolled",
                widget=forms.RadioSelect,
                help_text=_("Only in the demo: no real device is attached."),
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("biometric") and not data.get("sandbox_device"):
            raise forms.ValidationError(_("Capture the finger or iris and paste the data."))
        return data


class MobileLinkForm(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=14,
        help_text=_("The member's own mobile: an OTP is sent to it."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Why the number is changed"),
        max_length=300,
        help_text=_(
            "The local body officer reads it before verifying the change (for example: the "
            "member lost the old phone)."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, ask_reason: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not ask_reason:  # only an official replacing a linked number gives one
            del self.fields["reason"]


class MobileChangeCodesForm(forms.Form):
    """Replacing a linked number: the code sent to the new number and the one sent to the old."""

    code = forms.CharField(
        label=_("OTP sent to the new number"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    old_code = forms.CharField(
        label=_("OTP sent to the number linked now"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class MobileChangeDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for your decision"),
        max_length=300,
        help_text=_("Recorded in the audit log and shown on the portal."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason told to the family by SMS"),
        choices=reason_choices(CHANGE_REASONS),
        initial=SmsReason.OTHER,
        required=False,
        help_text=_("Only when you reject: the SMS to the old number names it."),
    )
