"""The state admin's pages for department clients: register (the secret shown once), change,
replace the secret, revoke; each audited, each refused to every other role."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from api.models import ApiRead, DepartmentClient
from api.services import Credentials, log_reads
from audit.models import AuditEvent
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World
from tests.conftest import client_for as _signed_in

pytestmark = pytest.mark.django_db

SECRET = re.compile(r'<code class="secret">([^<]+)</code>')


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def client_for(official: object) -> Client:
    """Signed in, reading the pages in English (the portal's default is Hindi)."""
    http = _signed_in(official)  # type: ignore[arg-type]
    http.cookies["django_language"] = "en"
    return http


def _register_form(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Pension Portal",
        "department": "Social Justice",
        "contact_email": "dev@pension.example",
        "scopes": ["identity", "family"],
        "purposes": "old-age-pension-eligibility\nwidow-pension-eligibility\n",
        "area": "districts",
        "districts": [world.d_a.pk],
        "rate_per_minute": "120",
        "expires_on": (timezone.localdate() + timedelta(days=365)).isoformat(),
    }
    data.update(changes)
    return data


def _token_answer(client_id: str, secret: str) -> int:
    response = Client().post(
        "/api/v1/token",
        {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    return response.status_code


def test_registering_shows_the_secret_once(world: World) -> None:
    # given sam, the state admin
    http = client_for(world.sam)
    # when he registers a client
    response = http.post(reverse("api:client_new"), _register_form(world))
    # then the answer shows the client ID and the secret, and is not to be cached
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    client = DepartmentClient.objects.get()
    body = response.content.decode()
    assert client.client_id in body
    secret = SECRET.search(body)
    assert secret is not None
    assert "/api/v1/token" in body
    # and the secret gets a token
    assert _token_answer(client.client_id, secret.group(1)) == 200
    # and the client is stored as asked, with an audit row
    assert client.scopes == ["family", "identity"]
    assert client.purposes == ["old-age-pension-eligibility", "widow-pension-eligibility"]
    assert list(client.districts.all()) == [world.d_a]
    assert not client.statewide
    event = AuditEvent.objects.get(event_type="api.client_registered")
    assert event.actor_id == world.sam.pk
    assert secret.group(1) not in str(event.changes)
    # and the client's page and the list never show the secret again
    for url in (reverse("api:client", args=[client.client_id]), reverse("api:clients")):
        page = http.get(url)
        assert page.status_code == 200
        assert secret.group(1) not in page.content.decode()
        assert "Pension Portal" in page.content.decode()


def test_the_form_sent_twice_registers_one_client(world: World) -> None:
    # given the registration form as sam's browser got it, with its one-time key
    http = client_for(world.sam)
    page = http.get(reverse("api:client_new")).content.decode()
    key = re.search(r'name="request_key" value="([^"]+)"', page)
    assert key is not None
    form = _register_form(world, request_key=key.group(1))
    # when it is sent, then sent again (a reload of the answer, a double click)
    first = http.post(reverse("api:client_new"), form)
    again = http.post(reverse("api:client_new"), form)
    # then one client exists, and the second answer leads to it without a secret
    client = DepartmentClient.objects.get()
    assert first.status_code == 200 and SECRET.search(first.content.decode())
    assert again.status_code == 302
    assert again["Location"] == reverse("api:client", args=[client.client_id])
    assert AuditEvent.objects.filter(event_type="api.client_registered").count() == 1
    # and a fresh form (a new key) registers another
    assert http.post(reverse("api:client_new"), _register_form(world)).status_code == 200
    assert DepartmentClient.objects.count() == 2


def test_a_bad_purpose_and_no_district_are_shown_on_the_form(world: World) -> None:
    http = client_for(world.sam)
    response = http.post(
        reverse("api:client_new"),
        _register_form(world, purposes="Old Age Pension!", districts=[]),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "has-error" in body
    assert not DepartmentClient.objects.exists()
    response = http.post(reverse("api:client_new"), _register_form(world, purposes="Bad Purpose!"))
    assert "small letters, digits and hyphens" in response.content.decode()
    assert not DepartmentClient.objects.exists()


def test_the_whole_state_needs_no_district(world: World) -> None:
    http = client_for(world.sam)
    response = http.post(
        reverse("api:client_new"), _register_form(world, area="state", districts=[])
    )
    assert response.status_code == 200
    client = DepartmentClient.objects.get()
    assert client.statewide
    assert not client.districts.exists()


def test_editing_changes_what_the_client_may_read(world: World) -> None:
    # given a client of district d_a
    credentials = register(world.sam, districts=[world.d_a], scopes=["identity"])
    http = client_for(world.sam)
    url = reverse("api:client_edit", args=[credentials.client_id])
    # when sam opens its form, and changes it to the whole state with more scopes
    form = http.get(url)
    assert form.status_code == 200
    assert PURPOSE in form.content.decode()
    response = http.post(
        url,
        _register_form(
            world,
            scopes=["identity", "address"],
            purposes="school-scholarship",
            area="state",
            districts=[],
            rate_per_minute="30",
        ),
    )
    # then it is saved, audited, and the client's page shows it
    assert response.status_code == 302
    client = DepartmentClient.objects.get()
    assert (client.scopes, client.purposes, client.statewide, client.rate_per_minute) == (
        ["address", "identity"],
        ["school-scholarship"],
        True,
        30,
    )
    event = AuditEvent.objects.get(event_type="api.client_changed")
    assert event.changes["purposes"] == [[PURPOSE], ["school-scholarship"]]
    page = http.get(response["Location"]).content.decode()
    assert "school-scholarship" in page


def test_replacing_the_secret_stops_the_old_one(world: World) -> None:
    # given a client with a token
    credentials = register(world.sam, statewide=True)
    api = Api(credentials)
    member = world.family_a1.members.get()
    assert api.get(f"/members/{member.member_id}/status", purpose=PURPOSE).status_code == 200
    http = client_for(world.sam)
    url = reverse("api:client_rotate", args=[credentials.client_id])
    # when sam asks to replace the secret, first sees the question, then confirms
    question = http.get(url)
    assert question.status_code == 200
    assert not SECRET.search(question.content.decode())
    response = http.post(url)
    # then the new secret is shown once, not cached
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    new_secret = SECRET.search(response.content.decode())
    assert new_secret is not None
    assert new_secret.group(1) != credentials.client_secret
    # and the old secret gets no token, the old token no answer, the new secret a token
    assert _token_answer(credentials.client_id, credentials.client_secret) == 401
    assert api.get(f"/members/{member.member_id}/status", purpose=PURPOSE).status_code == 401
    assert _token_answer(credentials.client_id, new_secret.group(1)) == 200
    assert AuditEvent.objects.filter(event_type="api.secret_rotated").count() == 1
    # and the client's page does not show it again
    page = http.get(reverse("api:client", args=[credentials.client_id])).content.decode()
    assert new_secret.group(1) not in page


def test_revoking_stops_an_existing_token_at_once(world: World) -> None:
    # given a client with a token in use
    credentials = register(world.sam, statewide=True)
    api = Api(credentials)
    member = world.family_a1.members.get()
    assert api.get(f"/members/{member.member_id}/status", purpose=PURPOSE).status_code == 200
    http = client_for(world.sam)
    url = reverse("api:client_revoke", args=[credentials.client_id])
    # when sam revokes it without a reason, then with one
    assert http.get(url).status_code == 200
    assert http.post(url, {"reason": ""}).status_code == 200
    assert DepartmentClient.objects.get().revoked_at is None
    response = http.post(url, {"reason": "The scheme was closed"})
    # then the token is refused at once, and no new one is issued
    assert response.status_code == 302
    answer = api.get(f"/members/{member.member_id}/status", purpose=PURPOSE)
    assert answer.status_code == 401
    assert _token_answer(credentials.client_id, credentials.client_secret) == 401
    event = AuditEvent.objects.get(event_type="api.client_revoked")
    assert event.changes == {"reason": [None, "The scheme was closed"]}
    # and a revoked client can be neither changed nor given a new secret
    rotate = http.post(reverse("api:client_rotate", args=[credentials.client_id]))
    assert rotate.status_code == 200
    assert not SECRET.search(rotate.content.decode())
    assert not AuditEvent.objects.filter(event_type="api.secret_rotated").exists()
    page = http.get(reverse("api:clients")).content.decode()
    assert "Revoked" in page


def test_the_clients_page_shows_its_figures(world: World) -> None:
    # given a client that read two families, one twice
    credentials = register(world.sam, statewide=True)
    client = credentials.client
    for family, purpose in (
        (world.family_a1, PURPOSE),
        (world.family_a1, PURPOSE),
        (world.family_b1, "widow-pension"),
    ):
        log_reads(
            client,
            purpose=purpose,
            operation="family.read",
            scopes=["identity"],
            families=[(family.family_id, [])],
        )
    http = client_for(world.sam)
    # when sam opens its page
    response = http.get(reverse("api:client", args=[credentials.client_id]))
    # then the reads per day, by operation and purpose, and the families are shown
    figures = response.context["figures"]
    assert figures.total == 3
    assert figures.families == 2
    assert figures.days[-1] == (timezone.localdate(), 3)
    assert len(figures.days) == 14
    assert {(r["purpose"], r["n"]) for r in figures.by_operation} == {
        (PURPOSE, 2),
        ("widow-pension", 1),
    }
    body = response.content.decode()
    assert "old age pension eligibility" in body
    assert world.family_b1.family_id in body
    # and the list counts them too
    listed = http.get(reverse("api:clients")).context["page"][0]
    assert listed.recent_reads == 3
    assert listed.last_read_at is not None


def test_the_clients_list_takes_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    for n in range(8):
        credentials = register(world.sam, districts=[world.d_a, world.d_x])
        log_reads(
            credentials.client,
            purpose=PURPOSE,
            operation="member.status",
            scopes=["identity"],
            families=[(world.family_a1.family_id, [str(n)])],
        )
    http = client_for(world.sam)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        response = http.get(reverse("api:clients"))
    assert response.status_code == 200
    assert len(response.context["page"]) == 8


def _pages(credentials: Credentials) -> list[tuple[str, str]]:
    cid = credentials.client_id
    return [
        ("get", reverse("api:clients")),
        ("get", reverse("api:client_new")),
        ("post", reverse("api:client_new")),
        ("get", reverse("api:client", args=[cid])),
        ("get", reverse("api:client_edit", args=[cid])),
        ("post", reverse("api:client_edit", args=[cid])),
        ("get", reverse("api:client_rotate", args=[cid])),
        ("post", reverse("api:client_rotate", args=[cid])),
        ("get", reverse("api:client_revoke", args=[cid])),
        ("post", reverse("api:client_revoke", args=[cid])),
    ]


@pytest.mark.parametrize("persona", ["erin", "carol", "alice"])
def test_other_roles_are_refused(world: World, persona: str) -> None:
    # given a client, and an official of another role than the state admin
    credentials = register(world.sam, statewide=True)
    http = client_for(getattr(world, persona))
    # when they open or post to every page / then each is refused and nothing changes
    for method, url in _pages(credentials):
        data = {"reason": "Outsider", **_register_form(world)} if method == "post" else {}
        response = getattr(http, method)(url, data)
        assert response.status_code == 403, f"{persona} {method} {url}"
        assert credentials.client_secret not in response.content.decode()
    client = DepartmentClient.objects.get()
    assert client.revoked_at is None
    assert client.secret_hash == credentials.client.secret_hash
    assert DepartmentClient.objects.count() == 1
    assert AuditEvent.objects.filter(event_type__startswith="api.").count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(world: World) -> None:
    credentials = register(world.sam, statewide=True)
    http = Client()
    for method, url in _pages(credentials):
        response = getattr(http, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("officials:login"))
    assert DepartmentClient.objects.get().revoked_at is None


def test_an_unknown_client_is_404(world: World) -> None:
    http = client_for(world.sam)
    assert http.get(reverse("api:client", args=["dept-nope"])).status_code == 404


def test_the_home_page_links_the_clients(world: World) -> None:
    body = client_for(world.sam).get("/").content.decode()
    assert reverse("api:clients") in body


def test_reads_are_kept_when_the_list_counts_them(world: World) -> None:
    # The list's count is capped (selectors.READS_COUNT_CAP); below it, it is exact.
    credentials = register(world.sam, statewide=True)
    log_reads(
        credentials.client,
        purpose=PURPOSE,
        operation="export",
        scopes=["identity"],
        families=((f"{n:08d}", []) for n in range(30)),
    )
    assert ApiRead.objects.count() == 30
    listed = client_for(world.sam).get(reverse("api:clients")).context["page"][0]
    assert listed.recent_reads == 30
