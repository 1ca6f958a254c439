"""Work overdue past SAMAGRA_ESCALATE_AFTER_DAYS goes up one level (local body officer, then
district officer), once per holding; work with nobody to act on it goes to the local body
officer at once. The clock is moved with ``now=``."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone, translation

from audit.models import AuditEvent
from audit.words import history_lines
from escalation.models import Escalation, Level, Reason
from escalation.services import work_escalate_overdue
from registration.models import Application, ApplicationStatus
from tests import factories as f
from tests.conftest import World
from tests.escalation.support import application

START = timezone.now()


def day(n: float) -> timezone.datetime:
    return START + timedelta(days=n)


def test_it_is_not_escalated_before_the_period(world: World) -> None:
    application(world.a1, world.alice, START)
    # overdue after 7 days; up to the local body after 3 more
    assert work_escalate_overdue(now=day(9.9)) == 0
    assert not Escalation.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="work.").exists()


def test_it_goes_to_the_local_body_officer_then_the_district_officer_once(world: World) -> None:
    app = application(world.a1, world.alice, START)

    assert work_escalate_overdue(now=day(10.1)) == 1
    up = Escalation.objects.get()
    assert (up.level, up.reason, up.escalated_to, up.holder) == (
        Level.LOCAL_BODY,
        Reason.OVERDUE,
        world.carol,
        world.alice,
    )
    assert (up.kind, up.object_id, up.area) == ("application", app.pk, world.a1)
    # the item keeps its holder and its clock: who sat on it stays visible
    app.refresh_from_db()
    assert (app.holder, app.held_since) == (world.alice, START)

    # idempotent: twice the same day, and the days after, nothing more at that level
    assert work_escalate_overdue(now=day(10.1)) == 0
    assert work_escalate_overdue(now=day(16.9)) == 0

    assert work_escalate_overdue(now=day(17.1)) == 1
    top = Escalation.objects.get(level=Level.DISTRICT)
    assert (top.escalated_to, top.reason) == (world.erin, Reason.OVERDUE)
    assert work_escalate_overdue(now=day(30)) == 0
    assert Escalation.objects.count() == 2
    assert list(
        AuditEvent.objects.filter(subject_id=str(app.pk))
        .order_by("pk")
        .values_list("event_type", flat=True)
    ) == ["work.escalated_to_local_body", "work.escalated_to_district"]


def test_work_given_to_someone_new_can_go_up_again(world: World) -> None:
    app = application(world.a1, world.alice, START)
    assert work_escalate_overdue(now=day(11)) == 1
    Application.objects.filter(pk=app.pk).update(holder=world.alice, held_since=day(12))
    assert work_escalate_overdue(now=day(13)) == 0
    assert work_escalate_overdue(now=day(22.1)) == 1
    assert Escalation.objects.filter(escalated_to=world.carol).count() == 2


def test_work_held_by_the_local_body_officer_goes_to_the_district_only(world: World) -> None:
    application(world.a1, world.carol, START, status=ApplicationStatus.SUBMITTED)
    assert work_escalate_overdue(now=day(12)) == 0
    assert work_escalate_overdue(now=day(17.1)) == 1
    assert Escalation.objects.get().escalated_to == world.erin


def test_work_with_nobody_goes_to_the_local_body_officer_at_once(world: World) -> None:
    bare = f.AreaFactory(local_body=world.lb_a)
    application(bare, None, START)
    assert work_escalate_overdue(now=day(0.01)) == 1
    up = Escalation.objects.get()
    assert (up.level, up.reason, up.escalated_to, up.holder) == (
        Level.LOCAL_BODY,
        Reason.UNOWNED,
        world.carol,
        None,
    )
    assert work_escalate_overdue(now=day(0.02)) == 0
    # still nobody after the district's period: up to the district officer as well
    assert work_escalate_overdue(now=day(17.1)) == 1
    assert Escalation.objects.get(level=Level.DISTRICT).reason == Reason.UNOWNED


def test_a_holder_no_longer_active_counts_as_nobody(world: World) -> None:
    application(world.a1, world.alice, START)
    world.alice.is_active = False
    world.alice.save()
    assert work_escalate_overdue(now=day(1)) == 1
    up = Escalation.objects.get()
    assert (up.reason, up.holder, up.escalated_to) == (Reason.UNOWNED, world.alice, world.carol)


def test_with_no_local_body_officer_it_goes_straight_to_the_district(world: World) -> None:
    lb = f.LocalBodyFactory(district=world.d_a)
    area = f.AreaFactory(local_body=lb)
    application(area, f.field_official(area), START)
    assert work_escalate_overdue(now=day(10.5)) == 1
    up = Escalation.objects.get()
    assert (up.level, up.escalated_to) == (Level.DISTRICT, world.erin)
    assert work_escalate_overdue(now=day(17.5)) == 0


def test_decided_work_is_not_escalated(world: World) -> None:
    application(world.a1, world.alice, START, status=ApplicationStatus.APPROVED)
    assert work_escalate_overdue(now=day(30)) == 0


def test_the_history_says_it_in_english_and_hindi(world: World) -> None:
    app = application(world.a1, world.alice, START)
    work_escalate_overdue(now=day(11))
    events = AuditEvent.objects.filter(
        subject_id=str(app.pk), subject_type="registration.Application"
    )
    with translation.override("en"):
        [english] = history_lines(events)
    with translation.override("hi"):
        [hindi] = history_lines(events)
    assert english.sentence == (
        f"{app.number} stayed overdue too long and was escalated to the local body officer."
    )
    assert f"Escalated to: {world.carol}." in english.details
    assert f"Held by: {world.alice}." in english.details
    assert app.number in hindi.sentence and "स्थानीय निकाय अधिकारी" in hindi.sentence
    assert "overdue" not in hindi.sentence


def test_the_command_runs_it(world: World) -> None:
    application(world.a1, world.alice, START - timedelta(days=11))
    call_command("escalate_overdue")
    call_command("escalate_overdue")
    assert Escalation.objects.count() == 1


def test_a_wrong_setting_is_refused(world: World, settings: object) -> None:
    application(world.a1, world.alice, START)
    settings.ESCALATE_AFTER_DAYS = {"LB": 5, "DISTRICT": 5}  # type: ignore[attr-defined]
    with pytest.raises(ImproperlyConfigured):
        work_escalate_overdue(now=day(20))
