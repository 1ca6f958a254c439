"""Filing a grievance without signing in: the Family ID and an OTP to the family's linked mobile
open the family's grievance pages, and nothing else. An unknown Family ID gets the same answer;
a used OTP says so; a record of another family is refused and nothing is saved."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grievances.models import Grievance
from identity.citizen import SCOPED_SESSION_KEY, SESSION_KEY
from migration.models import MigrationRequest, MigrationType
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.citizen.support import ekyc_with_linked_mobile
from tests.conftest import World
from tests.grievances.support import filed
from tests.uidai.support import otp_sent_to, wrong

MOBILE = "9876543210"
START = reverse("grievances:otp_start")
VERIFY = reverse("grievances:otp_verify")


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def _client(address: str = "127.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    client.cookies["django_language"] = "en"
    return client


def let_in(world: World, client: Client | None = None) -> Client:
    """A browser let in to family_a1's grievances by its Family ID and the OTP."""
    ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    client = client or _client()
    client.post(START, {"family_id": world.family_a1.family_id})
    response = client.post(VERIFY, {"code": otp_sent_to(MOBILE)})
    assert response["Location"] == reverse("grievances:citizen_new")
    return client


def refused(response: object) -> bool:
    """Sent to a sign-in page, or not found: not served."""
    status = response.status_code  # type: ignore[attr-defined]
    if status == 302:
        location = response["Location"]  # type: ignore[index]
        return location.startswith(
            (reverse("identity:citizen_sign_in"), reverse("officials:login"))
        )
    return status in (403, 404)


def test_the_otp_lets_the_family_file_and_follow_its_grievance(world: World) -> None:
    # given the family's Family ID and the OTP sent to the head's linked mobile
    client = let_in(world)
    # when it files a grievance
    response = client.post(
        reverse("grievances:citizen_new"),
        {"category": "no_action", "member": "", "about_number": "", "description": "No answer."},
    )
    # then it is filed for that family, by the member whose mobile got the OTP
    grievance = Grievance.objects.get()
    head = world.family_a1.members.get()
    assert (grievance.family, grievance.filed_by_member_id) == (world.family_a1, head.member_id)
    assert response["Location"] == reverse("grievances:citizen_detail", args=[grievance.number])
    # and the family sees it, without a family session
    assert "No answer." in client.get(response["Location"]).content.decode()
    assert grievance.number in client.get(reverse("grievances:citizen_list")).content.decode()
    assert SESSION_KEY not in client.session


def test_the_otp_goes_to_another_ekycd_member_when_the_head_has_none(world: World) -> None:
    # given a family whose head has no linked mobile, and a wife with one
    wife = f.MemberFactory(family=world.family_a1, relation="SPOUSE", name_en="Sita Devi")
    ekyc_with_linked_mobile(wife, "9811111111")
    client = _client()
    # when the Family ID is given
    client.post(START, {"family_id": world.family_a1.family_id})
    # then the OTP goes to her mobile, and she is who files
    assert client.get(VERIFY).content.decode().count("******1111") == 1
    client.post(VERIFY, {"code": otp_sent_to("9811111111")})
    client.post(
        reverse("grievances:citizen_new"), {"category": "other", "description": "Wrong spelling"}
    )
    assert Grievance.objects.get().filed_by_member_id == wife.member_id


def test_an_unknown_family_id_gets_the_same_answer(world: World) -> None:
    ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    answers = []
    for family_id in (world.family_a1.family_id, "98765432"):
        client = _client()
        response = client.post(START, {"family_id": family_id})
        # then both go on to the OTP page, with a masked mobile that looks real
        assert response.status_code == 302
        assert response["Location"] == VERIFY
        page = client.get(VERIFY).content.decode()
        masked = page.split("has been sent to ")[1][:10]
        assert masked.startswith("******") and masked[6:].isdigit()
        answers.append((client, masked))
    # and no code opens the unknown one's
    unknown_client, unknown_masked = answers[1]
    assert unknown_masked == "******" + unknown_masked[6:]
    assert SmsMessage.objects.filter(kind=SmsKind.OTP).count() == 1
    response = unknown_client.post(VERIFY, {"code": "123456"})
    assert "The OTP is not correct." in response.content.decode()
    assert SCOPED_SESSION_KEY not in unknown_client.session


