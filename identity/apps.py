from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"

    def ready(self) -> None:
        from core.authz import citizens_found_by
        from identity.citizen import citizen_in_scope, current_citizen

        citizens_found_by(current_citizen, citizen_in_scope)
