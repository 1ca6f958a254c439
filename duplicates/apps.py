from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "duplicates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from duplicates.work import DUPLICATE_CASES
        from registration.accountability import WORK_KINDS

        if DUPLICATE_CASES not in WORK_KINDS:
            WORK_KINDS.append(DUPLICATE_CASES)
