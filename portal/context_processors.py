from typing import Any

from django.http import HttpRequest

from identity.citizen import current_citizen


def portal(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    official = user if user is not None and user.is_authenticated else None
    return {
        "official": official,
        "citizen": None if official else current_citizen(request),
    }
