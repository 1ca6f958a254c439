"""An officer resets an official's password: a new one by SMS, the old one stops working."""

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from officials.models import Official
from officials.services import official_authenticate, official_reset_password
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


def test_the_old_password_stops_working(world: World) -> None:
    official_reset_password(actor=world.carol, official=world.alice)

    alice = Official.objects.get(pk=world.alice.pk)
    assert not alice.check_password(PASSWORD)


def test_the_new_password_must_be_changed_at_login(world: World) -> None:
    assert not world.alice.must_change_password

    official_reset_password(actor=world.carol, official=world.alice)

    assert Official.objects.get(pk=world.alice.pk).must_change_password


def test_it_unlocks_a_locked_account(world: World) -> None:
    Official.objects.filter(pk=world.alice.pk).update(
        locked_until=timezone.now() + timezone.timedelta(minutes=10), failed_logins=3
    )

    official_reset_password(actor=world.carol, official=world.alice)

    alice = Official.objects.get(pk=world.alice.pk)
    assert not alice.is_locked()
    assert alice.failed_logins == 0


def test_it_audits_the_reset_without_the_password(world: World) -> None:
    official_reset_password(actor=world.carol, official=world.alice)

    event = AuditEvent.objects.get(event_type="official.password_reset")
    assert event.actor == world.carol
    assert event.subject_id == str(world.alice.pk)
    alice = Official.objects.get(pk=world.alice.pk)
    new_password = password_in(only_sms(alice.mobile, SmsKind.PASSWORD_RESET).text, alice)
    assert new_password not in str(event.changes)
