"""Two officials deciding the same request at the same moment: exactly one wins. PostgreSQL only
(SQLite lets one writer in at a time)."""

import pytest
from django.db import connection

from audit.models import AuditEvent
from migration.models import MigrationRequest, MigrationStatus, RejectionReason
from migration.services import migration_request_approve, migration_request_reject
from tests.concurrency import at_once
from tests.migration.support import Mig, submit

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def test_approve_and_reject_at_once_one_wins(mig: Mig) -> None:
    request = submit(mig)
    results = at_once(
        [
            lambda: migration_request_approve(actor=mig.world.bob, request=request),
            lambda: migration_request_reject(
                actor=mig.world.carol,
                request=request,
                reason=RejectionReason.OTHER,
                details="At the same time",
            ),
        ]
    )
    wins = [r for r in results if isinstance(r, MigrationRequest)]
    assert len(wins) == 1, results
    final = MigrationRequest.objects.get(pk=request.pk)
    assert final.status in (MigrationStatus.APPROVED, MigrationStatus.REJECTED)
    decided = AuditEvent.objects.filter(
        event_type__in=["migration.approved", "migration.rejected"]
    ).count()
    assert decided == 1


def test_two_approvals_at_once_move_the_family_once(mig: Mig) -> None:
    request = submit(mig)
    results = at_once(
        [
            lambda: migration_request_approve(actor=mig.world.bob, request=request),
            lambda: migration_request_approve(actor=mig.world.carol, request=request),
        ]
    )
    assert sum(isinstance(r, MigrationRequest) for r in results) == 1, results
    assert AuditEvent.objects.filter(event_type="family.migrated").count() == 1
