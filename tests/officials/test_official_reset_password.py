"""An officer resets an official's password: a new one by SMS, the old one stops working."""

import pytest
from django.conf import settings

from audit.models import AuditEvent
from officials import throttle
from officials.models import Official
from officials.services import LoginRefused, official_authenticate, official_reset_password
from sms.models import SmsKind
from tests.conftest import World
from tests.factories import PASSWORD
from tests.officials.support import only_sms, password_in

pytestmark = pytest.mark.django_db


def test_it_sends_a_new_password_by_sms_that_works(world: World) -> None:
    # when
    official_reset_password(actor=world.carol, official=world.alice)

    # then
    alice = Official.objects.get(pk=world.alice.pk)
    sms = only_sms(alice.mobile, SmsKind.PASSWORD_RESET)
    assert alice.user_id in sms.text
    assert sms.language == alice.language
    new_password = password_in(sms.text, alice)
    assert official_authenticate(user_id="alice", password=new_password) == alice
    assert new_password not in sms.redacted_text


def test_a_user_id_as_long_as_the_register_allows_goes_whole(world: World) -> None:
    """The security scan's finding: a user ID past the SMS variable's old cap (16) was a 500."""
    longest = Official._meta.get_field("user_id").max_length
    assert longest is not None
    Official.objects.filter(pk=world.alice.pk).update(user_id="a" * longest)
    alice = Official.objects.get(pk=world.alice.pk)

    official_reset_password(actor=world.carol, official=alice)

    assert alice.user_id in only_sms(alice.mobile, SmsKind.PASSWORD_RESET).text


def test_the_old_password_stops_working(world: World) -> None:
    official_reset_password(actor=world.carol, official=world.alice)

    alice = Official.objects.get(pk=world.alice.pk)
    assert not alice.check_password(PASSWORD)


def test_the_new_password_must_be_changed_at_login(world: World) -> None:
    assert not world.alice.must_change_password

    official_reset_password(actor=world.carol, official=world.alice)

    assert Official.objects.get(pk=world.alice.pk).must_change_password


def test_it_forgives_the_accounts_failed_sign_ins(world: World) -> None:
    # given failures that make a client wait before trying alice again
    for n in range(settings.LOGIN_FREE_FAILURES):
        official_authenticate_fails("alice", f"wrong-{n}")
    assert throttle.wait_seconds(account=throttle.account_key("alice"), client="10.0.0.1") > 0

    official_reset_password(actor=world.carol, official=world.alice)

    assert throttle.wait_seconds(account=throttle.account_key("alice"), client="10.0.0.1") == 0


def official_authenticate_fails(user_id: str, password: str) -> None:
    with pytest.raises(LoginRefused):
        official_authenticate(user_id=user_id, password=password, client_address="10.0.0.1")


def test_it_audits_the_reset_without_the_password(world: World) -> None:
    official_reset_password(actor=world.carol, official=world.alice)

    event = AuditEvent.objects.get(event_type="official.password_reset")
    assert event.actor == world.carol
    assert event.subject_id == str(world.alice.pk)
    alice = Official.objects.get(pk=world.alice.pk)
    new_password = password_in(only_sms(alice.mobile, SmsKind.PASSWORD_RESET).text, alice)
    assert new_password not in str(event.changes)
