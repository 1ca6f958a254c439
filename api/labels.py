"""What the portal's pages call a read's operation, purpose and field groups, in the page's
language (the API itself answers with the codes)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from api.models import Scope

OPERATION_LABELS: dict[str, Promise] = {
    "member.status": _("Checked a Member ID"),
    "family.status": _("Checked a Family ID"),
    "member.read": _("Read a member's data"),
    "family.read": _("Read the family's data"),
    "member.aadhaar_lookup": _("Found a Member ID by Aadhaar"),
    "export": _("Eligibility list (export)"),
    "feed": _("Change feed"),
}


def operation_label(operation: str) -> str:
    """An unknown operation (one added later) is shown by its code."""
    return str(OPERATION_LABELS.get(operation, operation))


def purpose_label(purpose: str) -> str:
    """A purpose is a slug (old-age-pension-eligibility): read as words."""
    return purpose.replace("-", " ")


def scope_labels(scopes: list[str]) -> list[str]:
    """In the order of the list of scopes; a scope no longer known by its code."""
    known = [str(label) for value, label in Scope.choices if value in scopes]
    return known + [s for s in scopes if s not in Scope.values]
