"""The reasons an SMS may give for a decision, as codes with short labels in both languages.

An official's own words stay on the status page: they are in the official's language, often too
long for a DLT variable, and not checked for what an SMS may carry. The SMS names one of these
reasons in the family's language instead (each label fits VAR_MAX, which a test checks).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SmsReason(models.TextChoices):
    DOCUMENTS_MISSING = "DOCUMENTS_MISSING", _("Documents missing")
    DOCUMENT_UNREADABLE = "DOCUMENT_UNREADABLE", _("Document cannot be read")
    PROOF_MISMATCH = "PROOF_MISMATCH", _("Proof does not match")
    DETAILS_WRONG = "DETAILS_WRONG", _("Details are wrong")
    DETAILS_INCOMPLETE = "DETAILS_INCOMPLETE", _("Details are incomplete")
    ALREADY_REGISTERED = "ALREADY_REGISTERED", _("Already registered")
    NOT_RESIDENT = "NOT_RESIDENT", _("Not living at the address")
    WRONG_AREA = "WRONG_AREA", _("Address is in another area")
    NOT_ASKED_BY_FAMILY = "NOT_ASKED_BY_FAMILY", _("Family did not ask for it")
    PERSON_NOT_FOUND = "PERSON_NOT_FOUND", _("Person does not exist")
    LISTED_TWICE = "LISTED_TWICE", _("Listed twice in the family")
    RESOLVED = "RESOLVED", _("Grievance resolved")
    NOT_IN_SCOPE = "NOT_IN_SCOPE", _("Not a matter for the portal")
    OTHER = "OTHER", _("See the status page")


R = SmsReason
# The reasons an official may choose from, by decision (the form's choices and the service's check).
REGISTRATION_REASONS = (
    R.DOCUMENTS_MISSING,
    R.DOCUMENT_UNREADABLE,
    R.DETAILS_WRONG,
    R.DETAILS_INCOMPLETE,
    R.ALREADY_REGISTERED,
    R.NOT_RESIDENT,
    R.WRONG_AREA,
    R.OTHER,
)
CHANGE_REASONS = (
    R.DOCUMENTS_MISSING,
    R.DOCUMENT_UNREADABLE,
    R.DETAILS_WRONG,
    R.DETAILS_INCOMPLETE,
    R.NOT_ASKED_BY_FAMILY,
    R.OTHER,
)
GRIEVANCE_CLOSE_REASONS = (R.RESOLVED, R.DETAILS_INCOMPLETE, R.NOT_IN_SCOPE, R.OTHER)


def reason_choices(codes: tuple[SmsReason, ...]) -> list[tuple[str, str]]:
    return [(code.value, code.label) for code in codes]


def reason_told(value: str, allowed: tuple[SmsReason, ...]) -> str:
    """The code to send: ``value`` when it is one of ``allowed``; OTHER ("see the status page")
    when none was chosen, which is true of every decision."""
    if not value:
        return SmsReason.OTHER.value
    if value not in allowed:
        raise ValidationError({"reason_code": _("Choose a reason from the list.")})
    return value
