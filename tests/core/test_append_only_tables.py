"""The API's read log and the register's change feed are append-only in the database itself
(core.append_only), as the audit log is."""

import pytest
from django.db import DatabaseError, connection, transaction

from api.models import ApiRead
from registry.feed import record_change
from registry.models import ChangeKind, RegisterChange
from tests.api.support import PURPOSE, register
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _rows(world: World) -> list[tuple[str, int]]:
    credentials = register(world.sam, statewide=True)
    read = ApiRead.objects.create(
        client=credentials.client, purpose=PURPOSE, operation="member.read", family_id="12345678"
    )
    with transaction.atomic():
        change = record_change(ChangeKind.DEATH, family=world.family_a1)
    return [("api_apiread", read.pk), ("registry_registerchange", change.pk)]


def test_the_database_refuses_to_change_a_read_or_a_change(world: World) -> None:
    for table, pk in _rows(world):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"UPDATE {table} SET family_id = %s WHERE id = %s", ["1", pk])  # noqa: S608
    assert RegisterChange.objects.get().family_id == world.family_a1.family_id


def test_the_database_refuses_to_delete_them_on_postgresql(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite test runs empty tables with DELETE, so only UPDATE is refused there")
    for table, pk in _rows(world):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608
    assert ApiRead.objects.count() == 1 and RegisterChange.objects.count() == 1
