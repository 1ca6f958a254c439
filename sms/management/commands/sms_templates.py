"""Print every DLT template (kind, language, ID, text, variables, parts at most) as a markdown
table: what is registered with the operator, and what SAMAGRA_SMS_DLT_TEMPLATE_IDS must hold."""

from typing import Any

from django.core.management.base import BaseCommand

from sms.texts import template_table


class Command(BaseCommand):
    help = "List the SMS templates to register on the DLT platform, as a markdown table."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(template_table())
