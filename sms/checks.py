"""`manage.py check`: SAMAGRA_SMS_DLT_TEMPLATE_IDS names templates that exist ("kind:language"),
so that an ID set under the old one-per-kind key, or misspelt, is found before an SMS is refused;
`check --deploy` with the HTTP gateway also wants an ID for every template."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


@register()
def dlt_template_ids_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from sms.texts import TEMPLATES

    known = {t.setting_key for t in TEMPLATES.values()}
    problems: list[CheckMessage] = [
        Error(
            f"SAMAGRA_SMS_DLT_TEMPLATE_IDS names {key!r}, which is no template.",
            hint='Keys are "kind:language", e.g. "otp:hi"; `manage.py sms_templates` lists them.',
            id="sms.E001",
        )
        for key in settings.SMS_DLT_TEMPLATE_IDS
        if key not in known
    ]
    if kwargs.get("deploy") and settings.SMS_GATEWAY == "http":
        missing = sorted(known - set(settings.SMS_DLT_TEMPLATE_IDS))
        if missing:
            problems.append(
                Warning(
                    f"No DLT template ID for {', '.join(missing)}: those SMS will be refused.",
                    id="sms.W001",
                )
            )
    return problems
