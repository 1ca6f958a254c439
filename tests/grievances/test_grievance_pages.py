"""The grievance pages: a citizen's (their own family only) and an official's (their own
jurisdiction only), the list's filters, the supervisors' table, and the work list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from grievances.models import Grievance, Status
from grievances.services import grievance_close
from tests import factories as f
from tests.conftest import client_for
from tests.grievances.support import filed
from tests.security.test_authz_matrix import citizen_client


def test_a_citizen_files_a_grievance_and_follows_it(world):
    client = citizen_client(world.family_a1)
    family_page = client.get(reverse("identity:citizen_family")).content.decode()
    assert reverse("grievances:citizen_list") in family_page
    response = client.post(
        reverse("grievances:citizen_new"),
        {"category": "no_action", "member": "", "about_number": "", "description": "No answer."},
    )
    grievance = Grievance.objects.get()
    assert response["Location"] == reverse("grievances:citizen_detail", args=[grievance.number])
    page = client.get(response["Location"]).content.decode()
    assert "No answer." in page
    assert world.alice.get_designation_display() in page  # the designation, not a name
    assert world.alice.name not in page and world.alice.mobile not in page
    listed = client.get(reverse("grievances:citizen_list")).content.decode()
    assert grievance.number in listed


def test_a_citizen_sees_errors_linked_to_their_fields(world):
    client = citizen_client(world.family_a1)
    other = world.family_b1.members.get()
    response = client.post(
        reverse("grievances:citizen_new"),
        {"category": "wrong_data", "member": other.member_id, "description": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_description"' in body
    assert 'aria-describedby="id_description_error"' in body
    assert not Grievance.objects.exists()


def test_a_citizen_cannot_name_another_familys_request(world):
    client = citizen_client(world.family_a1)
    response = client.post(
        reverse("grievances:citizen_new"),
        {"category": "no_action", "about_number": "CR999999999999", "description": "Where?"},
    )
    assert response.status_code == 400
    assert "No application, change request or migration request" in response.content.decode()
    assert not Grievance.objects.exists()


def test_a_citizen_of_another_family_gets_404(world):
    grievance = filed(world.family_a1)
    client = citizen_client(world.family_b1)
    for name in ("citizen_detail", "citizen_reply", "citizen_accept", "citizen_reopen"):
        url = reverse(f"grievances:{name}", args=[grievance.number])
        assert client.post(url, {"text": "x", "reason": "x"}).status_code == 404, name
    assert not grievance.replies.exists()


def test_the_citizen_accepts_or_reopens_once_on_the_page(world):
    grievance = filed(world.family_a1)
    grievance_close(actor=world.alice, grievance=grievance, reason="Sent to the LB.")
    client = citizen_client(world.family_a1)
    page = client.get(reverse("grievances:citizen_detail", args=[grievance.number]))
    assert "Sent to the LB." in page.content.decode()
    # reopening without a reason: an error, nothing changes
    empty = client.post(reverse("grievances:citizen_reopen", args=[grievance.number]), {})
    assert empty.status_code == 400
    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED
    client.post(
        reverse("grievances:citizen_reopen", args=[grievance.number]), {"reason": "Not done."}
    )
    grievance.refresh_from_db()
    assert grievance.status == Status.REOPENED
    grievance_close(actor=world.alice, grievance=grievance, reason="Done now.")
    # a second reopening is refused with a message
    again = client.post(
        reverse("grievances:citizen_reopen", args=[grievance.number]), {"reason": "Again."}
    )
    assert again.status_code == 400
    assert "reopened once already" in again.content.decode()
    grievance.refresh_from_db()
    assert grievance.status == Status.FINAL


def test_an_official_of_another_area_gets_404(world):
    grievance = filed(world.family_a1)
    client = client_for(world.dave)
    for name in ("detail", "reply", "close"):
        url = reverse(f"grievances:{name}", args=[grievance.number])
        assert client.post(url, {"text": "x", "reason": "x"}).status_code == 404, name
    assert grievance.number not in client.get(reverse("grievances:list")).content.decode()
    assert (
        client.get(reverse("grievances:new", args=[world.family_a1.family_id])).status_code == 404
    )


def test_a_field_official_cannot_close_anothers_grievance_on_the_page(world):
    # given bob's grievance in b1, and alice, another field official of lb_a... who cannot
    # even see b1: a field official of b1 registered after bob is the other official
    grievance = filed(world.family_b1)
    other = f.field_official(world.b1, user_id="other")
    client = client_for(other)
    page = client.get(reverse("grievances:detail", args=[grievance.number])).content.decode()
    assert reverse("grievances:close", args=[grievance.number]) not in page
    response = client.post(
        reverse("grievances:close", args=[grievance.number]), {"reason": "Not mine."}
    )
    assert response.status_code == 403
    grievance.refresh_from_db()
    assert grievance.status == Status.OPEN


def test_the_holder_closes_it_on_the_page_and_a_reason_is_required(world):
    grievance = filed(world.family_a1)
    client = client_for(world.alice)
    url = reverse("grievances:close", args=[grievance.number])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400
    assert 'href="#id_reason"' in empty.content.decode()
    client.post(url, {"reason": "Corrected the name."})
    grievance.refresh_from_db()
    assert grievance.status == Status.CLOSED


def test_an_official_files_for_a_family_from_its_page(world):
    client = client_for(world.alice)
    family_url = reverse("registry:family_detail", args=[world.family_a1.family_id])
    new_url = reverse("grievances:new", args=[world.family_a1.family_id])
    assert new_url in client.get(family_url).content.decode()
    response = client.post(new_url, {"category": "refused", "description": "Turned away."})
    grievance = Grievance.objects.get()
    assert response["Location"] == reverse("grievances:detail", args=[grievance.number])
    assert grievance.filed_by_official == world.alice


def test_the_list_filters_and_sorts_by_deadline(world):
    now = timezone.now()
    late = filed(world.family_a1, "wrong_data", now=now - timedelta(days=20))
    soon = filed(world.family_b1, "no_action", now=now)
    client = client_for(world.carol)
    body = client.get(reverse("grievances:list")).content.decode()
    assert body.index(late.number) < body.index(soon.number)
    overdue = client.get(reverse("grievances:list"), {"overdue": "on"}).content.decode()
    assert late.number in overdue and soon.number not in overdue
    by_category = client.get(reverse("grievances:list"), {"category": "no_action"}).content.decode()
    assert soon.number in by_category and late.number not in by_category
    by_level = client.get(reverse("grievances:list"), {"level": "LB"}).content.decode()
    assert "No grievance matches." in by_level


def test_supervisors_see_counts_by_category_and_age(world):
    now = timezone.now()
    for days in (1, 10, 20, 40):
        filed(world.family_a1, "wrong_data", now=now - timedelta(days=days))
    carol = client_for(world.carol).get(reverse("grievances:list"))
    table = carol.context["ages"]
    wrong = next(r for r in table.rows if r[0] == "Wrong data in the family's record")
    assert wrong[1] == [1, 1, 1, 1]
    assert table.total == 4
    alice = client_for(world.alice).get(reverse("grievances:list"))
    assert alice.context["ages"] is None


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_page_reads_a_bounded_number_of_queries(
    world, count, django_assert_max_num_queries
):
    now = timezone.now()
    for i in range(count):
        filed(world.family_a1 if i % 2 else world.family_b1, now=now - timedelta(days=i))
    client = client_for(world.carol)
    client.get(reverse("grievances:list"))  # the session's first read
    with django_assert_max_num_queries(7):
        response = client.get(reverse("grievances:list"), {"status": "open"})
    assert response.status_code == 200


def test_open_grievances_are_on_the_holders_work_list_and_overdue_page(world):
    grievance = filed(world.family_a1)
    work = client_for(world.alice).get(reverse("registration:work_list")).content.decode()
    assert grievance.number in work
    past = timezone.now() - timedelta(days=30)
    Grievance.objects.filter(pk=grievance.pk).update(held_since=past, deadline_at=past)
    overdue = client_for(world.carol).get(reverse("registration:overdue")).content.decode()
    assert "Grievances" in overdue
    assert world.alice.name in overdue


def test_the_pages_speak_hindi(world, settings):
    settings.LANGUAGE_CODE = "hi"
    grievance = filed(world.family_a1)
    citizen = citizen_client(world.family_a1)
    assert (
        "आपके परिवार की शिकायतें" in citizen.get(reverse("grievances:citizen_list")).content.decode()
    )
    page = citizen.get(reverse("grievances:citizen_detail", args=[grievance.number]))
    assert "अनुरोध पर कोई कार्रवाई नहीं" in page.content.decode()
    official = client_for(world.carol).get(reverse("grievances:list")).content.decode()
    assert "खुली शिकायतें, श्रेणी" in official
