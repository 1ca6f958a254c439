"""The supervisors' lists on the page: rows of the jurisdiction only, filters checked (a clear
message, no rows), keyset pages, and a fixed number of queries whatever the page holds."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from audit.services import audit_record
from identity.models import AadhaarVaultEntry, MemberEkyc
from registry.models import FamilyStatus, Relation
from tests import factories as f
from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def _get(who: Any, name: str, **params: str) -> Any:
    return client_for(who).get(reverse(name), params, HTTP_ACCEPT_LANGUAGE="en")


def test_field_officials_and_anonymous_are_refused(world: World, client: Any) -> None:
    for name in ("supervision:index", "supervision:families", "supervision:audit"):
        assert _get(world.alice, name).status_code == 403
        assert client.get(reverse(name)).status_code == 302


def test_the_family_list_shows_the_jurisdiction_only(world: World) -> None:
    page = _get(world.carol, "supervision:families").content.decode()
    assert world.family_a1.family_id in page and world.family_b1.family_id in page
    assert world.family_x1.family_id not in page
    page = _get(world.frank, "supervision:families").content.decode()
    assert world.family_x1.family_id in page and world.family_a1.family_id not in page


def test_the_family_list_gives_head_count_status_and_date(world: World) -> None:
    family = world.family_a1
    f.MemberFactory(family=family, relation=Relation.SON, name_en="Son One", name_hi="पुत्र")
    f.MemberFactory(family=family, relation=Relation.SON, is_deceased=True)
    page = _get(world.carol, "supervision:families", area=world.a1.lgd_code).content.decode()
    assert "Ramesh Kumar" in page and "रमेश कुमार" in page
    row = page.split(family.family_id)[2].split("</tr>")[0]
    assert "<td>2</td>" in row  # the deceased son is not counted
    assert "Active" in row and timezone.localdate(family.registered_at).strftime("%d-%m-%Y") in row


def test_filters_narrow_by_area_status_date_and_official(world: World) -> None:
    old = f.FamilyFactory(area=world.b1, registered_at=timezone.now() - timedelta(days=400))
    merged = f.FamilyFactory(area=world.a1, status=FamilyStatus.MERGED)
    carol = world.carol

    def ids(**params: str) -> set[str]:
        page = _get(carol, "supervision:families", **params).content.decode()
        found: list[Any] = [world.family_a1, world.family_b1, old, merged]
        return {fam.family_id for fam in found if fam.family_id in page}

    a1, b1 = world.family_a1.family_id, world.family_b1.family_id
    assert ids(area=world.a1.lgd_code) == {a1, merged.family_id}
    assert ids(status=FamilyStatus.MERGED) == {merged.family_id}
    day = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert ids(date_to=day) == {old.family_id}
    assert old.family_id not in ids(date_from=day)
    assert ids(official="bob") == {b1, old.family_id}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "NOPE"}, "is not one of the choices"),
        ({"date_from": "1990-01-01"}, "Give a date from 01-01-2000 onwards."),
        ({"date_from": "2999-01-01"}, "The date is in the future."),
        ({"date_from": "2025-02-01", "date_to": "2025-01-01"}, "The second date is before"),
        ({"date_from": "2025-13-45"}, "Enter a valid date."),
        ({"official": "dave"}, "No official with the user ID dave is in your jurisdiction."),
    ],
)
def test_bad_filters_give_a_message_and_no_rows(
    world: World, params: dict[str, str], message: str
) -> None:
    response = _get(world.carol, "supervision:families", **params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert world.family_a1.family_id not in page


def test_an_area_outside_the_jurisdiction_shows_none_of_its_rows(world: World) -> None:
    for official, outside in ((world.carol, world.x1), (world.erin, world.x1)):
        for name in ("supervision:families", "supervision:pending_ekyc", "supervision:audit"):
            response = _get(official, name, area=outside.lgd_code)
            assert response.status_code == 400
            page = response.content.decode()
            assert f"No place with the code {outside.lgd_code} is in your jurisdiction." in page
            assert world.family_x1.family_id not in page
    response = _get(world.erin, "supervision:families", local_body=world.lb_x.lgd_code)
    assert response.status_code == 400
    assert world.family_x1.family_id not in response.content.decode()


def test_messages_are_in_hindi_for_a_hindi_reader(world: World) -> None:
    client = client_for(world.carol)
    response = client.get(
        reverse("supervision:families"), {"date_from": "2025-13-45"}, HTTP_ACCEPT_LANGUAGE="hi"
    )
    with translation.override("hi"):
        expected = translation.gettext("Enter a valid date.")
    assert expected != "Enter a valid date."
    assert expected in response.content.decode()


def test_keyset_pages_walk_the_whole_list_once(world: World, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    for _ in range(3):
        f.FamilyFactory(area=world.a1)
    client = client_for(world.carol)
    expected = sorted(
        world.lb_a.areas.values_list("families__family_id", flat=True).exclude(
            families__family_id=None
        )
    )
    seen: list[str] = []
    url = reverse("supervision:families")
    params: dict[str, str] = {}
    for _ in range(10):
        response = client.get(url, params)
        table = response.content.decode().split("<tbody>")[1].split("</tbody>")[0]
        seen += [fid for fid in expected if f">{fid}<" in table]
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        params = {"after": cursor}
    assert seen == expected


def test_a_changed_cursor_gives_the_first_page(world: World) -> None:
    response = _get(world.carol, "supervision:families", after="not-a-cursor")
    assert response.status_code == 200
    assert "That page link is not valid any more" in response.content.decode()


def _fill(world: World, families: int) -> None:
    for i in range(families):
        family = f.FamilyFactory(area=world.a1 if i % 2 else world.b1)
        f.MemberFactory(family=family)
        f.MemberFactory(family=family, relation=Relation.SON)
        with_event(world, family)


def with_event(world: World, family: Any) -> None:
    from django.db import transaction

    with transaction.atomic():
        audit_record(
            actor=world.bob, event_type="family.registered", subject=family, area=family.area
        )


@pytest.mark.parametrize(
    "name", ["supervision:families", "supervision:pending_ekyc", "supervision:audit"]
)
def test_no_query_per_row(world: World, settings: Any, name: str) -> None:
    settings.PAGE_SIZE = 20
    client = client_for(world.carol)
    _fill(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    _fill(world, 20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse(name))
    assert len(response.context["table"].rows) == 20
    assert len(many) == len(few), [q["sql"] for q in many]


def test_pending_ekyc_lists_members_without_it_with_the_area_official(world: World) -> None:
    family = world.family_a1
    head = family.members.get()
    child = f.MemberFactory(
        family=family, relation=Relation.SON, name_en="Chhotu", date_of_birth=None, birth_year=2015
    )
    f.MemberFactory(family=family, relation=Relation.SON, name_en="Gone", is_deceased=True)
    vault = AadhaarVaultEntry.objects.create(
        token="t" * 32,
        key_id="k",
        nonce=b"n" * 12,
        ciphertext=b"x",
        last4="1234",
        lookup_hash="h" * 64,
    )
    MemberEkyc.objects.create(member=head, vault_entry=vault, method="otp")
    page = _get(world.carol, "supervision:pending_ekyc").content.decode()
    assert child.member_id in page and head.member_id not in page and "Gone" not in page
    row = page.split(child.member_id)[1].split("</tr>")[0]
    assert f"{world.alice.name} (alice)" in row
    assert f"<td>{timezone.localdate().year - 2015}</td>" in row
    assert world.family_x1.members.get().member_id not in page


def test_the_audit_list_reads_as_words_by_official_and_date(world: World) -> None:
    with_event(world, world.family_b1)
    from django.db import transaction

    with transaction.atomic():
        audit_record(
            actor=world.dave,
            event_type="family.registered",
            subject=world.family_x1,
            area=world.x1,
        )
    page = _get(world.carol, "supervision:audit", official="bob").content.decode()
    assert f"registered family {world.family_b1.family_id}" in page
    assert world.family_x1.family_id not in page
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    page = _get(world.carol, "supervision:audit", date_to=yesterday).content.decode()
    assert world.family_b1.family_id not in page
