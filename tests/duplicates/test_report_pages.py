"""The report pages: an official's from the family page, a citizen's from their family page; the
officer's case page to act on a report; who may reach them (another area: 404; a citizen only
for their own family), in both languages, with errors on their fields."""

import re

import pytest
from django.urls import reverse

from duplicates.models import CaseKind, CaseStatus, DuplicateCase
from duplicates.reports import duplicate_report
from tests.conftest import client_for
from tests.duplicates.support import twins
from tests.security.test_authz_matrix import citizen_client, citizen_login_in
from tests.updates.support import member

pytestmark = pytest.mark.django_db

REASON = "Same father and date of birth; moved to b1"


def _in(client, language="en"):
    client.cookies["django_language"] = language
    return client


def _report_url(m):
    return reverse("duplicates:report", args=[m.member_id])


def test_the_family_page_links_each_member_to_a_report(world):
    ajay, _again = twins(world)

    body = client_for(world.alice).get(
        reverse("registry:family_detail", args=[ajay.family.family_id])
    )

    assert _report_url(ajay) in body.content.decode()


def test_a_field_official_reports_and_goes_back_to_the_family(world):
    ajay, _again = twins(world)
    sunita = member(ajay.family, "Sunita Verma")
    alice = _in(client_for(world.alice))

    assert alice.get(_report_url(ajay)).status_code == 200
    done = alice.post(_report_url(ajay), {"other": sunita.member_id, "reason": REASON})

    assert done.status_code == 302
    assert done["Location"] == reverse("registry:family_detail", args=[ajay.family.family_id])
    case = DuplicateCase.objects.get(kind=CaseKind.REPORT)
    page = alice.get(done["Location"]).content.decode()
    assert f"Reported as case {case}" in page


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "You gave Member ID"), ("hi", "आपने सदस्य आईडी")],
)
def test_a_refusal_is_shown_on_its_field_in_both_languages(world, language, said):
    ajay, _again = twins(world)
    alice = _in(client_for(world.alice), language)

    page = alice.post(_report_url(ajay), {"other": ajay.member_id, "reason": REASON})

    body = page.content.decode()
    assert page.status_code == 400
    assert said in body
    # the error is next to the field and the field names it
    assert 'id="id_other_error"' in body
    field = re.search(r'<input[^>]*name="other"[^>]*>', body)
    assert field and "id_other_error" in field.group(0) and 'aria-invalid="true"' in field.group(0)
    assert not DuplicateCase.objects.exists()


def test_an_open_case_is_linked_for_the_officer(world):
    ajay, again = twins(world)
    first = duplicate_report(
        actor=world.carol, member=again, other_id=ajay.member_id, reason=REASON
    )

    page = _in(client_for(world.carol)).post(
        _report_url(ajay), {"other": again.member_id, "reason": REASON}
    )

    assert reverse("duplicates:case_detail", args=[first.pk]) in page.content.decode()
    assert DuplicateCase.objects.count() == 1


def test_officials_of_other_areas_get_404_and_others_403(world):
    ajay, again = twins(world)
    data = {"other": again.member_id, "reason": REASON}

    for outsider in (world.dave, world.bob):  # another local body; another area of lb_a
        client = client_for(outsider)
        assert client.get(_report_url(ajay)).status_code == 404
        assert client.post(_report_url(ajay), data).status_code == 404
    assert client_for(world.erin).post(_report_url(ajay), data).status_code == 403
    outside = world.family_x1.members.get()
    assert client_for(world.alice).get(_report_url(outside)).status_code == 404
    assert not DuplicateCase.objects.exists()


def test_the_officer_acts_on_a_report_from_its_page(world):
    ajay, again = twins(world)
    case = duplicate_report(actor=world.carol, member=ajay, other_id=again.member_id, reason=REASON)
    carol = _in(client_for(world.carol))
    url = reverse("duplicates:case_detail", args=[case.pk])

    body = carol.get(url).content.decode()

    merge = reverse("duplicates:merge", args=[ajay.member_id])
    assert f"{merge}?survivor={again.member_id}&amp;source=OFFICIAL" in body
    assert reverse("duplicates:deactivate", args=[again.member_id]) in body
    assert 'value="dismiss"' in body
    decided = carol.post(
        reverse("duplicates:case_decide", args=[case.pk]),
        {"action": "dismiss", "reason": "Two brothers, both seen"},
    )
    assert decided.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DISMISSED


def test_a_citizen_reports_from_their_family_page(world):
    ajay, again = twins(world)
    client = _in(citizen_client(ajay.family))

    family_page = client.get(reverse("identity:citizen_family")).content.decode()
    url = reverse("duplicates:citizen_report")
    assert url in family_page
    form = client.get(url).content.decode()
    assert ajay.member_id in form and world.family_a1.members.get().member_id not in form
    done = client.post(url, {"member": ajay.member_id, "other": again.member_id, "reason": REASON})

    assert done.status_code == 302 and done["Location"] == reverse("identity:citizen_family")
    case = DuplicateCase.objects.get()
    assert case.member == ajay and case.other == again and case.holder == world.carol


def test_a_citizen_cannot_report_a_member_of_another_family(world):
    ajay, again = twins(world)
    client = citizen_client(world.family_a1)

    page = client.post(
        reverse("duplicates:citizen_report"),
        {"member": ajay.member_id, "other": again.member_id, "reason": REASON},
    )

    assert page.status_code == 400
    assert not DuplicateCase.objects.exists()


def test_a_citizen_signed_in_to_a_retired_members_family_cannot_choose_it(world):
    from identity.actors import Citizen
    from tests.duplicates.support import merged

    _case, again, ajay = merged(world)
    client = _in(citizen_client(ajay.family))
    citizen_login_in(client, Citizen(family_id=again.family.family_id, member_id=again.member_id))

    form = client.get(reverse("duplicates:citizen_report")).content.decode()

    assert f'value="{again.member_id}"' not in form


def test_anonymous_visitors_are_sent_to_sign_in(world):
    ajay, _again = twins(world)
    from django.test import Client

    response = Client().get(reverse("duplicates:citizen_report"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:citizen_sign_in"))
    response = Client().get(_report_url(ajay))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("officials:login"))
