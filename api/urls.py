from django.urls import URLPattern, URLResolver, path

from api import admin_views, citizen_views
from api.main import api
from api.views import reference_view


def _tagged(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Mark the API's views for the URL walk of the security tests (core.authz): a client's
    bearer token, checked by the API itself (api.auth), decides who reaches them."""
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.authz = "api-client"  # type: ignore[attr-defined]
    return patterns


api_patterns, api_app_name, api_namespace = api.urls

# The portal's own pages are "api:<name>"; the API's operations "api:api-v1:<name>".
app_name = "api"
urlpatterns = [
    path("api/v1/reference/", reference_view, name="api_reference"),
    path("api/v1/", (_tagged(api_patterns), api_app_name, api_namespace)),
    # The state admin's pages for department clients.
    path("api-clients/", admin_views.client_list_view, name="clients"),
    path("api-clients/new/", admin_views.client_create_view, name="client_new"),
    path("api-clients/<str:client_id>/", admin_views.client_detail_view, name="client"),
    path("api-clients/<str:client_id>/edit/", admin_views.client_edit_view, name="client_edit"),
    path(
        "api-clients/<str:client_id>/secret/",
        admin_views.client_rotate_view,
        name="client_rotate",
    ),
    path(
        "api-clients/<str:client_id>/revoke/",
        admin_views.client_revoke_view,
        name="client_revoke",
    ),
    # The signed-in citizen: who read the family's data.
    path("citizen/data-reads/", citizen_views.citizen_reads_view, name="citizen_reads"),
]
