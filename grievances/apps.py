from django.apps import AppConfig


class GrievancesConfig(AppConfig):
    name = "grievances"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from grievances.work import GRIEVANCES
        from registration.accountability import WORK_KINDS

        if GRIEVANCES not in WORK_KINDS:
            WORK_KINDS.append(GRIEVANCES)
