"""A query written by the ORM once and run again: the same rows, converted the same way, on
whichever database the router names."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiRead
from core.prepared import PreparedInsert, PreparedQuery
from registry.models import Member
from tests.api.support import register
from tests.conftest import World

pytestmark = pytest.mark.django_db

COLUMNS = ("member_id", "family__family_id", "status", "is_deceased", "date_of_birth")


def _by_orm(member_id: str) -> list[tuple[object, ...]]:
    return list(Member.objects.filter(member_id=member_id).order_by().values_list(*COLUMNS)[:1])


def test_a_prepared_query_answers_as_the_orm_does(world: World) -> None:
    # given a query written once with a mark for the Member ID
    prepared = PreparedQuery(
        Member,
        1,
        lambda member_id: (
            Member.objects.filter(member_id=member_id).order_by().values_list(*COLUMNS)[:1]
        ),
    )
    members = list(Member.objects.order_by("pk")[:3])
    assert members
    for member in members:
        # when it is run for each member
        rows = prepared.rows(member.member_id)
        # then its rows are the ORM's, with the ORM's types (a boolean, a date)
        assert rows == _by_orm(member.member_id)
        assert isinstance(rows[0][3], bool)
        if member.date_of_birth is not None:
            assert isinstance(rows[0][4], dt.date)
    # and an unknown ID has no row
    assert prepared.rows("000000000") == []


def test_a_prepared_query_is_written_once_and_run_as_one_query(world: World) -> None:
    prepared = PreparedQuery(
        Member, 1, lambda member_id: Member.objects.filter(member_id=member_id).values_list("pk")
    )
    member = Member.objects.order_by("pk").first()
    assert member is not None
    prepared.rows(member.member_id)
    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows(member.member_id) == [(member.pk,)]
    assert len(queries) == 1


def test_a_value_is_a_parameter_never_sql(world: World) -> None:
    # given a query whose value is text that would be SQL if pasted
    prepared = PreparedQuery(
        Member, 1, lambda member_id: Member.objects.filter(member_id=member_id).values_list("pk")
    )
    # when it is run with it, then nothing matches and nothing breaks
    assert prepared.rows("' OR '1'='1") == []


def test_every_mark_must_reach_the_parameters() -> None:
    # given a query that drops its mark (the ORM never sees it)
    prepared = PreparedQuery(Member, 1, lambda _unused: Member.objects.values_list("pk"))
    # then it is refused when first written, not run with a missing value
    with pytest.raises(ValueError, match="mark"):
        prepared.rows("123456789")


def test_a_prepared_insert_writes_the_row_the_orm_would(world: World) -> None:
    # given the read log's INSERT written once
    columns = ["client_id", "purpose", "operation", "family_id", "member_ids", "scopes"]
    insert = PreparedInsert(ApiRead, [*columns, "read_at", "request_id"])
    client = register(world.sam, statewide=True).client
    now = timezone.now().replace(microsecond=0)
    # when two rows are written with it
    for family in ("12345678", "23456789"):
        insert.insert(
            client_id=client.pk,
            purpose="pension",
            operation="member.status",
            family_id=family,
            member_ids=["123456789"],
            scopes=["identity"],
            read_at=now,
            request_id=f"r-{family}",
        )
    # then they read back as the ORM writes them (JSON lists, the time)
    rows = list(ApiRead.objects.filter(client=client).order_by("family_id"))
    assert [r.family_id for r in rows] == ["12345678", "23456789"]
    assert rows[0].member_ids == ["123456789"]
    assert rows[0].scopes == ["identity"]
    assert rows[0].read_at == now
    assert rows[1].request_id == "r-23456789"
