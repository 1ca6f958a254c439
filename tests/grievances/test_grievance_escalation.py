"""A grievance past its deadline moves up a level (field → local body → district), with a new
deadline; at the district it stays and counts as overdue. The clock is moved with ``now=``."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from grievances.models import Grievance, Level, ReplyKind
from grievances.selectors import Filters, grievances_for_official
from grievances.services import grievance_close, grievances_escalate
from tests.grievances.support import filed


def test_it_climbs_one_level_per_deadline_and_stays_at_the_district(world, settings):
    settings.GRIEVANCE_DAYS = {"wrong_data": 15, "no_action": 7, "refused": 7, "other": 15}
    start = timezone.now()
    grievance = filed(world.family_a1, "no_action", now=start)
    assert (grievance.level, grievance.holder) == (Level.FIELD, world.alice)

    # before the deadline nothing moves
    assert grievances_escalate(now=start + timedelta(days=6)) == 0

    # after 7 days: to carol, the local body officer, with a new deadline
    day8 = start + timedelta(days=8)
    assert grievances_escalate(now=day8) == 1
    grievance.refresh_from_db()
    assert (grievance.level, grievance.holder) == (Level.LOCAL_BODY, world.carol)
    assert grievance.held_since == day8
    assert grievance.deadline_at == day8 + timedelta(days=7)
    event = AuditEvent.objects.get(event_type="grievance.escalated")
    assert event.changes["holder"] == [str(world.alice), str(world.carol)]
    assert event.changes["level"] == [Level.FIELD, Level.LOCAL_BODY]

    # run again at the same time: nothing more (idempotent)
    assert grievances_escalate(now=day8) == 0

    # 7 days later: to erin, the district officer
    day16 = day8 + timedelta(days=8)
    assert grievances_escalate(now=day16) == 1
    grievance.refresh_from_db()
    assert (grievance.level, grievance.holder) == (Level.DISTRICT, world.erin)

    # past the district's deadline it stays, and counts as overdue
    day30 = day16 + timedelta(days=14)
    assert grievances_escalate(now=day30) == 0
    grievance.refresh_from_db()
    assert grievance.holder == world.erin
    assert grievance.is_overdue(day30)
    overdue = grievances_for_official(world.erin, Filters(overdue=True), now=day30)
    assert list(overdue) == [grievance]
    assert grievance.replies.filter(kind=ReplyKind.ESCALATED).count() == 2


def test_a_closed_grievance_does_not_move(world):
    start = timezone.now()
    grievance = filed(world.family_a1, now=start)
    grievance_close(actor=world.alice, grievance=grievance, reason="Done.")
    assert grievances_escalate(now=start + timedelta(days=30)) == 0


def test_a_local_body_without_an_officer_passes_it_to_the_district(world):
    # given x1's grievance, held by dave; dave leaves
    start = timezone.now()
    grievance = filed(world.family_x1, now=start)
    world.dave.is_active = False
    world.dave.save()
    # when its deadline passes / then frank, x1's district officer, holds it
    grievances_escalate(now=start + timedelta(days=30))
    grievance.refresh_from_db()
    assert (grievance.level, grievance.holder) == (Level.DISTRICT, world.frank)


def test_the_command_moves_them_with_the_real_clock(world):
    grievance = filed(world.family_a1)
    Grievance.objects.filter(pk=grievance.pk).update(
        deadline_at=timezone.now() - timedelta(hours=1)
    )
    call_command("grievances_escalate", stdout=open("/dev/null", "w"))  # noqa: SIM115
    grievance.refresh_from_db()
    assert grievance.holder == world.carol
    call_command("grievances_escalate", "--enqueue", stdout=open("/dev/null", "w"))  # noqa: SIM115
    grievance.refresh_from_db()
    assert grievance.holder == world.carol


def test_the_overdue_page_counts_each_grievance_by_its_own_deadline(world, settings):
    from registration.accountability import overdue_for

    settings.GRIEVANCE_DAYS = {"wrong_data": 15, "no_action": 7, "refused": 7, "other": 15}
    start = timezone.now()
    slow = filed(world.family_a1, "wrong_data", now=start)  # 15 days to answer
    quick = filed(world.family_a1, "no_action", now=start)  # 7 days
    day10 = start + timedelta(days=10)
    (grievances,) = [o for o in overdue_for(world.carol, now=day10) if o.kind.key == "grievance"]
    assert grievances.total == 1
    assert [c.count for c in grievances.per_official] == [1]
    assert quick.is_overdue(day10) and not slow.is_overdue(day10)
