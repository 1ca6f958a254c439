from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "sms"

    def ready(self) -> None:
        from sms import checks  # noqa: F401 (registers the template ID check)
