from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from geography.models import Area
from registry.models import Gender
from registry.search import SearchQuery


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Family ID, Member ID, mobile number or name"),
        max_length=150,
        required=False,
        help_text=_("A name may be in Hindi or English, spelled as it sounds."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    area = forms.ModelChoiceField(
        label=_("Gram Panchayat or Ward"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("All my areas"),
    )
    age_from = forms.IntegerField(label=_("Age from"), min_value=0, max_value=150, required=False)
    age_to = forms.IntegerField(label=_("Age to"), min_value=0, max_value=150, required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Any")), *Gender.choices], required=False
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def to_query(self) -> SearchQuery:
        d = self.cleaned_data
        return SearchQuery(
            text=d.get("q") or "",
            area=d.get("area"),
            age_from=d.get("age_from"),
            age_to=d.get("age_to"),
            gender=d.get("gender") or "",
        )
