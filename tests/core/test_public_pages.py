import pytest
from django.test import Client

from portal.views import MANUAL_ROLES

PUBLIC_PAGES = [
    "/",
    "/registration-is-open/",
    "/manual/",
    *(f"/manual/{role}/" for role in MANUAL_ROLES),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_opens_for_anyone(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_the_manual_index_links_every_role(client: Client) -> None:
    body = client.get("/manual/").content.decode()

    for role in MANUAL_ROLES:
        assert f'href="/manual/{role}/"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nobody", "state_admin", "_signin"])
def test_an_unknown_manual_page_is_not_found(client: Client, role: str) -> None:
    assert client.get(f"/manual/{role}/").status_code == 404
