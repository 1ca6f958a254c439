"""The change feed: pages by a signed cursor, only the client's districts, kinds, every page's
families logged as read, and a refusal for a cursor that is not the client's own."""

from datetime import timedelta
from typing import Any, cast

import pytest
from django.utils import timezone

from api.models import ApiRead
from geography.models import Area
from registry.models import ChangeKind, RegisterChange
from tests import factories as f
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_lag(monkeypatch: pytest.MonkeyPatch) -> None:
    """Changes are given at once (the feed holds back the last seconds' changes)."""
    monkeypatch.setattr("api.v1.feed.LAG", timedelta(0))


def _change(
    area: Area,
    kind: str = ChangeKind.DEATH,
    *,
    family_id: str = "12345678",
    member_id: str = "",
    age: timedelta = timedelta(minutes=1),
    **details: Any,
) -> RegisterChange:
    return RegisterChange.objects.create(
        kind=kind,
        family_id=family_id,
        member_id=member_id,
        district_id=area.local_body.district_id,
        area=area,
        details=details,
        happened_at=timezone.now() - age,
    )


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [c["id"] for c in response.json()["changes"]]


def test_pages_follow_each_other_by_the_cursor(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, districts=[world.d_a]))
    rows = [_change(world.a1, family_id=f"1000000{n}") for n in range(5)]

    first = api.get("/changes", purpose=PURPOSE, limit=2)
    second = api.get("/changes", purpose=PURPOSE, limit=2, cursor=first.json()["next_cursor"])
    third = api.get("/changes", purpose=PURPOSE, limit=2, cursor=second.json()["next_cursor"])
    end = api.get("/changes", purpose=PURPOSE, limit=2, cursor=third.json()["next_cursor"])

    ids = [r.pk for r in rows]
    assert (_ids(first), _ids(second), _ids(third), _ids(end)) == (ids[:2], ids[2:4], ids[4:], [])
    # nothing new: the same place, and what comes later is given from there
    later = _change(world.a1)
    after = api.get("/changes", purpose=PURPOSE, cursor=end.json()["next_cursor"])
    assert _ids(after) == [later.pk]


def test_a_change_tells_its_ids_place_and_details(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, statewide=True))
    row = _change(world.a1, family_id="11111111", member_id="222222222", date_of_death="2025-01-01")

    (change,) = api.get("/changes", purpose=PURPOSE).json()["changes"]

    assert change == {
        "id": row.pk,
        "kind": "member.died",
        "happened_at": change["happened_at"],
        "family_id": "11111111",
        "member_id": "222222222",
        "district_lgd": world.d_a.lgd_code,
        "local_body_lgd": world.lb_a.lgd_code,
        "area_lgd": world.a1.lgd_code,
        "details": {"date_of_death": "2025-01-01"},
    }


def test_a_client_reads_only_its_districts(world: World, no_lag: None) -> None:
    d_z = f.DistrictFactory()
    z1 = cast(Area, f.AreaFactory(local_body=f.LocalBodyFactory(district=d_z)))
    ours = [_change(world.a1), _change(world.x1)]
    _change(z1)
    ours.append(_change(world.a1))

    one = Api(register(world.sam, districts=[world.d_a]))
    two = Api(register(world.sam, districts=[world.d_a, world.d_x]))
    everywhere = Api(register(world.sam, statewide=True))

    assert _ids(one.get("/changes", purpose=PURPOSE)) == [ours[0].pk, ours[2].pk]
    assert _ids(two.get("/changes", purpose=PURPOSE)) == [r.pk for r in ours]
    assert len(_ids(everywhere.get("/changes", purpose=PURPOSE))) == 4
    # and two districts page as one
    first = two.get("/changes", purpose=PURPOSE, limit=2)
    rest = two.get("/changes", purpose=PURPOSE, cursor=first.json()["next_cursor"])
    assert _ids(first) + _ids(rest) == [r.pk for r in ours]


def test_the_kinds_asked_for(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, districts=[world.d_a, world.d_x]))
    death = _change(world.a1, ChangeKind.DEATH)
    _change(world.a1, ChangeKind.BIRTH)
    moved = _change(world.x1, ChangeKind.MOVED)

    asked = api.get("/changes", purpose=PURPOSE, kinds="member.died, member.moved")

    assert _ids(asked) == [death.pk, moved.pk]


def test_an_unknown_kind_is_refused(world: World) -> None:
    api = Api(register(world.sam, statewide=True))
    response = api.get("/changes", purpose=PURPOSE, kinds="member.died,member.vanished")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-request"
    assert "member.vanished" in response.json()["detail"]


def test_changes_of_the_last_seconds_wait_for_the_next_call(world: World) -> None:
    api = Api(register(world.sam, statewide=True))
    old = _change(world.a1)
    _change(world.a1, age=timedelta(0))
    _change(world.a1)  # recorded earlier but with a higher id: waits behind the young one

    page = api.get("/changes", purpose=PURPOSE)

    assert _ids(page) == [old.pk]


