"""Every SMS as a DLT template: one per kind and language, each registered with the operator on
its own, with its own template ID, fixed text and variables.

The texts are written here, not in the translation catalogue: the operator refuses a message
whose fixed text differs by one character from the registered one, so a template changes only
with a new registration (and a new ID in SAMAGRA_SMS_DLT_TEMPLATE_IDS). Every value is capped
(sms/dlt.py); a reason goes as a code from sms/reasons.py, told in the template's language.

To add a kind: a SmsKind member (and its migration), then a `_kind(...)` entry below with both
texts; tests/sms/test_dlt_templates.py then asks for its parts bound, and `manage.py
sms_templates` lists it for registration.
"""

import string
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from sms.dlt import DLT_VAR, VAR_MAX, cut, encoding, sms_parts
from sms.models import SmsKind
from sms.reasons import SmsReason

LANGUAGES = ("hi", "en")
# Which parameter of each kind is a secret, blanked in the stored copy once the gateway has it.
SECRET_PARAMS = {
    SmsKind.OFFICIAL_WELCOME: "password",
    SmsKind.PASSWORD_RESET: "password",
    SmsKind.OTP: "code",
}
# Parameters whose value is an SmsReason code; the SMS carries its label in its own language.
CODED_PARAMS = frozenset({"reason", "ground"})


@dataclass(frozen=True)
class Var:
    name: str
    cap: int
    # A number, ID, date or secret: refused when longer than its cap, never cut.
    exact: bool = False

    def __post_init__(self) -> None:
        if self.cap > VAR_MAX:
            raise ValueError(f"{self.name}: a DLT variable holds at most {VAR_MAX} characters")


NUMBER = Var("number", 20, exact=True)  # a request number: two letters and twelve digits
FAMILY_ID = Var("family_id", 8, exact=True)
MEMBER_ID = Var("member_id", 9, exact=True)
SURVIVOR = Var("survivor", 9, exact=True)
USER_ID = Var("user_id", 30, exact=True)  # officials.Official.user_id
PASSWORD = Var("password", 16, exact=True)
CODE = Var("code", 6, exact=True)
MINUTES = Var("minutes", 2, exact=True)  # an OTP is valid for less than 100 minutes
DEADLINE = Var("deadline", 10, exact=True)  # dd-mm-yyyy
UNTIL = Var("until", 10, exact=True)
DESIGNATION = Var("designation", VAR_MAX)
PURPOSE = Var("purpose", VAR_MAX)
PLACE = Var("place", VAR_MAX)
CHANGE = Var("change", VAR_MAX)
OFFICE = Var("office", VAR_MAX)
REASON = Var("reason", VAR_MAX)
GROUND = Var("ground", VAR_MAX)
# The escalation digest's counts (escalation.services.escalation_digest_send).
COUNTS = tuple(Var(name, 5, exact=True) for name in ("count", "overdue", "unowned"))
VARS = (
    {v.name: v for v in (NUMBER, FAMILY_ID, MEMBER_ID, SURVIVOR, USER_ID, PASSWORD, CODE)}
    | {
        v.name: v
        for v in (
            MINUTES,
            DEADLINE,
            UNTIL,
            DESIGNATION,
            PURPOSE,
            PLACE,
            CHANGE,
            OFFICE,
            REASON,
            GROUND,
        )
    }
    | {v.name: v for v in COUNTS}
)


@dataclass(frozen=True)
class Template:
    kind: str
    language: str
    text: str  # with {name} where a value goes

    @property
    def variables(self) -> tuple[Var, ...]:
        """The variables in the order they appear (a name used twice is two DLT variables)."""
        names = [name for _, name, _, _ in string.Formatter().parse(self.text) if name]
        return tuple(VARS[name] for name in names)

    @property
    def dlt_text(self) -> str:
        """The text as registered on the DLT platform."""
        return self.text.format(**{v.name: DLT_VAR for v in self.variables})

    @property
    def setting_key(self) -> str:
        return f"{self.kind}:{self.language}"

    @property
    def template_id(self) -> str:
        """The operator's ID for this template (SAMAGRA_SMS_DLT_TEMPLATE_IDS, keyed
        "kind:language"); empty until it is registered, which the HTTP gateway refuses."""
        return str(settings.SMS_DLT_TEMPLATE_IDS.get(self.setting_key, ""))

    def fill(self, params: Mapping[str, str]) -> str:
        return self.text.format(**{v.name: _value(self, v, params) for v in self.variables})


