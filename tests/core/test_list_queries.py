"""The supervisors' lists that grow with every write (the audit log, the SMS outbox) read the
same few queries whatever their length, for each supervising role."""

from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.services import audit_record
from sms.models import SmsKind, SmsMessage
from tests.conftest import World, client_for


def _events(world: World, n: int) -> None:
    with transaction.atomic():
        for i in range(n):
            audit_record(
                actor=world.alice,
                event_type="family.corrected",
                subject=world.family_a1,
                changes={"house_number": [str(i), str(i + 1)]},
                area=world.a1,
            )


def _messages(world: World, n: int) -> None:
    SmsMessage.objects.bulk_create(
        SmsMessage(
            kind=SmsKind.APPLICATION_SUBMITTED,
            mobile=f"98765{i:05d}",
            language="hi",
            text=f"message {i}",
            local_body=world.lb_a,
        )
        for i in range(n)
    )


def _queries(client, url: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("who", ["carol", "erin", "sam"])
@pytest.mark.parametrize(
    ("url_name", "add", "shown"),
    # the audit log names the field by its label (audit.words), in the page's Hindi
    [("audit_list", _events, "मकान नंबर"), ("sms_outbox", _messages, "message ")],
)
def test_the_list_reads_the_same_queries_for_one_page_or_many(
    world: World, who: str, url_name: str, add: Callable[[World, int], None], shown: str
) -> None:
    client = client_for(getattr(world, who))
    add(world, 30)  # more than a page (25)
    few, body = _queries(client, reverse(url_name))
    assert shown in body
    add(world, 90)
    many, body = _queries(client, reverse(url_name))
    assert few == many
    assert body.count("<tr>") == 26  # a page of rows and the header, however many there are
    on_page_3, _body = _queries(client, reverse(url_name) + "?page=3")
    assert on_page_3 == many
