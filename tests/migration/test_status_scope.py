"""Following a request by its number and an OTP opens that request's status page, and nothing
else: not the withdraw or correct forms, not the family's pages, not the migration wizard."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.citizen import SCOPED_SESSION_KEY, SESSION_KEY
from migration.models import MigrationRequest, MigrationStatus, MigrationType
from tests.migration.support import CITIZEN_MOBILE, Mig, submit
from tests.uidai.support import otp_sent_to

pytestmark = pytest.mark.django_db


def follow_by_number(number: str) -> tuple[Client, object]:
    """A browser that followed the request by its number and the OTP; the OTP's response."""
    client = Client()
    client.cookies["django_language"] = "en"
    client.post(reverse("migration:status"), {"number": number})
    response = client.post(
        reverse("migration:status_verify"), {"code": otp_sent_to(CITIZEN_MOBILE)}
    )
    return client, response


def refused(response: object) -> bool:
    """Sent to the citizen sign-in (or not found): not served."""
    status = response.status_code  # type: ignore[attr-defined]
    if status == 302:
        return response["Location"].startswith(reverse("identity:citizen_sign_in"))  # type: ignore[index]
    return status in (403, 404)


@pytest.fixture
def followed(mig: Mig) -> tuple[Client, MigrationRequest]:
    request = submit(mig)
    client, _response = follow_by_number(request.number)
    return client, request


def test_the_otp_opens_the_requests_status_page(mig: Mig) -> None:
    request = submit(mig)

    client, response = follow_by_number(request.number)

    status_page = reverse("migration:status_detail", args=[request.number])
    assert response["Location"] == status_page  # type: ignore[index]
    page = client.get(status_page)
    assert page.status_code == 200
    assert request.number in page.content.decode()
    assert "Waiting for the decision" in page.content.decode()


def test_it_is_not_a_family_session(followed: tuple[Client, MigrationRequest]) -> None:
    client, _request = followed
    assert SESSION_KEY not in client.session


def test_the_status_page_offers_no_withdraw_or_correct_form(
    followed: tuple[Client, MigrationRequest],
) -> None:
    client, request = followed
    page = client.get(reverse("migration:status_detail", args=[request.number])).content.decode()
    assert reverse("migration:withdraw", args=[request.number]) not in page
    assert reverse("migration:correct", args=[request.number]) not in page


def test_the_withdraw_form_refuses_it(followed: tuple[Client, MigrationRequest]) -> None:
    client, request = followed

    response = client.post(reverse("migration:withdraw", args=[request.number]))

    assert refused(response)
    request.refresh_from_db()
    assert request.status == MigrationStatus.PENDING


def test_the_correct_form_refuses_it(followed: tuple[Client, MigrationRequest]) -> None:
    client, request = followed
    assert refused(client.post(reverse("migration:correct", args=[request.number])))


def test_the_family_pages_refuse_it(followed: tuple[Client, MigrationRequest]) -> None:
    client, request = followed
    for name, args in [
        ("identity:citizen_family", []),
        ("identity:citizen_family_card", []),
        ("migration:mine", []),
        ("migration:new", []),
        ("migration:detail", [request.number]),
        ("migration:confirmation", [request.number]),
    ]:
        response = client.get(reverse(name, args=args))
        assert refused(response), name


def test_the_member_pages_refuse_it(followed: tuple[Client, MigrationRequest], mig: Mig) -> None:
    client, _request = followed
    member_id = mig.citizen.member_id
    for step in ("citizen_mobile_link", "citizen_ekyc_start"):
        url = reverse(f"identity:{step}", kwargs={"member_id": member_id})
        assert refused(client.get(url)), step
        assert refused(client.post(url, {"mobile": "9300000001"})), step


def test_it_opens_no_other_request(followed: tuple[Client, MigrationRequest], mig: Mig) -> None:
    client, _request = followed
    world = mig.world
    other = MigrationRequest.objects.create(
        number="MIG-2026-OTHER234",
        family=world.family_b1,
        requested_by_member_id=world.family_b1.members.get().member_id,
        type=MigrationType.WITHIN_LOCAL_BODY,
        from_area=world.b1,
        to_area=world.a2,
        locality="Other Lane",
        pin_code="462001",
        auth_method="otp",
        auth_txn="SBXother",
        auth_at=timezone.now(),
    )
    assert refused(client.get(reverse("migration:status_detail", args=[other.number])))


def test_it_ends_after_its_time(followed: tuple[Client, MigrationRequest]) -> None:
    client, request = followed
    session = client.session
    scoped = session[SCOPED_SESSION_KEY]
    scoped["expires"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    session[SCOPED_SESSION_KEY] = scoped
    session.save()

    assert refused(client.get(reverse("migration:status_detail", args=[request.number])))


def test_a_family_session_still_sees_the_status_page(mig: Mig) -> None:
    from tests.migration.test_views import _citizen_client

    request = submit(mig)
    client = _citizen_client(mig.citizen)
    page = client.get(reverse("migration:status_detail", args=[request.number]))
    assert page.status_code == 200


def test_anyone_else_is_sent_to_sign_in(mig: Mig) -> None:
    request = submit(mig)
    assert refused(Client().get(reverse("migration:status_detail", args=[request.number])))
