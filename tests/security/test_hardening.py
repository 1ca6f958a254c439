"""Web hardening with production-like settings: headers, cookies, CSRF, and templates that keep
the Content-Security-Policy enforceable."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from core.middleware import CONTENT_SECURITY_POLICY
from tests.conftest import World, client_for
from tests.factories import PASSWORD
from tests.security.urlconf import ROUTES, Route

TEMPLATES_DIR = Path(django_settings.BASE_DIR) / "templates"


@pytest.fixture
def production(settings: Any) -> Any:
    """What samagra/settings.py sets when SAMAGRA_SECURE is on (DEBUG off)."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    return settings


def test_production_settings_turn_every_protection_on() -> None:
    # given the environment of a production server (DEBUG off, HTTPS on)
    env = {
        **os.environ,
        "SAMAGRA_DEBUG": "0",
        "SAMAGRA_SECRET_KEY": "x" * 50,
        "SAMAGRA_ALLOWED_HOSTS": "samagra.example",
    }
    env.pop("SAMAGRA_SECURE", None)
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SAMESITE",
        "X_FRAME_OPTIONS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
    ]
    # when samagra/settings.py is read there
    script = (
        "import json, samagra.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    out = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # then everything is on by default
    assert json.loads(out) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
    }


def _csp_directives(header: str) -> dict[str, list[str]]:
    parts = (d.strip().split() for d in header.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(production: Any) -> None:
    # given production settings / when a page is fetched over HTTPS
    response = Client().get(reverse("portal:home"), secure=True)
    # then the browser is told to lock it down
    assert response.status_code == 200
    csp = _csp_directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production: Any) -> None:
    # given production settings / when a page is asked for over plain HTTP
    response = Client().get(reverse("officials:login"))
    # then the answer is a permanent redirect to HTTPS, with no page in it
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_the_health_check_answers_over_plain_http(production: Any) -> None:
    # given production settings / when the load balancer asks over plain HTTP
    response = Client().get(reverse("healthz"))
    # then it is answered, not redirected
    assert response.status_code == 200


def test_the_policy_forbids_inline_code() -> None:
    # given the policy the middleware sends / then nothing inline is allowed
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert "data:" not in _csp_directives(CONTENT_SECURITY_POLICY)["script-src"]


def test_pages_of_signed_in_officials_are_not_cached(world: World) -> None:
    # given carol, signed in / when she opens a list of people
    response = client_for(world.carol).get(reverse("officials:list"))
    # then no cache may keep it
    assert "no-store" in response["Cache-Control"]


def test_the_session_cookie_is_http_only_same_site_and_secure(
    production: Any, world: World
) -> None:
    # given production settings and the sign-in form
    client = Client()
    client.get(reverse("officials:login"), secure=True)
    # when carol signs in
    response = client.post(
        reverse("officials:login"), {"user_id": "carol", "password": PASSWORD}, secure=True
    )
    # then the session cookie cannot be read by scripts nor sent cross-site nor over HTTP
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True


def test_the_csrf_cookie_is_same_site_and_secure(production: Any, db: None) -> None:
    # given production settings / when a page with a form is opened
    response = Client().get(reverse("officials:login"), secure=True)
    # then the CSRF cookie is not sent cross-site nor over HTTP, nor read by scripts
    cookie = response.cookies[django_settings.CSRF_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_the_language_cookie_is_http_only_same_site_and_secure(production: Any, db: None) -> None:
    # given production settings / when a visitor switches to English
    response = Client().post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    # then the language cookie is kept like the session's (wapiti's first run found it was not)
    assert response.status_code == 302
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_no_view_is_exempt_from_csrf() -> None:
    # given every view but the department API's / then none opts out of the CSRF check
    exempt = [r.name for r in ROUTES if getattr(r.callback, "csrf_exempt", False) and not r.is_api]
    assert not exempt


def test_the_api_is_not_reached_with_a_session_cookie(world: World) -> None:
    """The API's views are exempt from CSRF because no cookie authenticates them: only a
    bearer token does. A signed-in state admin's browser reaches nothing with its session."""
    client = client_for(world.sam)
    member = world.family_a1.members.get()
    response = client.get(f"/api/v1/members/{member.member_id}/status?purpose=any")
    assert response.status_code == 401
    posted = client.post(
        "/api/v1/exports",
        {"purpose": "any", "format": "csv", "criteria": {}},
        content_type="application/json",
    )
    assert posted.status_code == 401


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "sam"])
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if not r.params and not r.is_api], ids=lambda r: r.name
)
def test_a_post_without_csrf_token_is_refused(route: Route, signed_in: bool, world: World) -> None:
    # given a client that enforces CSRF like a browser
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(world.sam, backend="officials.backends.OfficialBackend")
    # when it posts to the URL without a token
    response = client.post(reverse(route.name), {"user_id": "sam", "password": PASSWORD})
    # then it is refused before the view runs
    assert response.status_code == 403, route.name


@pytest.mark.parametrize(
    "name", ["officials:edit", "officials:set_active", "officials:reset_password"]
)
def test_a_post_to_an_object_without_csrf_token_is_refused(name: str, world: World) -> None:
    # given carol, who manages alice, with a client that enforces CSRF
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.carol, backend="officials.backends.OfficialBackend")
    before = type(world.alice).objects.values().get(pk=world.alice.pk)
    # when a forged form posts to alice's record
    response = client.post(reverse(name, kwargs={"pk": world.alice.pk}), {"active": "0"})
    # then it is refused and alice is unchanged
    assert response.status_code == 403
    assert type(world.alice).objects.values().get(pk=world.alice.pk) == before


def test_a_post_with_the_csrf_token_goes_through(world: World) -> None:
    # given a browser-like client that has loaded the sign-in form
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("officials:login"))
    token = client.cookies[django_settings.CSRF_COOKIE_NAME].value
    # when it posts with the token
    response = client.post(
        reverse("officials:login"),
        {"user_id": "carol", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    # then the view runs (a control for the refusals above)
    assert response.status_code == 302


# Laid out by WeasyPrint into a PDF (core/pdf.py), never served to a browser, so no CSP applies.
PDF_TEMPLATES = TEMPLATES_DIR / "pdf"


def _templates() -> list[Path]:
    found = sorted(p for p in TEMPLATES_DIR.rglob("*.html") if PDF_TEMPLATES not in p.parents)
    assert found, TEMPLATES_DIR
    return found


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES_DIR)))
def test_templates_have_nothing_inline_that_the_policy_would_block(path: Path) -> None:
    # given a template / then it has no inline script, style or event handler
    text = path.read_text()
    assert not re.search(r"<script", text, re.IGNORECASE)
    assert not re.search(r"<style", text, re.IGNORECASE)
    assert not re.search(r"\sstyle\s*=", text, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", text, re.IGNORECASE)
    assert not re.search(r"javascript:", text, re.IGNORECASE)


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES_DIR)))
def test_every_post_form_carries_the_csrf_token(path: Path) -> None:
    # given a template / then each of its POST forms has a CSRF token inside
    text = path.read_text()
    for form in re.findall(r"<form\b[^>]*>.*?</form>", text, re.IGNORECASE | re.DOTALL):
        if re.search(r"method=[\"']post[\"']", form, re.IGNORECASE):
            assert "{% csrf_token %}" in form, form[:120]
