"""Verify an ID and read records, within the client's scopes and districts, every read logged."""

import pytest
from django.test import Client

from api.models import ApiRead
from registry.models import MemberStatus
from tests import factories as f
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_verify_a_member_id_logs_the_read(world: World) -> None:
    api = Api(register(world.sam, districts=[world.d_a]))
    member = world.family_a1.members.get()
    response = api.get(f"/members/{member.member_id}/status", purpose=PURPOSE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body == {
        "member_id": member.member_id,
        "family_id": world.family_a1.family_id,
        "status": "active",
        "merged_into": None,
        "deceased": False,
        "date_of_death": None,
    }
    read = ApiRead.objects.get()
    assert (read.family_id, read.member_ids, read.purpose) == (
        world.family_a1.family_id,
        [member.member_id],
        PURPOSE,
    )
    assert read.request_id == response["X-Request-Id"]


def test_a_retired_member_id_names_its_survivor(world: World) -> None:
    api = Api(register(world.sam, districts=[world.d_a]))
    kept = world.family_a1.members.get()
    retired = f.MemberFactory(family=world.family_a1, status=MemberStatus.MERGED, merged_into=kept)
    status = api.get(f"/members/{retired.member_id}/status", purpose=PURPOSE).json()
    assert (status["status"], status["merged_into"]) == ("merged", kept.member_id)
    read = api.get(f"/members/{retired.member_id}", purpose=PURPOSE)
    assert read.status_code == 410
    assert read["Content-Type"] == "application/problem+json"
    assert read.json()["merged_into"] == kept.member_id


def test_outside_the_clients_districts_is_refused_and_not_logged(world: World) -> None:
    api = Api(register(world.sam, districts=[world.d_a]))
    member = world.family_x1.members.get()
    response = api.get(f"/members/{member.member_id}", purpose=PURPOSE)
    assert response.status_code == 403
    assert response.json()["code"] == "outside-areas"
    assert not ApiRead.objects.exists()


def test_a_family_read_gives_only_the_groups_asked(world: World) -> None:
    api = Api(register(world.sam, statewide=True))
    response = api.get(
        f"/families/{world.family_x1.family_id}", purpose=PURPOSE, fields="family,identity"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["address"] is None
    (member,) = body["members"]
    assert member["identity"]["name_en"] == "Ramesh Kumar"
    assert member["ekyc"] is None


def test_a_scope_not_granted_is_refused(world: World) -> None:
    api = Api(register(world.sam, statewide=True, scopes=["identity"]))
    response = api.get(f"/families/{world.family_a1.family_id}", purpose=PURPOSE, fields="contact")
    assert response.status_code == 403
    assert response.json()["code"] == "scope-not-granted"
    assert not ApiRead.objects.exists()


def test_an_unregistered_purpose_is_refused_in_hindi(world: World) -> None:
    api = Api(register(world.sam, statewide=True), language="hi")
    member = world.family_a1.members.get()
    response = api.get(f"/members/{member.member_id}/status", purpose="fishing")
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "purpose-not-registered"
    assert any("\u0900" <= ch <= "\u097f" for ch in body["title"]), body
    assert not ApiRead.objects.exists()


def test_no_token_and_a_wrong_token_are_401(world: World) -> None:
    http = Client()
    member = world.family_a1.members.get()
    path = f"/api/v1/members/{member.member_id}/status?purpose={PURPOSE}"
    assert http.get(path).status_code == 401
    wrong = http.get(path, HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "unauthenticated"


def test_a_malformed_id_is_400(world: World) -> None:
    api = Api(register(world.sam, statewide=True))
    response = api.get("/members/12345/status", purpose=PURPOSE)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-id"


def test_an_aadhaar_number_sent_as_an_id_is_not_echoed(world: World) -> None:
    api = Api(register(world.sam, statewide=True))
    response = api.get("/members/234123412346/status", purpose=PURPOSE)
    assert response.status_code == 400
    assert "234123412346" not in response.content.decode()
