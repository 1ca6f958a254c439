"""A family applying by itself (issue 18, item 1): the service and the public pages."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.test import Client
from django.utils import translation

from audit.models import AuditEvent
from identity.models import OtpChallenge
from registration.accountability import work_held_by
from registration.models import Application, ApplicationSource, ApplicationStatus
from registration.self_application import (
    self_application_file,
    self_application_send_back,
    self_application_start,
    self_application_verify,
)
from registration.services import application_save_draft, application_submit
from registration.verification import application_approve
from registry.models import Family
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.conftest import World, client_for
from tests.registration import builders
from tests.registration_views.support import HEAD, WIFE, form_data
from tests.uidai.support import otp_sent_to

MOBILE = "9812345670"


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def _file(world: World, mobile: str = MOBILE, **kwargs: object) -> Application:
    return self_application_file(
        mobile=mobile,
        address=builders.address(world.a1),
        members=[builders.head(mobile=""), builders.wife()],
        language="en",
        **kwargs,  # type: ignore[arg-type]
    )


def _proved(world: World) -> str:
    token, mobile = self_application_start(mobile=MOBILE, client="10.0.0.1", language="en")
    return self_application_verify(token=token, code=otp_sent_to(mobile))


def test_a_family_files_and_the_areas_field_official_holds_it(world: World) -> None:
    application = _file(world, mobile=_proved(world))

    assert application.source == ApplicationSource.FAMILY
    assert application.status == ApplicationStatus.DRAFT
    assert application.applicant_mobile == MOBILE
    assert application.created_by is None
    assert application.holder == world.alice
    assert application.members.count() == 2
    sms = SmsMessage.objects.get(kind=SmsKind.SELF_APPLICATION_RECEIVED)
    assert sms.mobile == MOBILE and application.number in sms.text
    event = AuditEvent.objects.get(event_type="application.self_filed")
    assert event.actor is None and "******5670" in event.actor_label
    held = {h.kind.key: h for h in work_held_by(world.alice)}["application"]
    assert application.number in [r.title for r in held.rows]


def test_an_area_without_a_field_official_leaves_it_unowned(world: World) -> None:
    application = self_application_file(
        mobile=MOBILE,
        address=builders.address(world.x1),
        members=[builders.head()],
        language="hi",
    )
    assert application.holder is None and application.area == world.x1


def test_the_official_completes_submits_and_the_local_body_approves(world: World) -> None:
    application = _file(world)
    members = [builders.head(mobile=""), builders.wife()]
    ids = list(application.members.values_list("pk", flat=True))
    from dataclasses import replace

    application_save_draft(
        actor=world.alice,
        address=builders.address(world.a1),
        members=[replace(m, id=pk) for m, pk in zip(members, ids, strict=True)],
        application=application,
    )
    submitted = application_submit(actor=world.alice, application=application)

    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.created_by == world.alice  # returns now come to the one who submitted
    assert submitted.holder == world.carol
    assert SmsMessage.objects.filter(kind=SmsKind.APPLICATION_SUBMITTED, mobile=MOBILE).exists()
    family = application_approve(actor=world.carol, application=submitted)
    assert isinstance(family, Family) and family.members.count() == 2


def test_one_open_application_a_mobile(world: World) -> None:
    first = _file(world)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        _file(world)
    assert first.number in " ".join(refused.value.messages)
    assert Application.objects.filter(applicant_mobile=MOBILE).count() == 1

    self_application_send_back(actor=world.alice, application=first, reason="No such house")
    second = _file(world)
    assert second.number != first.number


def test_nothing_is_saved_when_a_member_is_wrong(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        self_application_file(
            mobile=MOBILE,
            address=builders.address(world.a1),
            members=[builders.head(), builders.head(name_en="Second Head", name_hi="")],
            language="hi",
        )
    assert "members" in refused.value.message_dict
    assert not Application.objects.exists()
    assert not SmsMessage.objects.filter(kind=SmsKind.SELF_APPLICATION_RECEIVED).exists()


def test_a_village_of_another_area_is_refused(world: World) -> None:
    other = f.VillageFactory(area=world.b1)
    with pytest.raises(ValidationError) as refused:
        self_application_file(
            mobile=MOBILE,
            address=builders.address(world.a1, village=other),
            members=[builders.head()],
            language="hi",
        )
    assert "village" in refused.value.message_dict


def test_an_otp_is_used_once(world: World) -> None:
    from identity.otp import OtpError

    token, mobile = self_application_start(mobile=MOBILE, client="10.0.0.1", language="en")
    code = otp_sent_to(mobile)
    self_application_verify(token=token, code=code)
    with pytest.raises(OtpError):
        self_application_verify(token=token, code=code)


def test_sending_back_needs_a_reason_the_right_official_and_a_familys_application(
    world: World,
) -> None:
    application = _file(world)
    with pytest.raises(ValidationError):
        self_application_send_back(actor=world.alice, application=application, reason="  ")
    with pytest.raises(PermissionDenied):  # another area's field official
        self_application_send_back(actor=world.bob, application=application, reason="x")
    with pytest.raises(PermissionDenied):  # the local body officer does not take it up
        self_application_send_back(actor=world.carol, application=application, reason="x")
    own = builders.draft(world.alice, world.a1)
    with pytest.raises(PermissionDenied):  # an official's own draft is not "sent back"
        self_application_send_back(actor=world.alice, application=own, reason="x")

    sent = self_application_send_back(
        actor=world.alice, application=application, reason="Family lives in another ward"
    )
    assert sent.status == ApplicationStatus.SENT_BACK and sent.holder is None
    assert SmsMessage.objects.filter(kind=SmsKind.SELF_APPLICATION_SENT_BACK).exists()


# --- the pages --------------------------------------------------------------------------------


def _citizen() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _through_otp(client: Client) -> None:
    response = client.post("/apply/", {"mobile": MOBILE})
    assert response.status_code == 302 and response["Location"] == "/apply/verify/"
    response = client.post("/apply/verify/", {"code": otp_sent_to(MOBILE)})
    assert response["Location"] == "/apply/place/"


def test_the_pages_from_mobile_to_number(world: World) -> None:
    client = _citizen()
    assert client.get("/apply/place/")["Location"] == "/apply/"  # no OTP yet
    _through_otp(client)
    page = client.get(
        "/apply/place/",
        {"district": world.d_a.pk, "local_body": world.lb_a.pk, "area": world.a1.pk},
    )
    assert f'name="area" value="{world.a1.pk}"' in page.content.decode()
    head = {**HEAD, "mobile": ""}
    response = client.post(
        f"/apply/family/?area={world.a1.pk}", form_data(world.a1, [head, WIFE], action="submit")
    )
    assert response.status_code == 302 and response["Location"] == "/apply/done/"
    application = Application.objects.get()
    done = client.get("/apply/done/").content.decode()
    assert application.number in done
    assert f"{world.alice.get_designation_display()}, {world.a1.name}" in done
    assert world.alice.mobile not in done  # who holds it by designation, never a mobile

    # the proved mobile is spent: a second application needs a new OTP, and is refused
    assert client.get("/apply/family/", {"area": world.a1.pk})["Location"] == "/apply/"
    OtpChallenge.objects.update(created_at=F("created_at") - timedelta(minutes=5))  # resend wait
    again = _citizen()
    _through_otp(again)
    refused = again.get("/apply/place/")
    assert refused.status_code == 409 and application.number in refused.content.decode()


def test_an_unknown_place_sends_the_family_back_to_choose(world: World) -> None:
    client = _citizen()
    _through_otp(client)
    for area in ("999999", "abc", "١٢"):
        response = client.get("/apply/family/", {"area": area})
        assert response["Location"] == "/apply/place/"
    # an area the form does not offer (posted by hand) is refused by the form
    response = client.post(
        f"/apply/family/?area={world.a1.pk}", form_data(world.x1, [HEAD], action="submit")
    )
    assert response.status_code == 400 and not Application.objects.exists()


def test_a_wrong_mobile_number_and_a_wrong_otp_are_told(world: World) -> None:
    client = _citizen()
    response = client.post("/apply/", {"mobile": "12345"})
    assert "valid 10-digit" in response.content.decode()
    client.post("/apply/", {"mobile": MOBILE})
    code = otp_sent_to(MOBILE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = client.post("/apply/verify/", {"code": wrong})
    assert response.status_code == 200 and "/apply/place/" not in response.get("Location", "")


def test_the_official_sees_and_sends_back_from_the_application_page(world: World) -> None:
    application = _file(world)
    alice = client_for(world.alice)
    alice.cookies["django_language"] = "en"
    page = alice.get(f"/registration/{application.number}/").content.decode()
    assert "The family itself" in page and "Return to the family" in page
    response = alice.post(
        f"/registration/{application.number}/send-back/", {"send_back-reason": "Not found"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT_BACK
    # another area's field official: not found
    other = client_for(world.bob).post(
        f"/registration/{application.number}/send-back/", {"send_back-reason": "x"}
    )
    assert other.status_code == 404
