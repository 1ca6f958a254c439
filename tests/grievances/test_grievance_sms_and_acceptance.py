"""The family is told by SMS when its grievance moves up a level and when it reopens it; a
closure it does not answer within SAMAGRA_GRIEVANCE_ACCEPT_DAYS is accepted on its behalf, in
the thread and the audit log, and its page says until when it can reopen. The clock is moved
with ``now=``."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from grievances.models import Grievance, ReplyKind, Status
from grievances.services import (
    grievance_accept,
    grievance_close,
    grievance_reopen,
    grievances_accept_unanswered,
    grievances_escalate,
)
from sms.models import SmsKind, SmsMessage
from tests.grievances.support import citizen_of, filed
from tests.security.test_authz_matrix import citizen_client

FAMILY_MOBILE = "9876543210"  # tests.grievances.support.filed gives the head this mobile


def test_the_family_is_told_when_its_grievance_moves_up(world):
    start = timezone.now()
    grievance = filed(world.family_a1, "no_action", now=start)
    day8 = start + timedelta(days=8)

    grievances_escalate(now=day8)

    sms = SmsMessage.objects.get(kind=SmsKind.GRIEVANCE_ESCALATED)
    assert sms.mobile == FAMILY_MOBILE
    assert grievance.number in sms.text
    assert world.carol.get_designation_display() in sms.text  # the new holder's office
    assert world.carol.name not in sms.text
    assert timezone.localtime(day8 + timedelta(days=7)).strftime("%d-%m-%Y") in sms.text
    # and the officials get no SMS for it
    assert not SmsMessage.objects.filter(mobile__in=[world.alice.mobile, world.carol.mobile])
    # and a second run tells nobody again
    grievances_escalate(now=day8)
    assert SmsMessage.objects.filter(kind=SmsKind.GRIEVANCE_ESCALATED).count() == 1


def test_the_family_is_told_when_it_reopens(world):
    start = timezone.now()
    grievance = filed(world.family_a1, now=start)
    grievance_close(actor=world.alice, grievance=grievance, reason="Done.", now=start)

    grievance_reopen(
        actor=citizen_of(world.family_a1),
        grievance=grievance,
        reason="It is not done.",
        now=start + timedelta(days=1),
    )

    sms = SmsMessage.objects.get(kind=SmsKind.GRIEVANCE_REOPENED)
    assert sms.mobile == FAMILY_MOBILE
    assert grievance.number in sms.text
    assert world.alice.get_designation_display() in sms.text


def test_a_refused_reopening_sends_nothing(world):
    grievance = filed(world.family_a1)
    with pytest.raises(ValidationError):
        grievance_reopen(actor=citizen_of(world.family_a1), grievance=grievance, reason="x")
    assert not SmsMessage.objects.filter(kind=SmsKind.GRIEVANCE_REOPENED).exists()


def test_the_sms_is_in_the_familys_language(world, settings):
    settings.LANGUAGE_CODE = "hi"
    start = timezone.now()
    grievance = filed(world.family_a1, "no_action", now=start)
    grievances_escalate(now=start + timedelta(days=8))
    sms = SmsMessage.objects.get(kind=SmsKind.GRIEVANCE_ESCALATED)
    assert sms.language == "hi"
    assert sms.text.startswith("समग्र:") and grievance.number in sms.text


def _closed(world, start):
    grievance = filed(world.family_a1, now=start)
    return grievance_close(actor=world.alice, grievance=grievance, reason="Done.", now=start)


def test_an_unanswered_closure_is_accepted_after_the_days(world, settings):
    settings.GRIEVANCE_ACCEPT_DAYS = 15
    start = timezone.now()
    grievance = _closed(world, start)

    # before the days have passed nothing changes
    assert grievances_accept_unanswered(now=start + timedelta(days=14, hours=23)) == 0
    # after them it is accepted on the family's behalf
    day15 = start + timedelta(days=15)
    assert grievances_accept_unanswered(now=day15) == 1
    grievance.refresh_from_db()
    assert grievance.status == Status.ACCEPTED
    entry = grievance.replies.get(kind=ReplyKind.ACCEPTED)
    assert (entry.author_official, entry.author_member_id, entry.created_at) == (None, "", day15)
    event = AuditEvent.objects.get(event_type="grievance.accepted_automatically")
    assert event.actor_id is None
    assert event.changes["status"] == [Status.CLOSED, Status.ACCEPTED]
    # and a second run does nothing more
    assert grievances_accept_unanswered(now=day15 + timedelta(days=1)) == 0


def test_the_days_are_configurable(world, settings):
    settings.GRIEVANCE_ACCEPT_DAYS = 3
    start = timezone.now()
    grievance = _closed(world, start)
    assert grievances_accept_unanswered(now=start + timedelta(days=3)) == 1
    grievance.refresh_from_db()
    assert grievance.status == Status.ACCEPTED


def test_a_bad_setting_is_refused(world, settings):
    settings.GRIEVANCE_ACCEPT_DAYS = 0
    with pytest.raises(ImproperlyConfigured):
        grievances_accept_unanswered()


def test_answered_and_final_closures_are_left_alone(world):
    start = timezone.now()
    accepted = _closed(world, start)
    grievance_accept(actor=citizen_of(world.family_a1), grievance=accepted, now=start)
    final = _closed(world, start)
    grievance_reopen(actor=citizen_of(world.family_a1), grievance=final, reason="No.", now=start)
    grievance_close(actor=world.alice, grievance=final, reason="Final.", now=start)
    open_one = filed(world.family_a1, now=start)

    assert grievances_accept_unanswered(now=start + timedelta(days=60)) == 0
    assert not AuditEvent.objects.filter(event_type="grievance.accepted_automatically").exists()
    open_one.refresh_from_db()
    assert open_one.status == Status.OPEN


def test_reopening_after_the_days_is_refused(world, settings):
    settings.GRIEVANCE_ACCEPT_DAYS = 15
    start = timezone.now()
    grievance = _closed(world, start)
    with pytest.raises(ValidationError) as refusal:
        grievance_reopen(
            actor=citizen_of(world.family_a1),
            grievance=grievance,
            reason="Too late?",
            now=start + timedelta(days=15, minutes=1),
        )
    assert "The time to reopen this grievance ended on" in str(refusal.value)
    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED
    assert not grievance.replies.filter(kind=ReplyKind.REOPENED).exists()


def test_the_familys_page_says_until_when_it_can_reopen(world, settings):
    settings.GRIEVANCE_ACCEPT_DAYS = 15
    start = timezone.now()
    grievance = _closed(world, start)
    client = citizen_client(world.family_a1)
    url = reverse("grievances:citizen_detail", args=[grievance.number])

    page = client.get(url).content.decode()

    until = timezone.localtime(start + timedelta(days=15)).strftime("%d-%m-%Y %H:%M")
    assert "Can be reopened until" in page and until in page
    assert reverse("grievances:citizen_reopen", args=[grievance.number]) in page
    # once the time has passed (the run not yet made), the page offers no reopening
    Grievance.objects.filter(pk=grievance.pk).update(closed_at=start - timedelta(days=16))
    page = client.get(url).content.decode()
    assert reverse("grievances:citizen_reopen", args=[grievance.number]) not in page
    assert "The time to reopen this grievance has ended" in page


def test_the_thread_says_it_was_accepted_for_the_family(world):
    start = timezone.now()
    grievance = _closed(world, start)
    grievances_accept_unanswered(now=start + timedelta(days=30))
    client = citizen_client(world.family_a1)
    page = client.get(reverse("grievances:citizen_detail", args=[grievance.number]))
    assert "the answer counts as accepted" in page.content.decode()


def test_the_command_accepts_them_with_the_real_clock(world, settings, capsys):
    settings.GRIEVANCE_ACCEPT_DAYS = 15
    grievance = _closed(world, timezone.now())
    Grievance.objects.filter(pk=grievance.pk).update(
        closed_at=timezone.now() - timedelta(days=15, hours=1)
    )
    call_command("grievances_escalate")
    assert "Accepted 1 closure(s) the family did not answer in 15 days." in capsys.readouterr().out
    grievance.refresh_from_db()
    assert grievance.status == Status.ACCEPTED
