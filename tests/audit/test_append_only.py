"""Audit rows can be added, never changed or removed: by the model, and by the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AppendOnlyError, AuditEvent
from audit.services import audit_record
from tests.conftest import World


@pytest.fixture
def event(world: World) -> AuditEvent:
    with transaction.atomic():
        return audit_record(
            actor=world.carol,
            event_type="official.updated",
            subject=world.alice,
            changes={"name": ["Old", "New"]},
            area=world.a1,
        )


@pytest.mark.django_db
def test_saving_an_existing_event_is_refused(event: AuditEvent) -> None:
    event.event_type = "official.deactivated"

    with pytest.raises(AppendOnlyError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).event_type == "official.updated"


@pytest.mark.django_db
def test_deleting_an_event_is_refused(event: AuditEvent) -> None:
    with pytest.raises(AppendOnlyError):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_a_queryset_update_or_delete_is_refused(event: AuditEvent) -> None:
    with pytest.raises((AppendOnlyError, DatabaseError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(event_type="official.deactivated")
    with pytest.raises((AppendOnlyError, DatabaseError)), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()

    assert AuditEvent.objects.get(pk=event.pk).event_type == "official.updated"


@pytest.mark.django_db
def test_the_database_refuses_a_raw_update(event: AuditEvent) -> None:
    # when: code that bypasses the model changes a row
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditevent SET event_type = %s WHERE id = %s",
            ["official.deactivated", event.pk],
        )

    # then
    assert AuditEvent.objects.get(pk=event.pk).event_type == "official.updated"


@pytest.mark.django_db
def test_the_database_refuses_a_raw_delete_on_postgresql(event: AuditEvent) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite test runs empty tables with DELETE, so only UPDATE is refused there")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()