def _value(template: Template, var: Var, params: Mapping[str, str]) -> str:
    value = str(params[var.name])
    if var.name in CODED_PARAMS:
        with translation.override(template.language):
            value = str(SmsReason(value).label)
    if var.exact:
        if len(value) > var.cap:
            raise ValueError(f"{template.kind}: {var.name} is longer than {var.cap} characters")
        return value
    return cut(value, var.cap)


K = SmsKind
_TEXTS: dict[str, tuple[str, str]] = {  # kind: (Hindi, English)
    K.OFFICIAL_WELCOME: (
        "समग्र: आप {designation} पंजीकृत। ID {user_id} पासवर्ड {password} पहले लॉगिन पर बदलें",
        "Samagra portal: registered as {designation}. User ID {user_id}, password "
        "{password}. Change it at first login.",
    ),
    K.PASSWORD_RESET: (
        "समग्र: आपका पासवर्ड रीसेट हुआ। यूज़र ID {user_id}, नया पासवर्ड {password}। अगले लॉगिन पर इसे बदलें।",
        "Samagra portal: your password was reset. User ID: {user_id}, new password: "
        "{password}. Change it at your next login.",
    ),
    K.OTP: (
        "समग्र OTP {code} ({purpose}) {minutes} मिनट वैध। न बताएं",
        "Samagra portal: {code} is your one-time password for {purpose}. It is valid for "
        "{minutes} minutes. Do not share it with anyone.",
    ),
    K.APPLICATION_SUBMITTED: (
        "समग्र: आपके परिवार का पंजीयन आवेदन मिला। आवेदन संख्या {number}। स्थिति देखने के लिए इसे रखें।",
        "Samagra portal: the registration of your family has been received. Application "
        "number: {number}. Keep it to follow the application.",
    ),
    K.FAMILY_APPROVED: (
        "समग्र: आपका परिवार पंजीकृत हुआ। समग्र परिवार ID {family_id}। परिवार कार्ड ग्राम "
        "पंचायत या वार्ड कार्यालय से लें।",
        "Samagra portal: your family is now registered. Samagra Family ID: {family_id}. Ask "
        "your Gram Panchayat or ward office for the family card.",
    ),
    K.APPLICATION_REJECTED: (
        "समग्र: परिवार पंजीयन आवेदन {number} अस्वीकृत। कारण: {reason}। विवरण स्थिति पृष्ठ पर।",
        "Samagra portal: application {number} to register your family was rejected. Reason: "
        "{reason}. Details are on the status page.",
    ),
    K.APPLICATION_RETURNED: (
        "समग्र: आवेदन {number} सुधार हेतु लौटाया गया। कारण: {reason}। क्षेत्र के अधिकारी इसे सुधारेंगे।",
        "Samagra portal: application {number} was returned for correction. Reason: "
        "{reason}. The field official will correct it.",
    ),
    K.SELF_APPLICATION_RECEIVED: (
        "समग्र: आपके परिवार का आवेदन {number} मिला। क्षेत्र के अधिकारी इसे आपके साथ पूरा "
        "करेंगे। स्थिति पोर्टल पर देखें।",
        "Samagra portal: your family's application {number} has been received. A field "
        "official will complete it with you. Follow it on the portal.",
    ),
    K.SELF_APPLICATION_SENT_BACK: (
        "समग्र: आवेदन {number} आगे नहीं बढ़ सका। कारण स्थिति पृष्ठ पर है। फिर आवेदन करें या "
        "ग्राम पंचायत/वार्ड कार्यालय जाएं।",
        "Samagra portal: application {number} was not taken up. The reason is on the "
        "status page. Apply again or visit your Gram Panchayat or ward office.",
    ),
    K.MIGRATION_SUBMITTED: (
        "समग्र: आपका प्रवास अनुरोध {number} मिला और नई ग्राम पंचायत/वार्ड को भेजा गया। "
        "स्थिति देखने हेतु संख्या रखें।",
        "Samagra portal: your family's migration request {number} has been received and sent "
        "to the new Gram Panchayat or ward. Keep the number to follow it.",
    ),
    K.MIGRATION_APPROVED: (
        "समग्र: प्रवास अनुरोध {number} स्वीकृत। परिवार अब {place} में पंजीकृत है। समग्र ID वही रहेंगी।",
        "Samagra portal: migration request {number} is approved. Your family is now "
        "registered in {place}. Samagra IDs stay the same.",
    ),
    K.MIGRATION_REJECTED: (
        "समग्र: प्रवास अनुरोध {number} अस्वीकृत। कारण: {reason}। सुधार कर फिर भेज सकते हैं।",
        "Samagra portal: migration request {number} was rejected. Reason: {reason}. You may "
        "correct it and submit it again.",
    ),
    K.MIGRATION_WITHDRAWN: (
        "समग्र: प्रवास अनुरोध {number} आपके कहने पर वापस लिया गया।",
        "Samagra portal: migration request {number} has been withdrawn at your family's request.",
    ),
    K.CHANGE_REQUESTED: (
        "समग्र: अनुरोध {number} परिवार {family_id} में बदलाव ({change}) हेतु। न मांगा तो "
        "पंचायत/वार्ड को बताएं।",
        "Samagra portal: request {number} to change family {family_id} ({change}). Not asked "
        "for? Tell the Gram Panchayat or ward office.",
    ),
    K.CHANGE_APPLIED: (
        "समग्र: परिवार {family_id} में अनुरोध {number} का बदलाव ({change}) दर्ज हुआ।",
        "Samagra portal: the register now holds the change to family {family_id} asked for "
        "in request {number} ({change}).",
    ),
    K.CHANGE_REJECTED: (
        "समग्र: अनुरोध {number} (परिवार {family_id}, {change}) अस्वीकृत। कारण: {reason}",
        "Samagra portal: request {number} to change family {family_id} ({change}) was "
        "rejected. Reason: {reason}.",
    ),
    K.CHANGE_REPORTED: (
        "समग्र: परिवार {family_id} की सूचना ({change}) मिली। अनुरोध संख्या {number}। निर्णय "
        "SMS से बताया जाएगा।",
        "Samagra portal: your report ({change}) for family {family_id} is received as "
        "request {number}. An SMS will tell you the decision.",
    ),
    K.MEMBER_DEACTIVATION_NOTICE: (
        "समग्र: परिवार {family_id} का सदस्य {member_id} निष्क्रिय होगा ({ground})। आपत्ति "
        "{until} तक निकाय/पोर्टल पर दें।",
        "Samagra portal: Member ID {member_id} of family {family_id} will be deactivated "
        "({ground}). To object, use the portal or local body by {until}.",
    ),
    K.MEMBER_DEACTIVATED: (
        "समग्र: परिवार {family_id} का सदस्य ID {member_id} सूचना के बाद निष्क्रिय किया गया। "
        "स्थानीय निकाय इसे फिर सक्रिय कर सकता है।",
        "Samagra portal: Member ID {member_id} of family {family_id} has been deactivated "
        "after the notice. Your local body office can reactivate it.",
    ),
    K.MEMBER_MERGED: (
        "समग्र: परिवार {family_id} का सदस्य ID {member_id} व {survivor} एक ही व्यक्ति थे, अब "
        "{survivor} का उपयोग करें।",
        "Samagra portal: Member ID {member_id} of family {family_id} was the same person as "
        "{survivor} and has been merged into it. Use {survivor} from now on.",
    ),
    K.GRIEVANCE_FILED: (
        "समग्र: शिकायत {number} मिली। यह {office} के पास है, {deadline} तक उत्तर देना है।",
        "Samagra portal: your grievance {number} is received. It is with the {office}, to be "
        "answered by {deadline}.",
    ),
    K.GRIEVANCE_CLOSED: (
        "समग्र: शिकायत {number} बंद की गई। कारण: {reason}। उत्तर पोर्टल पर देखें।",
        "Samagra portal: grievance {number} has been closed. Reason: {reason}. See the "
        "answer on the portal.",
    ),
    K.GRIEVANCE_ESCALATED: (
        "समग्र: शिकायत {number} का उत्तर समय पर नहीं आया, अब {office} के पास है; {deadline} तक उत्तर दें।",
        "Samagra portal: grievance {number} was not answered in time and has moved up to the "
        "{office}, to be answered by {deadline}.",
    ),
    K.GRIEVANCE_REOPENED: (
        "समग्र: शिकायत {number} आपके कहने पर फिर खोली गई। यह {office} के पास है, {deadline} "
        "तक उत्तर देना है।",
        "Samagra portal: grievance {number} is reopened as your family asked. It is with the "
        "{office}, to be answered by {deadline}.",
    ),
    K.ESCALATION_DIGEST: (
        "समग्र: {count} कार्य आपको आगे भेजे गए: {overdue} समय-सीमा से अधिक लंबित, {unowned} "
        "जिन पर कोई कार्रवाई करने वाला नहीं। अपने मुख पृष्ठ पर देखें।",
        "Samagra portal: {count} items of work were escalated to you: {overdue} overdue, "
        "{unowned} with nobody to act on them. See them on your home page.",
    ),
}
TEMPLATES: dict[tuple[str, str], Template] = {
    (kind, language): Template(kind=kind, language=language, text=text)
    for kind, texts in _TEXTS.items()
    for language, text in zip(LANGUAGES, texts, strict=True)
}


