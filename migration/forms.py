from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.forms import DocumentField
from identity.uidai import MODALITIES
from migration.models import MigrationType, RejectionReason


class TypeForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Type of migration"), choices=MigrationType.choices, widget=forms.RadioSelect
    )


class PlaceForm(forms.Form):
    """One choice of the new place (district, local body, Gram Panchayat/ward or village)."""

    place: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        empty_label=_("Choose"),
    )

    def __init__(self, *args: Any, queryset: models.QuerySet[Any], label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        field.queryset = queryset  # type: ignore[attr-defined]
        field.label = label
        field.label_from_instance = lambda place: place.name  # type: ignore[attr-defined]


class AddressForm(forms.Form):
    house_number = forms.CharField(label=_("House number"), max_length=30, required=False)
    locality = forms.CharField(
        label=_("Locality, street or mohalla"), max_length=150, help_text=_("As on the proof.")
    )
    pin_code = forms.CharField(
        label=_("PIN code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    proof = DocumentField(label=_("Proof of the new address"))
    remarks = forms.CharField(
        label=_("Remarks (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, has_proof: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_proof:
            field = self.fields["proof"]
            field.required = False
            field.label = _("Replace the proof of the new address (optional)")


class AadhaarOtpForm(forms.Form):
    otp = forms.CharField(
        label=_("OTP from UIDAI"),
        min_length=6,
        max_length=6,
        help_text=_("The 6-digit OTP sent to the mobile number registered with your Aadhaar."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class BiometricForm(forms.Form):
    modality = forms.ChoiceField(
        label=_("Biometric"),
        choices=[(m, _("Fingerprint") if m == "finger" else _("Iris")) for m in MODALITIES],
    )
    capture = forms.FileField(
        label=_("Capture from the registered device"),
        help_text=_("The file the registered biometric device saved (PID block)."),
    )

    def clean_capture(self) -> bytes:
        upload = self.cleaned_data["capture"]
        if upload.size > 64 * 1024:
            raise forms.ValidationError(_("This is not a biometric capture."))
        return bytes(upload.read())


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for the rejection"),
        choices=[("", _("Choose")), *RejectionReason.choices],
    )
    details = forms.CharField(
        label=_("Details of the reason"),
        max_length=1000,
        help_text=_("The family reads this in the SMS and on the status page."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    number = forms.CharField(
        label=_("Migration request number"),
        max_length=20,
        help_text=_("As in the SMS and on the confirmation, for example MIG-2026-ABCD2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip().upper()


class ReportForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    date_to = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data
