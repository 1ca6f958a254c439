"""Department clients and tokens for the API's tests."""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from api.models import Scope
from api.services import Credentials, client_register
from geography.models import District
from officials.models import Official

ALL_SCOPES = list(Scope.values)
PURPOSE = "old-age-pension-eligibility"


def register(
    admin: Official,
    *,
    districts: Sequence[District] = (),
    statewide: bool = False,
    scopes: Sequence[str] = ALL_SCOPES,
    purposes: Sequence[str] = (PURPOSE,),
    rate: int = 600,
    days: int = 30,
) -> Credentials:
    return client_register(
        actor=admin,
        name="Pension system",
        department="Social Justice",
        scopes=scopes,
        purposes=purposes,
        statewide=statewide,
        districts=districts,
        rate_per_minute=rate,
        expires_on=timezone.localdate() + timedelta(days=days),
    )


def token_for(http: Client, credentials: Credentials) -> str:
    response = http.post(
        "/api/v1/token",
        {
            "grant_type": "client_credentials",
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
        },
    )
    assert response.status_code == 200, response.content
    token: str = response.json()["access_token"]
    return token


class Api:
    """A department's system, calling the API with its bearer token."""

    def __init__(self, credentials: Credentials, language: str = "en") -> None:
        self.http = Client(HTTP_ACCEPT_LANGUAGE=language)
        self.credentials = credentials
        self.token = token_for(self.http, credentials)

    def get(self, path: str, **params: Any) -> Any:
        return self.http.get(f"/api/v1{path}", params, HTTP_AUTHORIZATION=f"Bearer {self.token}")

    def post(self, path: str, body: Any) -> Any:
        return self.http.post(
            f"/api/v1{path}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.token}",
        )