def test_since_starts_at_a_time(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, statewide=True))
    _change(world.a1, age=timedelta(days=3))
    recent = [_change(world.a1, age=timedelta(hours=5)), _change(world.a1, age=timedelta(hours=1))]
    since = (timezone.now() - timedelta(days=1)).isoformat()

    first = api.get("/changes", purpose=PURPOSE, since=since, limit=1)
    rest = api.get("/changes", purpose=PURPOSE, cursor=first.json()["next_cursor"])

    assert _ids(first) + _ids(rest) == [r.pk for r in recent]
    both = api.get("/changes", purpose=PURPOSE, since=since, cursor=first.json()["next_cursor"])
    assert both.status_code == 400


def test_each_familys_read_is_logged(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, districts=[world.d_a]))
    _change(world.a1, family_id="11111111", member_id="222222222")
    _change(world.a1, family_id="11111111", member_id="333333333")
    _change(world.a1, ChangeKind.FAMILY_MERGED, family_id="44444444")
    _change(world.x1, family_id="55555555")

    response = api.get("/changes", purpose=PURPOSE)

    reads = {r.family_id: r for r in ApiRead.objects.all()}
    assert set(reads) == {"11111111", "44444444"}
    assert reads["11111111"].member_ids == ["222222222", "333333333"]
    assert reads["44444444"].member_ids == []
    assert {(r.operation, r.purpose, tuple(r.scopes)) for r in reads.values()} == {
        ("feed", PURPOSE, ("feed",))
    }
    assert reads["11111111"].request_id == response["X-Request-Id"]


@pytest.mark.parametrize(
    "cursor",
    ["", "garbage", "eyJjIjoxLCJpIjo1LCJzIjpudWxsfQ:1abcde:forged-signature"],
)
def test_a_forged_cursor_is_refused(world: World, no_lag: None, cursor: str) -> None:
    api = Api(register(world.sam, statewide=True))
    _change(world.a1)
    page = api.get("/changes", purpose=PURPOSE)
    given = page.json()["next_cursor"]
    forged = cursor or given[:-1] + ("A" if given[-1] != "A" else "B")

    response = api.get("/changes", purpose=PURPOSE, cursor=forged)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid-cursor"
    assert ApiRead.objects.count() == 1  # the first page only


def test_another_clients_cursor_is_refused(world: World, no_lag: None) -> None:
    ours = Api(register(world.sam, statewide=True))
    theirs = Api(register(world.sam, statewide=True))
    _change(world.a1)
    cursor = theirs.get("/changes", purpose=PURPOSE).json()["next_cursor"]

    response = ours.get("/changes", purpose=PURPOSE, cursor=cursor)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid-cursor"


def test_the_feed_needs_its_scope(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, statewide=True, scopes=["identity"]))
    _change(world.a1)
    response = api.get("/changes", purpose=PURPOSE)
    assert response.status_code == 403
    assert response.json()["code"] == "scope-not-granted"
    assert not ApiRead.objects.exists()


def test_an_unregistered_purpose_is_refused(world: World, no_lag: None) -> None:
    api = Api(register(world.sam, statewide=True))
    _change(world.a1)
    response = api.get("/changes", purpose="curiosity")
    assert response.status_code == 403
    assert response.json()["code"] == "purpose-not-registered"
    assert not ApiRead.objects.exists()


@pytest.mark.parametrize("limit", ["0", "1001", "many"])
def test_a_page_is_1_to_1000_changes(world: World, limit: str) -> None:
    api = Api(register(world.sam, statewide=True))
    response = api.get("/changes", purpose=PURPOSE, limit=limit)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-request"


def test_an_invalid_cursor_is_told_in_hindi(world: World) -> None:
    api = Api(register(world.sam, statewide=True), language="hi")
    response = api.get("/changes", purpose=PURPOSE, cursor="garbage")
    assert response.status_code == 400
    assert response.json()["title"] != "The cursor was not given by this feed"


def test_the_schema_documents_the_feed(world: World) -> None:
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/changes"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"purpose", "cursor", "limit", "kinds"}


def test_ekyc_and_mobile_events_go_only_to_clients_with_their_scope(
    world: World, no_lag: None
) -> None:
    # given an e-KYC and a mobile link recorded in the feed
    _change(world.a1, ChangeKind.EKYC_DONE, member_id="222222222", method="OTP")
    _change(world.a1, ChangeKind.MOBILE_LINKED, member_id="222222222")
    feed_only = Api(register(world.sam, statewide=True, scopes=["feed"]))
    everything = Api(register(world.sam, statewide=True))

    def told(api: Api, **params: Any) -> set[str]:
        response = api.get("/changes", purpose=PURPOSE, **params)
        assert response.status_code == 200, response.content
        return {c["kind"] for c in response.json()["changes"]}

    # then a client with the e-KYC and contact scopes is told; one with the feed alone is not
    assert {"member.ekyc_done", "member.mobile_linked"} <= told(everything)
    assert not {"member.ekyc_done", "member.mobile_linked"} & told(feed_only)
    assert told(feed_only, kinds="member.ekyc_done") == set()
