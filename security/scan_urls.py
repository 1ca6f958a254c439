"""The scan's portal: the portal's own pages and the planted injection of security/canary.py,
which the scan must find. Named only by security/scan_settings.py."""

from django.urls import path

from samagra.urls import urlpatterns as portal_urlpatterns
from security.canary import canary_district_view, canary_districts_view

urlpatterns = [
    path("scan-canary/districts/", canary_districts_view),
    path("scan-canary/district/", canary_district_view),
    *portal_urlpatterns,
]
