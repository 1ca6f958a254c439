"""The officials' forms whose decision an SMS tells: a reason from the list goes by SMS, in the
family's language; the official's own words stay on the portal."""

import pytest
from django.urls import reverse
from django.utils import translation

from grievances.models import Status
from identity.models import MobileChange
from registration.models import ApplicationStatus
from sms.models import SmsKind, SmsMessage
from sms.reasons import SmsReason
from tests.conftest import World, client_for
from tests.grievances.support import filed
from tests.identity.test_mobile_change import NEW, head, official_asks  # noqa: F401
from tests.identity_pages.support import official_client
from tests.registration import builders
from tests.updates.support import member, verma_family
from updates.models import ChangeKind, ChangeStatus
from updates.services import change_request_submit

pytestmark = pytest.mark.django_db
WORDS = "Spoke to the sarpanch about it at length"


def _told(kind: str, code: SmsReason) -> SmsMessage:
    sms = SmsMessage.objects.get(kind=kind)
    assert WORDS not in sms.text
    with translation.override(sms.language):
        assert str(code.label) in sms.text
    return sms


def test_a_verifier_rejects_an_application_with_a_reason_from_the_list(
    world: World, django_capture_on_commit_callbacks
) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = client_for(world.carol)
    page = client.get(reverse("registration:detail", args=[application.number])).content.decode()
    assert 'name="reject-reason_code"' in page and 'name="return-reason_code"' in page

    client.post(
        reverse("registration:reject", args=[application.number]),
        {"reject-reason": WORDS, "reject-reason_code": "DETAILS_WRONG"},
    )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert (application.decision_reason, application.sms_reason) == (WORDS, "DETAILS_WRONG")
    _told(SmsKind.APPLICATION_REJECTED, SmsReason.DETAILS_WRONG)


def test_a_reason_for_another_decision_is_refused_on_the_form(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)

    response = client_for(world.carol).post(
        reverse("registration:return", args=[application.number]),
        {"return-reason": WORDS, "return-reason_code": "RESOLVED"},  # a grievance's reason
    )

    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not SmsMessage.objects.filter(kind=SmsKind.APPLICATION_RETURNED).exists()


def test_the_send_back_form_of_a_familys_own_application_asks_no_code() -> None:
    from registration.forms import DecisionReasonForm, ReasonForm

    assert "reason_code" not in ReasonForm().fields
    assert "reason_code" in DecisionReasonForm().fields


def test_an_officer_rejects_a_change_with_a_reason_from_the_list(world: World) -> None:
    family = verma_family(world)
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=member(family, "Ravi Verma"),
        data={"date_of_death": "2025-01-01"},
    )

    client_for(world.carol).post(
        reverse("updates:change_reject", args=[change.number]),
        {"reason": WORDS, "reason_code": "NOT_ASKED_BY_FAMILY"},
    )

    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.sms_reason == "NOT_ASKED_BY_FAMILY"
    _told(SmsKind.CHANGE_REJECTED, SmsReason.NOT_ASKED_BY_FAMILY)


def test_the_holder_closes_a_grievance_with_a_reason_from_the_list(world: World) -> None:
    grievance = filed(world.family_a1)

    client_for(world.alice).post(
        reverse("grievances:close", args=[grievance.number]),
        {"reason": WORDS, "reason_code": "RESOLVED"},
    )

    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED and grievance.sms_reason == "RESOLVED"
    _told(SmsKind.GRIEVANCE_CLOSED, SmsReason.RESOLVED)


def test_a_field_official_cannot_close_with_a_code_what_they_do_not_hold(world: World) -> None:
    grievance = filed(world.family_a1)

    response = client_for(world.bob).post(
        reverse("grievances:close", args=[grievance.number]),
        {"reason": WORDS, "reason_code": "RESOLVED"},
    )

    assert response.status_code in (403, 404)
    grievance.refresh_from_db()
    assert grievance.status == Status.OPEN
    assert not SmsMessage.objects.filter(kind=SmsKind.GRIEVANCE_CLOSED).exists()


def test_an_officer_rejects_a_mobile_change_with_a_reason_from_the_list(
    world: World,
    head,  # noqa: F811
) -> None:
    official_asks(official_client(world.alice), head, NEW)

    official_client(world.carol).post(
        reverse("identity:mobile_change", kwargs={"member_id": head.member_id}),
        {"action": "reject", "reason": WORDS, "reason_code": "NOT_ASKED_BY_FAMILY"},
    )

    change = MobileChange.objects.get(member=head)
    assert change.status == MobileChange.Status.REJECTED
    assert change.sms_reason == "NOT_ASKED_BY_FAMILY"
    _told(SmsKind.CHANGE_REJECTED, SmsReason.NOT_ASKED_BY_FAMILY)
