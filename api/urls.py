from django.urls import URLPattern, URLResolver, path

from api.main import api
from api.views import reference_view


def _tagged(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Mark the API's views for the URL walk of the security tests (core.authz): a client's
    bearer token, checked by the API itself (api.auth), decides who reaches them."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.authz = "api-client"  # type: ignore[attr-defined]
    return patterns


api_patterns, app_name, namespace = api.urls

urlpatterns = [
    path("api/v1/reference/", reference_view, name="api_reference"),
    path("api/v1/", (_tagged(api_patterns), app_name, namespace)),
]
