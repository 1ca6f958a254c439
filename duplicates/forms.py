from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duplicates.models import CaseSource, Ground
from duplicates.workflow import Action

REASON_HELP = _("What you checked, e.g. Aadhaar, a visit, the family's statement.")


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class MergeForm(forms.Form):
    survivor = forms.CharField(
        label=_("Member ID that stays"),
        min_length=9,
        max_length=9,
        help_text=_("9 digits: the same person's other Member ID, which is kept."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    source = forms.ChoiceField(label=_("Found by"), choices=CaseSource.choices)
    reason = _reason()


class DeactivateForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=Ground.choices)
    source = forms.ChoiceField(label=_("Found by"), choices=CaseSource.choices)
    reason = _reason()


class ReasonForm(forms.Form):
    reason = _reason()


class DecisionForm(forms.Form):
    """The officer's decision on a case: the actions its status allows (duplicates.workflow)."""

    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = _reason()

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, Action(a).label) for a in actions]  # type: ignore[attr-defined]


class ObjectionForm(forms.Form):
    text = forms.CharField(
        label=_("Objection"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the member is a real person of this family, and who can confirm it."),
    )


def _other_id() -> forms.CharField:
    return forms.CharField(
        label=_("The same person's other Member ID"),
        min_length=9,
        max_length=9,
        help_text=_("9 digits, as on the other family card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def _report_reason() -> forms.CharField:
    return forms.CharField(
        label=_("Why they are one person"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you know, e.g. the same Aadhaar, registered again after moving."),
    )


class ReportForm(forms.Form):
    """An official's report: the member is the page's; the other Member ID is typed."""

    other = _other_id()
    reason = _report_reason()


class CitizenReportForm(forms.Form):
    """A citizen's report: one member of their family and the same person's other Member ID."""

    member = forms.ChoiceField(label=_("Member of your family"))
    other = _other_id()
    reason = _report_reason()

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members  # type: ignore[attr-defined]