def template_for(kind: str, language: str) -> Template:
    """The kind's template in ``language``, or in the portal's default language when there is
    none in it (the message then says so: SmsMessage.language is the template's)."""
    if kind not in SmsKind.values or kind not in _TEXTS:
        raise ValueError(f"unknown SMS kind {kind}")
    if language not in LANGUAGES:
        language = settings.LANGUAGE_CODE[:2] if settings.LANGUAGE_CODE[:2] in LANGUAGES else "en"
    return TEMPLATES[(kind, language)]


@dataclass(frozen=True)
class Rendered:
    template: Template
    text: str
    redacted: str  # the text with its secret blanked


def render(kind: str, language: str, params: Mapping[str, str]) -> Rendered:
    """The kind's text in ``language`` with ``params`` capped, and its redacted copy."""
    template = template_for(kind, language)
    text = template.fill(params)
    secret = SECRET_PARAMS.get(SmsKind(kind))
    redacted = template.fill({**params, secret: "******"}) if secret else text
    return Rendered(template=template, text=text, redacted=redacted)


def longest_params(template: Template) -> dict[str, str]:
    """A value of its cap's length for every variable, in the template's script (a reason: the
    one with the longest label in the language): the longest message the template can give."""
    letter = "क" if template.language == "hi" else "x"
    with translation.override(template.language):
        reason = max(SmsReason, key=lambda r: len(str(r.label))).value
    return {
        v.name: reason if v.name in CODED_PARAMS else ("9" if v.exact else letter) * v.cap
        for v in template.variables
    }


def parts_at_most(template: Template) -> int:
    """The SMS parts the template takes with every variable at its cap."""
    return sms_parts(template.fill(longest_params(template)))


def template_table() -> str:
    """Every template as a markdown table, for registration and the README."""
    rows = [
        "| Kind | Language | Setting key | Template ID | Text registered | Variables (cap) "
        "| Encoding | Parts at most |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for template in TEMPLATES.values():
        variables = ", ".join(
            f"{v.name} ({v.cap}{', coded' if v.name in CODED_PARAMS else ''})"
            for v in template.variables
        )
        rows.append(
            f"| {template.kind} | {template.language} | `{template.setting_key}` "
            f"| {template.template_id or '(not set)'} | {template.dlt_text} | {variables} "
            f"| {encoding(template.text)} | {parts_at_most(template)} |"
        )
    return "\n".join(rows) + "\n"
