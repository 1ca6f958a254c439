"""Each officer hears of work escalated to them in one SMS a day with the counts, never one SMS
an item, and nothing when nothing is new."""

from datetime import timedelta

from django.utils import timezone

from escalation.services import escalation_digest_send, work_escalate_overdue
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.conftest import World
from tests.escalation.support import application

START = timezone.now()


def _digests() -> list[SmsMessage]:
    return list(SmsMessage.objects.filter(kind=SmsKind.ESCALATION_DIGEST).order_by("pk"))


def test_one_sms_per_officer_with_the_counts(world: World) -> None:
    world.carol.language = "en"
    world.carol.save()
    bare = f.AreaFactory(local_body=world.lb_a)
    for _ in range(3):
        application(world.a1, world.alice, START - timedelta(days=11))
    application(bare, None, START)
    application(world.x1, f.field_official(world.x1), START - timedelta(days=11))
    assert work_escalate_overdue(now=START) == 5

    assert escalation_digest_send(now=START) == 2
    by_mobile = {m.mobile: m for m in _digests()}
    assert set(by_mobile) == {world.carol.mobile, world.dave.mobile}
    assert by_mobile[world.carol.mobile].text == (
        "Samagra portal: 4 items of work were escalated to you: 3 overdue, 1 with nobody to act "
        "on them. See them on your home page."
    )
    assert "1" in by_mobile[world.dave.mobile].text
    assert by_mobile[world.dave.mobile].language == "hi"

    # nothing new: nothing sent
    assert escalation_digest_send(now=START + timedelta(hours=1)) == 0
    assert len(_digests()) == 2


def test_at_most_one_a_day_the_rest_the_next_day(world: World) -> None:
    application(world.a1, world.alice, START - timedelta(days=11))
    work_escalate_overdue(now=START)
    assert escalation_digest_send(now=START) == 1

    application(world.a2, world.alice, START - timedelta(days=11))
    work_escalate_overdue(now=START + timedelta(minutes=5))
    assert escalation_digest_send(now=START + timedelta(minutes=5)) == 0

    tomorrow = START + timedelta(days=1)
    assert escalation_digest_send(now=tomorrow) == 1
    last = _digests()[-1]
    assert last.mobile == world.carol.mobile and "1" in last.text
    assert len(_digests()) == 2


def test_an_officer_no_longer_active_is_not_texted(world: World) -> None:
    application(world.a1, world.alice, START - timedelta(days=11))
    work_escalate_overdue(now=START)
    world.carol.is_active = False
    world.carol.save()
    assert escalation_digest_send(now=START) == 0
