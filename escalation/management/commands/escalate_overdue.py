"""Send overdue work (and work with nobody to act on it) up one level, tell each officer in one
SMS, and keep today's overdue counts per official. Run it daily from cron; running it twice
does nothing more (the counts of the day are replaced, not added)."""

from typing import Any

from django.core.management.base import BaseCommand

from escalation.services import (
    escalation_digest_send,
    overdue_snapshot_take,
    work_escalate_overdue,
)


class Command(BaseCommand):
    help = (
        "Escalate overdue work (field official → local body officer → district officer) and "
        "work with nobody to act on it, send each officer one SMS with the counts, and keep "
        "today's overdue counts per official."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = work_escalate_overdue()
        self.stdout.write(f"Escalated {escalated} item(s) of work.")
        told = escalation_digest_send()
        self.stdout.write(f"Sent {told} digest SMS.")
        rows = overdue_snapshot_take()
        self.stdout.write(f"Kept {rows} overdue count(s) for today.")
