"""The official's registration form marks the members' fields a submission needs: the caste
category among them, as the address's Gram Panchayat is marked (the word, and `required`)."""

import re

from tests.conftest import World, client_for
from tests.registration_views.support import HEAD, form_data

NEW = "/registration/new/"


def _label(page: str, field_id: str) -> str:
    found = re.search(rf'<label for="{field_id}">(.*?)</label>', page, re.S)
    assert found, field_id
    return found.group(1)


def _control(page: str, field_id: str) -> str:
    found = re.search(rf'<(?:select|input)[^>]*id="{field_id}"[^>]*>', page)
    assert found, field_id
    return found.group(0)


def test_the_caste_category_is_marked_required_like_the_area(world: World) -> None:
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    page = client.get(NEW).content.decode()
    assert "(required)" in _label(page, "id_area")
    for name in ("caste_category", "name_hi", "gender", "relation", "marital_status"):
        field_id = f"id_members-0-{name}"
        assert "(required)" in _label(page, field_id), name
        assert re.search(r"\srequired[\s>]", _control(page, field_id)), name
    # what a submission does not need is not marked
    assert "(required)" not in _label(page, "id_members-0-mobile")


def test_a_draft_may_still_leave_the_caste_category_blank(world: World) -> None:
    client = client_for(world.alice)
    head = {k: v for k, v in HEAD.items() if k != "caste_category"}
    response = client.post(NEW, form_data(world.a1, [head]))
    assert response.status_code == 302
