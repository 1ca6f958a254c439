from django.apps import AppConfig


class MigrationConfig(AppConfig):
    name = "migration"
    verbose_name = "Migration"

    def ready(self) -> None:
        from migration.work import MIGRATION_REQUESTS
        from registration.accountability import WORK_KINDS

        if MIGRATION_REQUESTS not in WORK_KINDS:
            WORK_KINDS.append(MIGRATION_REQUESTS)
