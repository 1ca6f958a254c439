import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from registration.models import Application, ApplicationMember
from tests.registration.builders import draft, head

VALID_AADHAAR = "234123412346"


def test_it_rejects_an_aadhaar_number_with_a_wrong_check_digit(world):
    with pytest.raises(ValidationError) as error:
        draft(world.alice, world.a1, [head(aadhaar="234123412347")])
    assert "members-0-aadhaar" in error.value.message_dict
    assert not Application.objects.exists()


def test_it_stores_a_valid_aadhaar_number_nowhere(world):
    # when a valid Aadhaar number comes with the head
    application = draft(world.alice, world.a1, [head(aadhaar=VALID_AADHAAR)])

    # then no stored value of the application, its members or the audit log holds it
    rows = [
        *Application.objects.values(),
        *ApplicationMember.objects.values(),
        *AuditEvent.objects.values(),
    ]
    assert application.pk
    assert not any(VALID_AADHAAR in str(value) for row in rows for value in row.values())
