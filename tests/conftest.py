"""Personas for every role, in two districts, so each test can ask "and the other one?".

world.alice  — field official of ward/GP a1 (and a2) in local body lb_a (district d_a)
world.bob    — field official of area b1 in the same local body lb_a
world.carol  — local body officer of lb_a;  world.dave — local body officer of lb_x (d_x)
world.erin   — district officer of d_a;     world.frank — district officer of d_x
world.sam    — state admin
"""

import time
from dataclasses import dataclass

import pytest
from django.test import Client

from core.middleware import SESSION_REFRESHED_KEY
from geography.models import Area, District, LocalBody
from officials.models import Official
from registry.models import Family
from registry.word_counts import forget_word_counts
from tests import factories as f


@dataclass
class World:
    d_a: District
    d_x: District
    lb_a: LocalBody
    lb_x: LocalBody
    a1: Area
    a2: Area
    b1: Area
    x1: Area
    alice: Official
    bob: Official
    carol: Official
    dave: Official
    erin: Official
    frank: Official
    sam: Official
    family_a1: Family
    family_b1: Family
    family_x1: Family


@pytest.fixture
def world(db: None) -> World:
    d_a, d_x = f.DistrictFactory(), f.DistrictFactory()
    lb_a = f.LocalBodyFactory(district=d_a)
    lb_x = f.LocalBodyFactory(district=d_x)
    a1, a2, b1 = (f.AreaFactory(local_body=lb_a) for _ in range(3))
    x1 = f.AreaFactory(local_body=lb_x)
    families = {}
    for name, area in (("a1", a1), ("b1", b1), ("x1", x1)):
        families[name] = f.FamilyFactory(area=area)
        f.MemberFactory(family=families[name])
    return World(
        d_a=d_a,
        d_x=d_x,
        lb_a=lb_a,
        lb_x=lb_x,
        a1=a1,
        a2=a2,
        b1=b1,
        x1=x1,
        alice=f.field_official(a1, a2, user_id="alice"),
        bob=f.field_official(b1, user_id="bob"),
        carol=f.local_body_officer(lb_a, user_id="carol"),
        dave=f.local_body_officer(lb_x, user_id="dave"),
        erin=f.district_officer(d_a, user_id="erin"),
        frank=f.district_officer(d_x, user_id="frank"),
        sam=f.state_admin(user_id="sam"),
        family_a1=families["a1"],
        family_b1=families["b1"],
        family_x1=families["x1"],
    )


def client_for(official: Official) -> Client:
    client = Client()
    client.force_login(official, backend="officials.backends.OfficialBackend")
    # As the sign-in page leaves it (core.middleware.SessionIdleRefreshMiddleware stamps it), so
    # that the first page is not the one that writes the session.
    session = client.session
    session[SESSION_REFRESHED_KEY] = int(time.time())
    session.save()
    return client


@pytest.fixture(autouse=True)
def word_counts_read_afresh() -> None:
    """A test's NameWord rows are rolled back after it: the next one must not see them."""
    forget_word_counts()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings: object) -> None:
    """Background tasks run as soon as their transaction commits (the real worker and queue
    are exercised by tests/sms/test_worker.py)."""
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "sms"],
        }
    }


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: object) -> None:
    """The real hasher costs ~0.7 s a password on this machine; tests need no such cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
