"""Replacing a member's linked mobile (the number citizen sign-in sends its OTP to).

The old number is told by SMS, and the change needs either a code sent to the old number (the
citizen, who has it) or the verification, with a reason, of the local body officer of the
family (an official asking on the family's behalf; never the one who asked)."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from identity.models import MobileChange, MobileLink
from registry.models import Member
from sms.models import SmsKind, SmsMessage
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.identity_pages.support import CITIZEN, OFFICIAL, citizen_client, official_client, url
from tests.uidai.support import otp_sent_to, wrong

pytestmark = pytest.mark.django_db
OLD, NEW, OFFICIALS_OWN = "9876543210", "9425012345", "9300000001"


@pytest.fixture
def head(world: World) -> Member:
    return ekyc_with_linked_mobile(world.family_a1.members.get(), OLD)


def linked(member: Member) -> str:
    return MobileLink.objects.get(member=member).mobile


def official_asks(client: Client, member: Member, mobile: str, reason: str = "Lost phone") -> str:
    """An official's request: the new number, confirmed by the OTP sent to it; the page after."""
    response = client.post(
        url(OFFICIAL, "mobile_link", member), {"mobile": mobile, "reason": reason}
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    done = client.post(response["Location"], {"code": otp_sent_to(mobile)}, follow=True)
    return done.content.decode()


def decide(client: Client, member: Member, action: str, reason: str) -> object:
    return client.post(
        reverse("identity:mobile_change", kwargs={"member_id": member.member_id}),
        {"action": action, "reason": reason},
    )


def test_an_official_cannot_replace_a_linked_mobile_on_their_own(
    world: World, head: Member
) -> None:
    # given alice, a field official of the family's area, types her own number
    official_asks(official_client(world.alice), head, OFFICIALS_OWN)

    # then the member's sign-in still goes to the old number
    assert linked(head) == OLD
    change = MobileChange.objects.get(member=head)
    assert change.status == MobileChange.Status.PENDING
    assert (change.old_mobile, change.new_mobile) == (OLD, OFFICIALS_OWN)


def test_the_old_number_is_told_of_an_officials_request(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, OFFICIALS_OWN)

    told = SmsMessage.objects.get(mobile=OLD)
    assert told.kind == SmsKind.CHANGE_REQUESTED
    assert MobileChange.objects.get(member=head).number in told.text
    assert AuditEvent.objects.filter(event_type="member.mobile_change_requested").count() == 1


def test_the_local_body_officer_verifies_it_with_a_reason(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, NEW)
    carol = official_client(world.carol)

    response = decide(carol, head, "approve", "Saw the member with the new phone at the office")

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert linked(head) == NEW
    change = MobileChange.objects.get(member=head)
    assert (change.status, change.decided_by) == (MobileChange.Status.APPLIED, world.carol)
    event = AuditEvent.objects.get(event_type="member.mobile_change_verified")
    assert event.actor == world.carol
    assert event.changes["reason"] == [None, "Saw the member with the new phone at the office"]
    assert SmsMessage.objects.filter(mobile=OLD, kind=SmsKind.CHANGE_APPLIED).count() == 1


def test_the_verification_needs_a_reason(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, NEW)

    response = decide(official_client(world.carol), head, "approve", "  ")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert linked(head) == OLD


def test_who_asked_cannot_verify_their_own_request(world: World, head: Member) -> None:
    carol = official_client(world.carol)
    official_asks(carol, head, NEW)

    response = decide(carol, head, "approve", "I say so")

    assert response.status_code in (200, 403)  # type: ignore[attr-defined]
    assert linked(head) == OLD
    assert MobileChange.objects.get(member=head).status == MobileChange.Status.PENDING


def test_an_officer_of_another_local_body_cannot_verify(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, NEW)

    response = decide(official_client(world.dave), head, "approve", "Outsider")

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert linked(head) == OLD


def test_a_field_official_cannot_verify(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, NEW)

    response = decide(official_client(world.alice), head, "approve", "Myself")

    assert response.status_code == 403  # type: ignore[attr-defined]
    assert linked(head) == OLD


def test_a_rejected_request_changes_nothing_and_is_told(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, OFFICIALS_OWN)

    decide(official_client(world.carol), head, "reject", "The member did not ask for it")

    assert linked(head) == OLD
    assert MobileChange.objects.get(member=head).status == MobileChange.Status.REJECTED
    assert SmsMessage.objects.filter(mobile=OLD, kind=SmsKind.CHANGE_REJECTED).count() == 1


def test_the_citizen_replaces_it_with_the_old_numbers_code(world: World, head: Member) -> None:
    client = citizen_client(world.family_a1, head)
    response = client.post(url(CITIZEN, "mobile_link", head), {"mobile": NEW})
    assert response.status_code == 302

    client.post(response["Location"], {"code": otp_sent_to(NEW), "old_code": otp_sent_to(OLD)})

    assert linked(head) == NEW
    assert SmsMessage.objects.filter(mobile=OLD, kind=SmsKind.CHANGE_APPLIED).count() == 1
    assert MobileChange.objects.get(member=head).proof == MobileChange.Proof.OLD_NUMBER_OTP


def test_without_the_old_numbers_code_the_citizen_changes_nothing(
    world: World, head: Member
) -> None:
    client = citizen_client(world.family_a1, head)
    response = client.post(url(CITIZEN, "mobile_link", head), {"mobile": NEW})

    page = client.post(
        response["Location"], {"code": otp_sent_to(NEW), "old_code": wrong(otp_sent_to(OLD))}
    )

    assert page.status_code == 200
    assert linked(head) == OLD
    assert not SmsMessage.objects.filter(kind=SmsKind.CHANGE_APPLIED).exists()


def test_a_first_link_needs_only_the_new_numbers_code(world: World) -> None:
    member = ekyc_with_linked_mobile(world.family_b1.members.get(), OLD)
    MobileLink.objects.filter(member=member).delete()
    client = official_client(world.bob)

    response = client.post(url(OFFICIAL, "mobile_link", member), {"mobile": NEW})
    client.post(response["Location"], {"code": otp_sent_to(NEW)})

    assert linked(member) == NEW
    # and the change feed tells that a mobile was linked, without the number
    from registry.models import ChangeKind, RegisterChange

    told = RegisterChange.objects.get(kind=ChangeKind.MOBILE_LINKED)
    assert told.member_id == member.member_id and NEW not in str(told.details)


def test_the_waiting_request_is_shown_and_listed_for_the_officer(
    world: World, head: Member
) -> None:
    official_asks(official_client(world.alice), head, NEW)
    number = MobileChange.objects.get(member=head).number
    carol = official_client(world.carol)

    member_page = carol.get(url(OFFICIAL, "mobile_link", head)).content.decode()
    listed = carol.get(reverse("identity:mobile_change_list")).content.decode()

    decide_url = reverse("identity:mobile_change", kwargs={"member_id": head.member_id})
    assert number in member_page and decide_url in member_page
    assert number in listed and decide_url in listed
    assert NEW not in listed and OLD not in listed  # numbers are shown masked only


def test_a_second_request_waits_for_the_first(world: World, head: Member) -> None:
    official_asks(official_client(world.alice), head, NEW)

    response = official_client(world.alice).post(
        url(OFFICIAL, "mobile_link", head), {"mobile": OFFICIALS_OWN, "reason": "Again"}
    )

    assert response.status_code == 200
    assert "waits for the local body officer" in response.content.decode()
    assert MobileChange.objects.filter(member=head).count() == 1
