import pytest
from django.core.management import call_command

from registration.models import Application, ApplicationStatus, PossibleDuplicate


@pytest.mark.django_db
def test_the_demo_has_drafts_a_possible_duplicate_and_a_returned_application() -> None:
    call_command("seed_demo")
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.RETURNED,
    } <= statuses
    assert PossibleDuplicate.objects.filter(member__isnull=False).exists()
