"""Forms of the grievance pages: they parse; the rules are the services'."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import add_service_errors
from grievances.models import Category, Grievance, Level, Status
from grievances.selectors import Filters
from grievances.services import TEXT_MAX, grievance_file
from identity.actors import Citizen
from officials.models import Official
from registry.models import Family, MemberStatus
from sms.reasons import GRIEVANCE_CLOSE_REASONS, SmsReason, reason_choices


class LinkedErrors:
    """An error summary whose entries link to their fields, and each field with an error
    described by it (aria-describedby), as includes/form.html shows them."""

    def error_links(self) -> list[tuple[str, str]]:
        form: forms.Form = self  # type: ignore[assignment]
        links: list[tuple[str, str]] = []
        for name, errors in form.errors.items():
            if name in form.fields:
                bound = form[name]
                widget = form.fields[name].widget
                widget.attrs["aria-describedby"] = f"{bound.auto_id}_error"
                widget.attrs["aria-invalid"] = "true"
                links.extend((f"#{bound.id_for_label}", str(e)) for e in errors)
            else:
                links.extend(("#main", str(e)) for e in errors)
        return links


def _text_field(label: Any, help_text: Any = "") -> forms.CharField:
    # Longer text than the limit is refused by the service with a message, not cut by the
    # browser, so the textarea has no maxlength.
    return forms.CharField(
        label=label,
        help_text=help_text,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("This field is required.")},
    )


class GrievanceForm(LinkedErrors, forms.Form):
    category = forms.ChoiceField(
        label=_("What is the grievance about?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the grievance is about.")},
    )
    member = forms.ChoiceField(
        label=_("Member it is about (if any)"),
        required=False,
        # A Member ID of another family is refused with the family named, not Django's
        # "Select a valid choice".
        error_messages={"invalid_choice": _("Member ID %(value)s is not a member of this family.")},
    )
    about_number = forms.CharField(
        label=_("Number of the application or request it is about (if any)"),
        help_text=_(
            "An application, change request or migration request number of this family, as in "
            "its SMS or acknowledgement."
        ),
        required=False,
        max_length=20,
        error_messages={"max_length": _("A request number has at most 20 characters.")},
    )
    description = _text_field(
        _("Describe the grievance"),
        _("What happened, when, and what you want done. At most %(max)s characters.")
        % {"max": TEXT_MAX},
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family
        self.members = {
            m.member_id: m
            for m in family.members.exclude(status=MemberStatus.MERGED).order_by("pk")
        }
        field: forms.ChoiceField = self.fields["member"]  # type: ignore[assignment]
        field.choices = [
            ("", _("The whole family / nobody in particular")),
            *((i, f"{m.name} ({i})") for i, m in self.members.items()),
        ]

    def file(self, actor: Official | Citizen) -> Grievance | None:
        """File the grievance (grievances.services.grievance_file) from a valid form; None,
        with the service's refusals on the form's fields, when it is refused."""
        data = self.cleaned_data
        try:
            return grievance_file(
                actor=actor,
                family=self.family,
                category=data["category"],
                description=data["description"],
                member=self.members.get(data["member"]),
                about_number=data["about_number"],
            )
        except ValidationError as exc:
            add_service_errors(self, exc)
            return None


class FamilyIdForm(LinkedErrors, forms.Form):
    """The Family ID whose linked mobile gets the OTP (filing without signing in)."""

    family_id = forms.CharField(
        label=_("Samagra Family ID"),
        min_length=8,
        max_length=8,
        help_text=_("8 digits, printed on the family card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_family_id(self) -> str:
        value: str = self.cleaned_data["family_id"].strip()
        if not value.isdigit():
            raise ValidationError(_("A Family ID has 8 digits."))
        return value


class ReplyForm(LinkedErrors, forms.Form):
    text = _text_field(_("Your reply"))


class CloseForm(LinkedErrors, forms.Form):
    reason = _text_field(
        _("Reason for closing"),
        _("What was done, or why nothing can be done. The family reads it and may reopen once."),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason told to the family by SMS"),
        choices=reason_choices(GRIEVANCE_CLOSE_REASONS),
        initial=SmsReason.OTHER,
        required=False,
        help_text=_("The reason above stays on the portal."),
    )


class ReopenForm(LinkedErrors, forms.Form):
    reason = _text_field(_("Why the answer does not settle it"))


# Short labels: a select is as wide as its longest choice, and the list must fit a phone.
STATUS_FILTER = [
    ("", _("Any")),
    ("open", _("Open or reopened")),
    (Status.OPEN, _("Open")),
    (Status.REOPENED, _("Reopened")),
    (Status.CLOSED, _("Closed, awaiting the family")),
    (Status.ACCEPTED, _("Accepted by the family")),
    (Status.FINAL, _("Closed for good")),
]


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_FILTER, required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *Category.choices], required=False
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("Any")), *Level.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Only past their deadline"), required=False)

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            status=data["status"],
            category=data["category"],
            level=data["level"],
            overdue=data["overdue"],
        )
