"""Bad input at submission: a clear error under the field's key, and nothing half-saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from registration.data import MemberData
from registration.models import ApplicationStatus
from registration.services import application_submit
from registry.models import Relation
from sms.models import SmsMessage
from tests.registration.builders import draft, head, son, wife


def _submit_and_fail(world, members) -> dict[str, list[str]]:
    application = draft(world.alice, world.a1, members)
    with pytest.raises(ValidationError) as error:
        application_submit(actor=world.alice, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert not AuditEvent.objects.filter(event_type="application.submitted").exists()
    assert not SmsMessage.objects.exists()
    assert not application.possible_duplicates.exists()
    return error.value.message_dict


def test_it_rejects_a_family_without_a_head(world):
    errors = _submit_and_fail(world, [wife(), son()])
    assert "members" in errors


def test_it_rejects_a_family_with_two_heads(world):
    errors = _submit_and_fail(world, [head(), wife(relation=Relation.HEAD)])
    assert "members" in errors


def test_it_rejects_a_family_without_members(world):
    errors = _submit_and_fail(world, [])
    assert "members" in errors


def test_it_rejects_a_son_born_before_his_father(world):
    errors = _submit_and_fail(world, [head(), son(date_of_birth=date(1978, 1, 1))])
    assert "members-1-date_of_birth" in errors


def test_it_rejects_a_daughter_only_ten_years_younger_than_her_mother(world):
    daughter = son(
        name_en="Priya Patel",
        name_hi="प्रिया पटेल",
        gender="F",
        relation=Relation.DAUGHTER,
        date_of_birth=date(1994, 3, 10),
    )
    errors = _submit_and_fail(world, [head(), wife(), daughter])
    assert "members-2-date_of_birth" in errors


def test_it_compares_ages_when_dates_are_unknown(world):
    errors = _submit_and_fail(
        world, [head(date_of_birth=None, age_years=30), son(date_of_birth=None, age_years=25)]
    )
    assert "members-1-age_years" in errors


def test_it_rejects_a_head_older_than_his_father(world):
    father = son(
        name_en="Mohan Patel",
        name_hi="मोहन पटेल",
        relation=Relation.FATHER,
        date_of_birth=date(1985, 1, 1),
    )
    errors = _submit_and_fail(world, [head(), father])
    assert "members-0-date_of_birth" in errors


def test_it_requires_a_date_of_birth_or_an_age(world):
    errors = _submit_and_fail(world, [head(date_of_birth=None)])
    assert "members-0-date_of_birth" in errors


def test_it_requires_every_field_of_a_complete_member(world):
    errors = _submit_and_fail(world, [head(), MemberData(name_en="Rahul Patel")])
    for field in (
        "name_hi",
        "gender",
        "relation",
        "marital_status",
        "caste_category",
        "date_of_birth",
    ):
        assert f"members-1-{field}" in errors


def test_it_requires_the_kind_of_disability(world):
    errors = _submit_and_fail(world, [head(has_disability=True)])
    assert "members-0-disability_kind" in errors


def test_it_rejects_a_date_of_birth_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        draft(world.alice, world.a1, [head(date_of_birth=tomorrow)])
    assert "members-0-date_of_birth" in error.value.message_dict


def test_it_rejects_names_in_the_wrong_script(world):
    with pytest.raises(ValidationError) as error:
        draft(world.alice, world.a1, [head(name_hi="Suresh", name_en="सुरेश")])
    assert {"members-0-name_hi", "members-0-name_en"} <= set(error.value.message_dict)


def test_it_accepts_a_son_exactly_twelve_years_younger(world):
    application = draft(world.alice, world.a1, [head(), son(date_of_birth=date(1992, 5, 1))])
    application_submit(actor=world.alice, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
