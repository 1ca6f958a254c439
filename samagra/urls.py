from django.urls import include, path
from django.views.i18n import set_language

from audit.views import audit_list_view
from core.authz import public
from core.views import healthz_view
from sms.views import outbox_view

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("officials.urls")),
    path("", include("registry.urls")),
    path("", include("registration.urls")),
    path("", include("identity.urls")),
    path("migration/", include("migration.urls")),
    path("updates/", include("updates.urls")),
    path("scale/", include("scale.urls")),
    path("duplicates/", include("duplicates.urls")),
    path("", include("api.urls")),
    path("grievances/", include("grievances.urls")),
    path("", include("tracking.urls")),
    path("escalation/", include("escalation.urls")),
    path("lists/", include("supervision.urls")),
    path("audit/", audit_list_view, name="audit_list"),
    path("sms/outbox/", outbox_view, name="sms_outbox"),
    path("healthz", healthz_view, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
]
