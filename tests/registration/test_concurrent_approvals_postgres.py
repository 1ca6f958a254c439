"""Approvals at the same moment, in threads with their own database connections. PostgreSQL
only: SQLite lets one writer in at a time, so nothing there runs at once."""

import secrets
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as gettext
from indic_transliteration import sanscript
from stdnum import verhoeff

from registration.data import MemberData
from registration.models import ApplicationStatus
from registration.verification import application_approve
from registry import ids
from registry.models import Family, Member
from tests import factories as f
from tests.concurrency import at_once
from tests.registration.builders import head, son, submitted, wife

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]
CONSONANTS = "kgjtdnpbmyrlvs"


def _unique_names(count: int) -> list[tuple[str, str]]:
    """(Latin, Devanagari) names that share no search key, so none is anyone's duplicate."""
    words = [f"{a}a{b}esh" for a in CONSONANTS for b in CONSONANTS][:count]
    return [
        (w.capitalize(), sanscript.transliterate(w, sanscript.ITRANS, sanscript.DEVANAGARI))
        for w in words
    ]


def _family(names: list[tuple[str, str]], index: int = 0) -> list[MemberData]:
    """Names and dates of birth of their own: people born the same day in one place with names a
    letter apart (Kakesh, Kagesh) may be one person mistyped."""
    (h_en, h_hi), (w_en, w_hi), (s_en, s_hi) = names
    day = date(2000, 1, 1) + timedelta(days=index)
    return [
        head(
            name_en=h_en,
            name_hi=h_hi,
            father_or_husband_name="",
            mobile="",
            date_of_birth=day.replace(year=1970),
        ),
        wife(
            name_en=w_en, name_hi=w_hi, father_or_husband_name="", date_of_birth=day.replace(1974)
        ),
        son(name_en=s_en, name_hi=s_hi, father_or_husband_name="", date_of_birth=day),
    ]


def _many_applications(world, count: int):
    names = _unique_names(3 * count)
    return [
        submitted(world.alice, world.a1, _family(names[3 * i : 3 * i + 3], i)) for i in range(count)
    ]


def _approve(world, application):
    return lambda: application_approve(actor=world.carol, application=application)


def _assert_all_ids_unique_and_valid(families: list[Family]) -> None:
    family_ids = list(Family.objects.values_list("family_id", flat=True))
    member_ids = list(Member.objects.values_list("member_id", flat=True))
    assert len(set(family_ids)) == len(family_ids)
    assert len(set(member_ids)) == len(member_ids)
    for family in families:
        assert ids.is_valid_family_id(family.family_id)
        for member_id in family.members.values_list("member_id", flat=True):
            assert len(member_id) == 9 and verhoeff.is_valid(member_id)


def test_many_approvals_at_once_get_unique_valid_ids(world):
    applications = _many_applications(world, 8)

    results = at_once([_approve(world, a) for a in applications])

    assert all(isinstance(r, Family) for r in results), results
    _assert_all_ids_unique_and_valid(results)
    assert Member.objects.filter(family__in=results).count() == 24


def test_ids_stay_unique_when_concurrent_draws_collide(world, monkeypatch):
    # given ID spaces so small that approvals at once keep drawing the same IDs
    family_pool = [f"{10_000_000 + i}" for i in range(12)]
    member_pool = [
        f"{b}{verhoeff.calc_check_digit(b)}" for b in (f"{20_000_000 + i}" for i in range(40))
    ]
    monkeypatch.setattr(ids, "random_family_id", lambda: secrets.choice(family_pool))
    monkeypatch.setattr(ids, "random_member_id", lambda: secrets.choice(member_pool))
    applications = _many_applications(world, 6)

    # when all are approved at once
    results = at_once([_approve(world, a) for a in applications])

    # then the unique index and the retries gave every family and member its own ID
    assert all(isinstance(r, Family) for r in results), results
    _assert_all_ids_unique_and_valid(results)


def test_of_two_simultaneous_approvals_exactly_one_wins(world):
    # given one application and two officers of its local body
    application = _many_applications(world, 1)[0]
    carol_colleague = f.local_body_officer(world.lb_a, user_id="carol2")
    families_before = Family.objects.count()

    # when both approve it at the same moment
    results = at_once(
        [
            lambda: application_approve(actor=world.carol, application=application),
            lambda: application_approve(actor=carol_colleague, application=application),
        ]
    )

    # then one got the family, the other a clear refusal, and the family exists once
    wins = [r for r in results if isinstance(r, Family)]
    refusals = [r for r in results if not isinstance(r, Family)]
    assert len(wins) == 1 and len(refusals) == 1
    # Compared in English: the threads speak it (tests.concurrency.at_once), and a lazy message
    # is read here, in the language active at this point.
    with translation.override("en"):
        assert "This application has already been approved." in str(refusals[0])
    assert Family.objects.count() == families_before + 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.family == wins[0]
