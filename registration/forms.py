"""The forms of the registration pages. They only parse: every rule (completeness, one head,
ages, Aadhaar check digit, the official's areas) is the services' and comes back as a
ValidationError that `show_service_errors` puts on the right field."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

from core.forms import AadhaarField
from documents.forms import DocumentField
from documents.models import DocumentKind
from geography.models import Area, Village
from registration.data import AddressData, MemberData
from registration.validation import REQUIRED
from registry.models import CasteCategory, Gender, MaritalStatus, Relation
from sms.reasons import REGISTRATION_REASONS, SmsReason, reason_choices

MEMBERS_PREFIX = "members"
MAX_MEMBERS = 30


def _choices(enum: Any) -> list[tuple[str, Any]]:
    return [("", _("— choose —")), *enum.choices]


def grouped_villages(villages: QuerySet[Village]) -> list[tuple[Any, Any]]:
    """Villages grouped under their Gram Panchayat, so that no script is needed to narrow the
    list once the area is chosen; the service checks that the two agree."""
    groups: dict[str, list[tuple[Any, str]]] = {}
    for village in villages.select_related("area"):
        groups.setdefault(village.area.name, []).append((village.pk, village.name))
    return [("", _("— none (a ward, or not known) —")), *groups.items()]


class AddressForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Gram Panchayat or Ward"), queryset=Area.objects.none())
    village = forms.ModelChoiceField(
        label=_("Village"),
        queryset=Village.objects.none(),
        required=False,
        help_text=_("Only for a Gram Panchayat: the village in it."),
    )
    house_number = forms.CharField(label=_("House number"), max_length=30, required=False)
    locality = forms.CharField(
        label=_("Locality, street or hamlet"), max_length=150, required=False
    )
    pin_code = forms.CharField(
        label=_("PIN code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    language = forms.ChoiceField(
        label=_("Language for the family's SMS"),
        choices=[("hi", "हिन्दी"), ("en", "English")],
        initial="hi",
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        villages = Village.objects.filter(area__in=areas).order_by("area__name_en", "name_en")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        self.fields["village"].widget.choices = grouped_villages(villages)  # type: ignore[attr-defined]
        if not self.is_bound and areas.count() == 1:
            self.fields["area"].initial = areas.first()

    def to_data(self) -> AddressData:
        d = self.cleaned_data
        return AddressData(
            area=d["area"],
            village=d.get("village"),
            house_number=d.get("house_number", ""),
            locality=d.get("locality", ""),
            pin_code=d.get("pin_code", ""),
        )


class MemberForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name_hi = forms.CharField(
        label=_("Name in Devanagari"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"lang": "hi", "autocomplete": "off"}),
    )
    name_en = forms.CharField(
        label=_("Name in Latin script"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en", "autocomplete": "off"}),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=_choices(Gender), required=False)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Or, when the date is not known, the age below."),
    )
    age_years = forms.IntegerField(
        label=_("Age in years"),
        required=False,
        min_value=0,
        max_value=150,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    relation = forms.ChoiceField(
        label=_("Relation to the head"), choices=_choices(Relation), required=False
    )
    father_or_husband_name = forms.CharField(
        label=_("Father's or husband's name"), max_length=150, required=False
    )
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=_choices(MaritalStatus), required=False
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=14,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    caste_category = forms.ChoiceField(
        label=_("Caste category"), choices=_choices(CasteCategory), required=False
    )
    has_disability = forms.BooleanField(label=_("Person with disability"), required=False)
    disability_kind = forms.CharField(label=_("Kind of disability"), max_length=100, required=False)
    aadhaar = AadhaarField(
        label=_("Aadhaar number (optional)"),
        required=False,
        help_text=_("Checked, then not stored."),
    )

    def __init__(self, *args: Any, mark_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if mark_required:
            # A draft may leave them blank, so the form accepts blanks; the submission needs them
            # (validation.REQUIRED), which the page says, to the eye and to a screen reader.
            for name in REQUIRED:
                self.fields[name].widget.attrs["required"] = True

    def to_data(self) -> MemberData:
        d = self.cleaned_data
        return MemberData(
            id=d.get("id"),
            name_hi=d.get("name_hi", ""),
            name_en=d.get("name_en", ""),
            gender=d.get("gender", ""),
            date_of_birth=d.get("date_of_birth"),
            age_years=d.get("age_years"),
            relation=d.get("relation", ""),
            father_or_husband_name=d.get("father_or_husband_name", ""),
            marital_status=d.get("marital_status", ""),
            mobile=d.get("mobile", ""),
            caste_category=d.get("caste_category", ""),
            has_disability=bool(d.get("has_disability")),
            disability_kind=d.get("disability_kind", ""),
            aadhaar=d.get("aadhaar", ""),
        )


class BaseMemberFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this member when saving")


MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_MEMBERS,
    absolute_max=MAX_MEMBERS,  # a tampered count never makes more forms than a family has
    validate_max=True,
)


ATTACHABLE = [
    DocumentKind.SUPPORTING,
    DocumentKind.PROOF_OF_ADDRESS,
    DocumentKind.BIRTH_CERTIFICATE,
    DocumentKind.MARRIAGE_CERTIFICATE,
    DocumentKind.OTHER,
]


class AttachForm(forms.Form):
    """One supporting document per save; save again to attach another."""

    document = DocumentField(label=_("Attach a supporting document"), required=False)
    document_kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[(k.value, k.label) for k in ATTACHABLE],
        initial=DocumentKind.SUPPORTING,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The field official and the applicant will see it."),
    )


class DecisionReasonForm(ReasonForm):
    """A rejection or a return: the reason told by SMS (from a list, in the family's language)
    besides the official's own words, which stay on the status page."""

    reason_code = forms.ChoiceField(
        label=_("Reason told to the family by SMS"),
        choices=reason_choices(REGISTRATION_REASONS),
        initial=SmsReason.OTHER,
        required=False,
    )


def show_service_errors(
    error: ValidationError,
    address: AddressForm,
    members: Any,
    kept: list[MemberForm],
    attach: forms.Form | None = None,
) -> None:
    """Put a service's errors where they belong: ``members-<i>-<field>`` on the i-th member
    still in the form (removed rows are not counted), ``members`` above the members, the rest
    on the address."""
    if not hasattr(error, "error_dict"):
        address.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        parts = key.split("-")
        if parts[0] == MEMBERS_PREFIX and len(parts) == 3 and parts[1].isdigit():
            index, name = int(parts[1]), parts[2]
            if index < len(kept):
                form = kept[index]
                form.add_error(name if name in form.fields else None, messages)
                continue
        if attach is not None and key in attach.fields:
            attach.add_error(key, messages)
            continue
        if key == MEMBERS_PREFIX or parts[0] == MEMBERS_PREFIX:
            members._non_form_errors = ErrorList([*members.non_form_errors(), *messages])
            continue
        address.add_error(key if key in address.fields else None, messages)


class SelfApplyMobileForm(forms.Form):
    """The mobile of a family applying by itself: the OTP goes there, and so do its SMS."""

    mobile = forms.CharField(
        label=_("Mobile number of the head of the family (or of the member who applies)"),
        max_length=15,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
