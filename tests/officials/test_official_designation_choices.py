"""The designation list of the officials' form: it offers only designations that fit a role the
officer may give, under that role, with none chosen beforehand; left unchosen, the message says
what to do. (It once offered all nine, "Mission office" first and chosen: refused for any role a
local body officer may give, with "This designation does not fit the role.")"""

import re

import pytest
from django.urls import reverse

from officials.models import Designation, Official
from tests.conftest import World, client_for
from tests.officials.test_official_create_view import form_data

pytestmark = pytest.mark.django_db


def _designation_select(page: str) -> str:
    found = re.search(r'<select name="designation".*?</select>', page, re.S)
    assert found
    return found.group(0)


def test_a_local_body_officer_is_offered_only_field_designations_and_none_chosen(
    world: World,
) -> None:
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    select = _designation_select(client.get(reverse("officials:create")).content.decode())
    offered = re.findall(r'<option value="([^"]*)"', select)
    assert offered == [
        "",
        Designation.WARD_INCHARGE,
        Designation.GP_SECRETARY,
        Designation.GRAM_ROZGAR_SAHAYAK,
    ]
    assert not re.search(r'<option value="[^"]+" selected', select)
    assert '<optgroup label="Field official">' in select


def test_the_state_admin_sees_each_roles_designations_under_it(world: World) -> None:
    select = _designation_select(
        client_for(world.sam).get(reverse("officials:create")).content.decode()
    )
    assert re.findall(r'<option value="([^"]*)"', select)[0] == ""
    assert select.count("<optgroup") >= 3


def test_an_unchosen_designation_asks_for_one(world: World) -> None:
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("officials:create"), form_data(world, designation=""))
    assert response.status_code == 200
    assert "Choose the designation." in response.content.decode()
    assert not Official.objects.filter(mobile="9876543210").exists()


def test_a_designation_of_another_role_is_refused_by_the_form(world: World) -> None:
    client = client_for(world.carol)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("officials:create"), form_data(world, designation=Designation.COLLECTOR)
    )
    assert response.status_code == 200
    assert not Official.objects.filter(mobile="9876543210").exists()
