"""What a department's developer does, from the README and the served reference alone, over
HTTP against a running server: the state admin registers the client in the portal, then the
department gets a token, verifies an ID, pulls an eligibility list and follows the change feed.
The citizen then sees those reads."""

import csv
import io
import re
import time
from datetime import timedelta
from typing import Any

import pytest
import requests

from tests.conftest import World
from tests.factories import PASSWORD
from tests.updates.support import death_recorded, verma_family

pytestmark = pytest.mark.django_db(transaction=True)

PURPOSE = "old-age-pension-eligibility"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE = re.compile(r"<code[^>]*>([^<]+)</code>")


def _form(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    found = CSRF.search(page.text)
    assert found, url
    return found.group(1)


def _admin_registers_a_client(base: str, world: World) -> tuple[str, str]:
    """Sam signs in to the portal and registers the pension system; the page shows the client
    ID and the secret once."""
    admin = requests.Session()
    token = _form(admin, f"{base}/login/")
    signed_in = admin.post(
        f"{base}/login/",
        {"csrfmiddlewaretoken": token, "user_id": "sam", "password": PASSWORD},
        headers={"Referer": f"{base}/login/"},
        timeout=10,
    )
    assert signed_in.status_code == 200 and "/login/" not in signed_in.url, signed_in.url
    token = _form(admin, f"{base}/api-clients/new/")
    registered = admin.post(
        f"{base}/api-clients/new/",
        {
            "csrfmiddlewaretoken": token,
            "name": "Pension Portal",
            "department": "Social Justice",
            "scopes": ["identity", "family", "export", "feed"],
            "purposes": PURPOSE,
            "area": "districts",
            "districts": [str(world.d_a.pk)],
            "rate_per_minute": "600",
            "expires_on": (time_today() + timedelta(days=365)).isoformat(),
        },
        headers={"Referer": f"{base}/api-clients/new/"},
        timeout=10,
    )
    assert registered.status_code == 200, registered.text[:500]
    codes = CODE.findall(registered.text)
    client_id = next(c for c in codes if c.startswith("dept-"))
    secret = codes[codes.index(client_id) + 1]
    return client_id, secret


def time_today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def test_a_department_goes_from_registration_to_the_change_feed(
    live_server: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = live_server.url
    # The feed holds changes back for a few seconds (commit order): none in this test.
    monkeypatch.setattr("api.v1.feed.LAG", timedelta(0))
    family = verma_family(world)
    ajay = family.members.get(name_en="Ajay Verma")
    # given the reference page the developer reads
    reference = requests.get(f"{base}/api/v1/reference/", timeout=10)
    assert reference.status_code == 200 and "/api/v1/token" in reference.text
    schema = requests.get(f"{base}/api/v1/openapi.json", timeout=10).json()
    assert schema["openapi"].startswith("3.1")
    # and the client the state admin registered in the portal
    client_id, secret = _admin_registers_a_client(base, world)

    # when the department asks for a token (OAuth 2.0 client credentials)
    issued = requests.post(
        f"{base}/api/v1/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
        timeout=10,
    )
    assert issued.status_code == 200, issued.text
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {issued.json()['access_token']}"

    # then it verifies a Member ID
    status = api.get(
        f"{base}/api/v1/members/{ajay.member_id}/status", params={"purpose": PURPOSE}, timeout=10
    )
    assert status.status_code == 200, status.text
    assert status.json()["status"] == "active" and status.json()["deceased"] is False

    # and asks for the list of members aged 45 or more in its district, and downloads it
    asked = api.post(
        f"{base}/api/v1/exports",
        json={
            "purpose": PURPOSE,
            "format": "csv",
            "criteria": {"district": world.d_a.lgd_code, "min_age": 45},
        },
        timeout=10,
    )
    assert asked.status_code == 202, asked.text
    status_url = asked.json()["status_url"]
    for _ in range(50):
        progress = api.get(status_url if "://" in status_url else base + status_url, timeout=10)
        if progress.json()["status"] == "done":
            break
        time.sleep(0.2)
    body = progress.json()
    assert body["status"] == "done", body
    download = body["download_url"]
    got = api.get(download if "://" in download else base + download, timeout=30)
    assert got.status_code == 200
    assert got.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert [r["member_id"] for r in rows] == [ajay.member_id]  # born 1980; the others younger

    # and, after Ajay's death is recorded, the change feed tells it
    death_recorded(world, family, "Ajay Verma")
    cursor = None
    seen: list[dict[str, Any]] = []
    for _ in range(10):
        params = {"purpose": PURPOSE, **({"cursor": cursor} if cursor else {})}
        page = api.get(f"{base}/api/v1/changes", params=params, timeout=10)
        assert page.status_code == 200, page.text
        seen += page.json()["changes"]
        cursor = page.json()["next_cursor"]
        if not page.json()["changes"]:
            break
    died = [c for c in seen if c["kind"] == "member.died"]
    assert [c["member_id"] for c in died] == [ajay.member_id]
    again = api.get(
        f"{base}/api/v1/members/{ajay.member_id}/status", params={"purpose": PURPOSE}, timeout=10
    )
    assert again.json()["deceased"] is True

    # and the family can see every one of those reads
    from api.models import ApiRead

    reads = set(
        ApiRead.objects.filter(family_id=family.family_id).values_list("operation", flat=True)
    )
    assert {"member.status", "export", "feed"} <= reads
