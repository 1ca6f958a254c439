from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "updates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from registration.accountability import WORK_KINDS
        from updates.work import CHANGE_REQUESTS

        if CHANGE_REQUESTS not in WORK_KINDS:
            WORK_KINDS.append(CHANGE_REQUESTS)
