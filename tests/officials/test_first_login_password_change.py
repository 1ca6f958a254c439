"""The password sent by SMS must be replaced at the first sign-in; until then every page leads
to the password change."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from officials.models import Designation, Official, Role
from officials.services import Placement, official_register
from sms.models import SmsKind
from tests.conftest import World
from tests.officials.support import english_client, only_sms, password_in, sign_in, signed_in_pk

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Narmada-Valley-1987"


@pytest.fixture
def newcomer(world: World) -> tuple[Official, str]:
    """A field official just registered by carol, and the password from the welcome SMS."""
    official = official_register(
        actor=world.carol,
        name="Ramesh Patel",
        designation=Designation.GP_SECRETARY,
        mobile="9876543210",
        language="en",
        placement=Placement(
            role=Role.FIELD_OFFICIAL, district=world.d_a, local_body=world.lb_a, areas=(world.a1,)
        ),
    )
    return official, password_in(only_sms(official.mobile, SmsKind.OFFICIAL_WELCOME).text, official)


def change_password(
    client: object, password: str, again: str | None = None, *, current: str
) -> object:
    return client.post(  # type: ignore[attr-defined]
        reverse("officials:password_change"),
        {
            "current_password": current,
            "new_password1": password,
            "new_password2": again or password,
        },
    )


@pytest.mark.parametrize("page", ["portal:home", "officials:list", "registry:family_list"])
def test_every_page_leads_to_the_password_change_first(
    newcomer: tuple[Official, str], page: str
) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)
    assert signed_in_pk(client) == str(official.pk)

    response = client.get(reverse(page))

    assert response.status_code == 302
    assert response["Location"] == reverse("officials:password_change")


def test_the_sign_in_itself_leads_to_the_password_change(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()

    response = sign_in(client, official.user_id, sms_password)
    followed = client.get(response["Location"])

    assert followed.status_code == 302
    assert followed["Location"] == reverse("officials:password_change")


def test_it_refuses_a_weak_new_password_and_keeps_asking(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    response = change_password(client, "1234567890", current=sms_password)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["form"].errors["new_password1"]  # type: ignore[attr-defined]
    assert Official.objects.get(pk=official.pk).must_change_password
    assert client.get(reverse("portal:home"))["Location"] == reverse("officials:password_change")


def test_it_refuses_two_different_passwords(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    response = change_password(client, NEW_PASSWORD, NEW_PASSWORD + "x", current=sms_password)

    assert response.context["form"].errors["new_password2"]  # type: ignore[attr-defined]
    assert Official.objects.get(pk=official.pk).must_change_password


def test_after_the_change_the_portal_works_and_the_new_password_signs_in(
    newcomer: tuple[Official, str],
) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    # when
    response = change_password(client, NEW_PASSWORD, current=sms_password)

    # then the same session goes on, with no more detours
    assert response["Location"] == reverse("portal:home")  # type: ignore[index]
    assert client.get(reverse("portal:home")).status_code == 200
    assert signed_in_pk(client) == str(official.pk)
    assert not Official.objects.get(pk=official.pk).must_change_password
    # and the next sign-in uses the new password, not the one from the SMS
    client.post(reverse("officials:logout"))
    sign_in(client, official.user_id, sms_password)
    assert signed_in_pk(client) is None
    sign_in(client, official.user_id, NEW_PASSWORD)
    assert signed_in_pk(client) == str(official.pk)


def test_signing_out_is_allowed_before_the_change(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    client.post(reverse("officials:logout"))

    assert signed_in_pk(client) is None


def test_it_audits_the_password_change(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    change_password(client, NEW_PASSWORD, current=sms_password)

    event = AuditEvent.objects.get(event_type="official.password_changed")
    assert event.actor == official
    assert NEW_PASSWORD not in str(event.changes)


def test_the_current_password_is_asked_for(newcomer: tuple[Official, str]) -> None:
    official, sms_password = newcomer
    client = english_client()
    sign_in(client, official.user_id, sms_password)

    response = change_password(client, NEW_PASSWORD, current="not-the-password")

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "This is not your current password." in response.content.decode()  # type: ignore[attr-defined]
    official.refresh_from_db()
    assert official.check_password(sms_password)
