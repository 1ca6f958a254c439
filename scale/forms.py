from django import forms
from django.utils.translation import gettext_lazy as _

from scale.models import DuplicateCluster


class ClusterDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (DuplicateCluster.Status.CONFIRMED, _("The same person, entered more than once")),
            (DuplicateCluster.Status.DISTINCT, _("Different people")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked, e.g. Aadhaar, a visit, the family's statement."),
    )