def test_the_same_wait_stands_for_a_real_and_an_unknown_id(world: World) -> None:
    ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    for family_id in (world.family_a1.family_id, "98765432"):
        client = _client()
        client.post(START, {"family_id": family_id})
        # when a second OTP is asked for at once
        again = client.post(START, {"family_id": family_id})
        # then the same wait is told
        assert again.status_code == 400
        assert "A code was sent for these details a moment ago" in again.content.decode()


def test_a_used_otp_is_refused_with_a_clear_message(world: World) -> None:
    client = let_in(world)
    code = otp_sent_to(MOBILE)
    # when the same OTP is entered again
    response = client.post(VERIFY, {"code": code})
    # then it is refused, saying why
    assert response.status_code == 400
    assert "This OTP has been used already. Ask for a new one." in response.content.decode()


def test_a_wrong_otp_opens_nothing(world: World) -> None:
    ekyc_with_linked_mobile(world.family_a1.members.get(), MOBILE)
    client = _client()
    client.post(START, {"family_id": world.family_a1.family_id})
    response = client.post(VERIFY, {"code": wrong(otp_sent_to(MOBILE))})
    assert "The OTP is not correct." in response.content.decode()
    assert refused(client.get(reverse("grievances:citizen_list")))


def test_the_start_page_is_limited_per_client(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.STATUS_LOOKUPS_PER_HOUR = 2
    settings.OTP_RESEND_SECONDS = 0
    client = _client()
    for family_id in ("11111111", "22222222"):
        assert client.post(START, {"family_id": family_id}).status_code == 302
    # when a third Family ID is tried from the same device
    response = client.post(START, {"family_id": world.family_a1.family_id})
    # then it is refused for a while, and another device is not
    assert response.status_code == 429
    assert "Too many lookups from this device" in response.content.decode()
    other = _client("10.0.0.9").post(START, {"family_id": world.family_a1.family_id})
    assert other.status_code == 302


def test_another_familys_record_is_refused_and_nothing_saved(world: World) -> None:
    client = let_in(world)
    other_request = MigrationRequest.objects.create(
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
    new = reverse("grievances:citizen_new")
    # when the family names another family's request
    about = client.post(
        new, {"category": "no_action", "about_number": other_request.number, "description": "x"}
    )
    # or another family's member
    other_member = world.family_b1.members.get().member_id
    member = client.post(
        new, {"category": "wrong_data", "member": other_member, "description": "Wrong name"}
    )
    # then both are refused, saying why, and nothing is saved
    assert about.status_code == member.status_code == 400
    assert "No application, change request or migration request of this family has the number" in (
        about.content.decode()
    )
    assert f"Member ID {other_member} is not a member of this family." in member.content.decode()
    assert not Grievance.objects.exists()


def test_it_opens_no_other_familys_grievance(world: World) -> None:
    client = let_in(world)
    other = filed(world.family_b1)
    for name in ("citizen_detail", "citizen_reply", "citizen_accept", "citizen_reopen"):
        url = reverse(f"grievances:{name}", args=[other.number])
        assert client.post(url, {"text": "x", "reason": "x"}).status_code == 404, name
    assert not other.replies.exists()


def test_it_opens_nothing_of_the_family_but_its_grievances(world: World) -> None:
    client = let_in(world)
    member_id = world.family_a1.members.get().member_id
    for name, kwargs in [
        ("identity:citizen_family", {}),
        ("identity:citizen_family_card", {}),
        ("identity:citizen_mobile_link", {"member_id": member_id}),
        ("migration:mine", {}),
        ("migration:new", {}),
        ("grievances:list", {}),
    ]:
        assert refused(client.get(reverse(name, kwargs=kwargs))), name


def test_it_ends_after_its_time(world: World) -> None:
    client = let_in(world)
    session = client.session
    scoped = session[SCOPED_SESSION_KEY]
    scoped["expires"] = (timezone.now() - timedelta(seconds=1)).isoformat()
    session[SCOPED_SESSION_KEY] = scoped
    session.save()
    assert refused(client.get(reverse("grievances:citizen_list")))


def test_anyone_else_is_sent_to_sign_in(world: World) -> None:
    grievance = filed(world.family_a1)
    for name, args in [
        ("grievances:citizen_list", []),
        ("grievances:citizen_new", []),
        ("grievances:citizen_detail", [grievance.number]),
    ]:
        assert refused(_client().get(reverse(name, args=args))), name


def test_the_verify_page_without_a_family_id_goes_back_to_the_start(world: World) -> None:
    assert _client().get(VERIFY)["Location"] == START
