from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from officials.models import Official


class OfficialBackend(ModelBackend):
    """Authentication is done by officials.services.official_authenticate (lockout and all);
    this backend only restores the signed-in official on later requests."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, **kwargs: Any
    ) -> None:
        return None

    def get_user(self, user_id: int) -> Official | None:
        official = (
            Official.objects.select_related("district", "local_body").filter(pk=user_id).first()
        )
        return official if official is not None and official.is_active else None
