from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from officials.models import Official


class AssignForm(forms.Form):
    to = forms.ModelChoiceField(
        queryset=Official.objects.none(),
        label=_("Give it to"),
        empty_label=None,
    )

    def __init__(self, *args: Any, candidates: Sequence[Official], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to"]
        field.queryset = Official.objects.filter(pk__in=[c.pk for c in candidates]).order_by(
            "role", "name", "pk"
        )
        field.label_from_instance = lambda o: f"{o} · {o.get_designation_display()}"
