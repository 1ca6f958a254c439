"""A local body officer registers a field official through the form."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from officials.models import Designation, Official, Role
from sms.models import SmsKind
from tests.conftest import World, client_for
from tests.officials.support import only_sms, password_in, saved_counts

pytestmark = pytest.mark.django_db


def form_data(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Ramesh Patel",
        "designation": Designation.GP_SECRETARY,
        "mobile": "98765 43210",
        "role": Role.FIELD_OFFICIAL,
        "district": world.d_a.pk,
        "local_body": world.lb_a.pk,
        "areas": [world.a1.pk, world.a2.pk],
        "language": "hi",
    }
    data.update(changes)
    return data


def test_the_form_offers_only_the_officers_own_areas_and_roles(world: World) -> None:
    response = client_for(world.carol).get(reverse("officials:create"))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["areas"].queryset) == {world.a1, world.a2, world.b1}
    assert [value for value, _ in form.fields["role"].choices] == [Role.FIELD_OFFICIAL]
    assert list(form.fields["local_body"].queryset) == [world.lb_a]


def test_a_local_body_officer_registers_a_field_official_with_two_areas(world: World) -> None:
    # when
    response = client_for(world.carol).post(reverse("officials:create"), form_data(world))

    # then
    official = Official.objects.get(mobile="9876543210")
    assert response.status_code == 302
    assert response["Location"] == reverse("officials:detail", args=[official.pk])
    assert official.name == "Ramesh Patel"
    assert official.role == Role.FIELD_OFFICIAL
    assert set(official.areas.all()) == {world.a1, world.a2}
    assert official.created_by == world.carol
    assert official.must_change_password
    sms = only_sms("9876543210", SmsKind.OFFICIAL_WELCOME)
    assert official.user_id in sms.text
    assert password_in(sms.text, official)
    assert AuditEvent.objects.filter(
        event_type="official.registered", subject_id=str(official.pk), actor=world.carol
    ).exists()


def test_the_detail_page_shows_the_new_user_id(world: World) -> None:
    client = client_for(world.carol)

    response = client.post(reverse("officials:create"), form_data(world), follow=True)

    official = Official.objects.get(mobile="9876543210")
    assert official.user_id in response.content.decode()


def test_an_area_of_another_local_body_is_refused_on_the_form(world: World) -> None:
    before = saved_counts()

    response = client_for(world.carol).post(
        reverse("officials:create"), form_data(world, areas=[world.a1.pk, world.x1.pk])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["areas"]
    assert saved_counts() == before


def test_a_duplicate_mobile_is_refused_on_the_form(world: World) -> None:
    before = saved_counts()

    response = client_for(world.carol).post(
        reverse("officials:create"), form_data(world, mobile=world.bob.mobile)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["mobile"]
    assert saved_counts() == before


def test_a_designation_that_does_not_fit_is_refused_on_the_form(world: World) -> None:
    before = saved_counts()

    response = client_for(world.carol).post(
        reverse("officials:create"), form_data(world, designation=Designation.COLLECTOR)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["designation"]
    assert saved_counts() == before


def test_a_district_officer_registers_a_local_body_officer(world: World) -> None:
    data = form_data(
        world, role=Role.LOCAL_BODY_OFFICER, designation=Designation.CEO_JANPAD_PANCHAYAT, areas=[]
    )

    response = client_for(world.erin).post(reverse("officials:create"), data)

    assert response.status_code == 302
    official = Official.objects.get(mobile="9876543210")
    assert (official.role, official.local_body) == (Role.LOCAL_BODY_OFFICER, world.lb_a)


def test_a_local_body_officer_cannot_post_another_role(world: World) -> None:
    before = saved_counts()
    data = form_data(
        world, role=Role.LOCAL_BODY_OFFICER, designation=Designation.CEO_JANPAD_PANCHAYAT
    )

    response = client_for(world.carol).post(reverse("officials:create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert saved_counts() == before
