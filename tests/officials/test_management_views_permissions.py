"""Every management page refuses whoever may not manage the official: 403 or 404, and the
official's name and mobile never appear in the answer."""

from collections.abc import Callable

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from officials.models import Official
from sms.models import SmsMessage
from tests.conftest import World, client_for
from tests.factories import PASSWORD, field_official
from tests.officials.support import PERSONAS, saved_counts
from tests.officials.test_managing_officials_outside_jurisdiction import MANAGES, OUT_OF_REACH

pytestmark = pytest.mark.django_db
MANAGERS = ("carol", "dave", "erin", "frank", "sam")


def requests_about(target: Official) -> list[Callable[[Client], HttpResponse]]:
    pk = target.pk
    edit = {"name": "Taken Over", "designation": target.designation, "mobile": "9876543210"}
    return [
        lambda c: c.get(reverse("officials:detail", args=[pk])),
        lambda c: c.get(reverse("officials:edit", args=[pk])),
        lambda c: c.post(reverse("officials:edit", args=[pk]), edit),
        lambda c: c.post(reverse("officials:set_active", args=[pk]), {"active": "0"}),
        lambda c: c.post(reverse("officials:reset_password", args=[pk])),
    ]


@pytest.mark.parametrize(("actor", "target"), OUT_OF_REACH)
def test_officials_out_of_reach_are_not_shown_or_touched(
    world: World, actor: str, target: str
) -> None:
    client = client_for(getattr(world, actor))
    subject = getattr(world, target)
    before = saved_counts()

    for request in requests_about(subject):
        response = request(client)
        assert response.status_code in (403, 404)
        page = response.content.decode()
        if actor != target:  # the header names whoever is signed in
            assert subject.name not in page
        assert subject.mobile not in page

    assert saved_counts() == before
    fresh = Official.objects.get(pk=subject.pk)
    assert (fresh.name, fresh.mobile, fresh.is_active) == (subject.name, subject.mobile, True)
    assert fresh.check_password(PASSWORD)


@pytest.mark.parametrize("actor", ["alice", "bob"])
@pytest.mark.parametrize("page", ["officials:list", "officials:create"])
def test_field_officials_have_no_management_pages(world: World, actor: str, page: str) -> None:
    client = client_for(getattr(world, actor))

    assert client.get(reverse(page)).status_code == 403
    assert client.post(reverse(page), {"name": "x"}).status_code == 403


@pytest.mark.parametrize("page", ["officials:list", "officials:create"])
def test_anonymous_visitors_are_sent_to_sign_in(world: World, page: str) -> None:
    response = Client().get(reverse(page))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("officials:login"))


@pytest.mark.parametrize("target", PERSONAS)
def test_anonymous_visitors_see_no_official(world: World, target: str) -> None:
    subject = getattr(world, target)

    for request in requests_about(subject):
        response = request(Client())
        assert response.status_code == 302
        assert subject.name not in response.content.decode()
    assert not SmsMessage.objects.exists()


@pytest.mark.parametrize("actor", MANAGERS)
def test_the_list_shows_exactly_the_officials_one_manages(world: World, actor: str) -> None:
    response = client_for(getattr(world, actor)).get(reverse("officials:list"))

    assert response.status_code == 200
    page = response.content.decode()
    for persona in PERSONAS:
        if persona == actor:  # the header names whoever is signed in
            continue
        name = getattr(world, persona).name
        if persona in MANAGES[actor]:
            assert name in page
        else:
            assert name not in page


@pytest.mark.parametrize(
    ("actor", "target"), [(a, t) for a, targets in MANAGES.items() for t in sorted(targets)]
)
def test_officers_see_the_officials_they_manage(world: World, actor: str, target: str) -> None:
    # the counterpart of the refusals: the same pages open within the jurisdiction
    client = client_for(getattr(world, actor))
    subject = getattr(world, target)

    detail = client.get(reverse("officials:detail", args=[subject.pk]))
    edit = client.get(reverse("officials:edit", args=[subject.pk]))

    assert detail.status_code == 200
    assert subject.name in detail.content.decode()
    assert edit.status_code == 200


@pytest.mark.parametrize("actor", ["carol", "erin", "frank"])
def test_another_local_bodys_field_official_is_not_shown(world: World, actor: str) -> None:
    xavier = field_official(world.x1, name="Xavier Xalxo")
    client = client_for(getattr(world, actor))
    before = saved_counts()

    for request in requests_about(xavier):
        response = request(client)
        assert response.status_code in (403, 404)
        assert xavier.name not in response.content.decode()
        assert xavier.mobile not in response.content.decode()
    assert "Xavier" not in client.get(reverse("officials:list")).content.decode()

    assert saved_counts() == before
    assert Official.objects.get(pk=xavier.pk).name == "Xavier Xalxo"
