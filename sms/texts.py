"""The text of every SMS, in Hindi and English, one whole sentence per kind (DLT templates)."""

from collections.abc import Mapping

from django.utils import translation
from django.utils.translation import gettext

from sms.models import SmsKind

# Which parameter of each kind is a secret, blanked in the stored copy once the gateway has it.
SECRET_PARAMS = {
    SmsKind.OFFICIAL_WELCOME: "password",
    SmsKind.PASSWORD_RESET: "password",
    SmsKind.OTP: "code",
}


def _template(kind: str) -> str:
    match kind:
        case SmsKind.OFFICIAL_WELCOME:
            return gettext(
                "Samagra portal: you are registered as %(designation)s. User ID: %(user_id)s, "
                "password: %(password)s. Change the password at first login."
            )
        case SmsKind.PASSWORD_RESET:
            return gettext(
                "Samagra portal: your password was reset. User ID: %(user_id)s, new password: "
                "%(password)s. Change it at your next login."
            )
        case SmsKind.OTP:
            return gettext(
                "Samagra portal: your one-time password for %(purpose)s is %(code)s. It is valid "
                "for %(minutes)s minutes. Do not share it with anyone."
            )
        case SmsKind.APPLICATION_SUBMITTED:
            return gettext(
                "Samagra portal: the registration of your family has been received. Application "
                "number: %(number)s. Keep it to follow the application."
            )
        case SmsKind.FAMILY_APPROVED:
            return gettext(
                "Samagra portal: your family is now registered. Samagra Family ID: "
                "%(family_id)s. Ask your Gram Panchayat or ward office for the family card."
            )
        case SmsKind.APPLICATION_REJECTED:
            return gettext(
                "Samagra portal: application %(number)s for the registration of your family was "
                "rejected. Reason: %(reason)s"
            )
        case SmsKind.APPLICATION_RETURNED:
            return gettext(
                "Samagra portal: application %(number)s was returned for correction. Reason: "
                "%(reason)s. The official who registered it will correct it."
            )
        case SmsKind.SELF_APPLICATION_RECEIVED:
            return gettext(
                "Samagra portal: your family's application %(number)s has been received. A field "
                "official of your area will complete it with you. Follow it on the status page."
            )
        case SmsKind.SELF_APPLICATION_SENT_BACK:
            return gettext(
                "Samagra portal: application %(number)s could not be taken up. The reason is on "
                "the status page. You may apply again or visit your Gram Panchayat or ward office."
            )
        case SmsKind.MIGRATION_SUBMITTED:
            return gettext(
                "Samagra portal: your family's migration request %(number)s has been received "
                "and sent to the new Gram Panchayat or ward. Keep the number to follow it."
            )
        case SmsKind.MIGRATION_APPROVED:
            return gettext(
                "Samagra portal: migration request %(number)s is approved. Your family is now "
                "registered in %(place)s. Your Samagra IDs stay the same."
            )
        case SmsKind.MIGRATION_REJECTED:
            return gettext(
                "Samagra portal: migration request %(number)s was rejected. Reason: %(reason)s. "
                "You may correct it and submit it again."
            )
        case SmsKind.MIGRATION_WITHDRAWN:
            return gettext(
                "Samagra portal: migration request %(number)s has been withdrawn at your family's "
                "request."
            )
        case SmsKind.CHANGE_REQUESTED:
            return gettext(
                "Samagra portal: request %(number)s asks to change family %(family_id)s "
                "(%(change)s). If your family did not ask for it, tell your Gram Panchayat or "
                "ward office before it is verified."
            )
        case SmsKind.CHANGE_APPLIED:
            return gettext(
                "Samagra portal: the register now holds the change to family %(family_id)s asked "
                "for in request %(number)s (%(change)s)."
            )
        case SmsKind.CHANGE_REJECTED:
            return gettext(
                "Samagra portal: request %(number)s to change family %(family_id)s (%(change)s) "
                "was rejected. Reason: %(reason)s"
            )
        case SmsKind.CHANGE_REPORTED:
            return gettext(
                "Samagra portal: your family's report (%(change)s) for family %(family_id)s is "
                "received. Request number: %(number)s. The local body verifies it; an SMS tells "
                "you its decision."
            )
        case SmsKind.MEMBER_DEACTIVATION_NOTICE:
            return gettext(
                "Samagra portal: Member ID %(member_id)s of family %(family_id)s is to be "
                "deactivated (%(ground)s). If this is wrong, object at your local body office or "
                "on the portal by %(until)s."
            )
        case SmsKind.MEMBER_DEACTIVATED:
            return gettext(
                "Samagra portal: Member ID %(member_id)s of family %(family_id)s has been "
                "deactivated after the notice. Your local body office can reactivate it."
            )
        case SmsKind.MEMBER_MERGED:
            return gettext(
                "Samagra portal: Member ID %(member_id)s of family %(family_id)s was the same "
                "person as %(survivor)s and has been merged into it. Use %(survivor)s from now on."
            )
        case SmsKind.GRIEVANCE_FILED:
            return gettext(
                "Samagra portal: your grievance %(number)s has been received. It is with the "
                "%(office)s, who must answer it by %(deadline)s. Follow it on the portal."
            )
        case SmsKind.GRIEVANCE_CLOSED:
            return gettext(
                "Samagra portal: grievance %(number)s has been closed. Reason: %(reason)s. See "
                "the answer on the portal."
            )
        case SmsKind.GRIEVANCE_ESCALATED:
            return gettext(
                "Samagra portal: grievance %(number)s was not answered by its deadline and has "
                "moved up to the %(office)s, who must answer it by %(deadline)s."
            )
        case SmsKind.GRIEVANCE_REOPENED:
            return gettext(
                "Samagra portal: grievance %(number)s has been reopened as your family asked. It "
                "is with the %(office)s, who must answer it by %(deadline)s."
            )
    raise ValueError(f"unknown SMS kind {kind}")


def render(kind: str, language: str, params: Mapping[str, str]) -> tuple[str, str]:
    """The text in the language, and the same text with its secret blanked."""
    with translation.override(language):
        template = _template(kind)
        text = template % params
        secret = SECRET_PARAMS.get(SmsKind(kind))
        redacted = template % {**params, secret: "******"} if secret else text
    return text, redacted
