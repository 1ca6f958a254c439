"""The planted injection of security/canary.py is served by the scan's portal only, and is one."""

import pytest
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from tests import factories as f


def test_the_portal_does_not_serve_the_planted_injection():
    for path in ("/scan-canary/districts/", "/scan-canary/district/"):
        with pytest.raises(Resolver404):
            resolve(path)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="security.scan_urls")
def test_the_scans_portal_serves_it_and_it_is_injectable():
    district = f.DistrictFactory()
    client = Client()
    page = client.get("/scan-canary/districts/").content.decode()
    assert f'?code={district.lgd_code}"' in page

    def names(code: str) -> str:
        return client.get("/scan-canary/districts/", {"code": code}).content.decode()

    listed = f"<li>{district.name_en}</li>"
    assert listed in names(district.lgd_code)
    assert listed in names("' OR '1'='1")  # the flaw the scan must find
    assert listed not in names("nothing")

    def shown(number: str) -> str:
        return client.post("/scan-canary/district/", {"number": number}).content.decode()

    assert listed in shown("0 OR 1=1")
    assert "No such district." in shown("0")
