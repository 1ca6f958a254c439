"""The pages: a retired ID answers where it went wherever it is used; merge, notice and
objection through the forms; the supervisors' list of running cases."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from duplicates.models import CaseStatus, DuplicateCase
from duplicates.services import deactivation_object
from identity.actors import Citizen
from registry.models import Gender, MemberStatus
from scale.models import DuplicateCluster, DuplicateClusterMember
from tests.conftest import client_for
from tests.duplicates.support import merged, noticed, twins
from tests.security.test_authz_matrix import citizen_client

pytestmark = pytest.mark.django_db


def _in(client, language="en"):
    client.cookies["django_language"] = language
    return client


def test_the_family_page_says_where_a_retired_id_went_in_both_languages(world):
    _case, again, ajay = merged(world)
    url = reverse("registry:family_detail", args=[again.family.family_id])

    english = _in(client_for(world.carol)).get(url).content.decode()
    hindi = _in(client_for(world.carol), "hi").get(url).content.decode()

    assert f"merged into {ajay.member_id}" in english
    assert f"{ajay.member_id} में विलय" in hindi
    assert "No living member heads this family" in english


def test_the_id_search_answers_merged_into(world):
    _case, again, ajay = merged(world)

    body = _in(client_for(world.carol)).get(reverse("registry:search"), {"q": again.member_id})

    assert f"merged into {ajay.member_id}" in body.content.decode()


@pytest.mark.parametrize(
    "name",
    ["updates:correction_new", "updates:death_new", "identity:ekyc_start", "duplicates:merge"],
)
def test_member_pages_answer_where_a_retired_id_went(world, name):
    _case, again, ajay = merged(world)

    response = _in(client_for(world.carol)).get(reverse(name, args=[again.member_id]))

    assert response.status_code == 410
    assert f"was merged into {ajay.member_id}" in response.content.decode()


def test_the_citizens_sign_in_with_a_retired_id_names_the_one_to_use(world):
    _case, again, ajay = merged(world)

    response = _in(client_for(world.carol).__class__()).post(
        reverse("identity:citizen_sign_in"),
        {"family_id": again.family.family_id, "member_id": again.member_id},
    )

    assert response.status_code == 200
    assert f"merged into {ajay.member_id}. Sign in with {ajay.member_id}" in (
        response.content.decode()
    )


def test_the_family_card_marks_a_retired_member_in_both_languages(world):
    _case, again, ajay = merged(world)
    family = again.family

    html = render_to_string(
        "pdf/family_card.html",
        {"family": family, "members": family.members.select_related("merged_into"), "qr": ""},
    )

    assert f"merged into {ajay.member_id}" in html and f"{ajay.member_id} में विलय" in html


def test_a_merge_through_the_pages_compares_then_merges(world):
    ajay, again = twins(world)
    client = _in(client_for(world.carol))
    url = reverse("duplicates:merge", args=[again.member_id])
    data = {"survivor": ajay.member_id, "source": "OFFICIAL", "reason": "Same Aadhaar number"}

    compare = client.post(url, {**data, "step": "preview"})
    assert compare.status_code == 200 and "Check that both are the same person" in (
        compare.content.decode()
    )
    again.refresh_from_db()
    assert again.status == MemberStatus.ACTIVE

    done = client.post(url, {**data, "step": "confirm"})
    case = DuplicateCase.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "duplicates:case_detail", args=[case.pk]
    )
    again.refresh_from_db()
    assert again.merged_into == ajay


def test_the_merge_page_refuses_different_genders_in_the_users_language(world):
    ajay, again = twins(world)
    again.gender = Gender.FEMALE
    again.save()
    url = reverse("duplicates:merge", args=[again.member_id])
    data = {"survivor": ajay.member_id, "source": "OFFICIAL", "reason": "Same Aadhaar number"}

    english = _in(client_for(world.carol)).post(url, {**data, "step": "confirm"})
    hindi = _in(client_for(world.carol), "hi").post(url, {**data, "step": "confirm"})

    assert "different genders" in english.content.decode()
    assert "अलग-अलग लिंग" in hindi.content.decode()
    assert not DuplicateCase.objects.exists()


def test_a_confirmed_sweep_group_leads_to_the_merge(world):
    ajay, again = twins(world)
    cluster = DuplicateCluster.objects.create(
        sweep="t", area=world.a1, size=2, best_probability=0.99
    )
    for m in (ajay, again):
        DuplicateClusterMember.objects.create(cluster=cluster, member=m)
    client = _in(client_for(world.carol))
    url = reverse("scale:cluster_detail", args=[cluster.pk])

    decided = client.post(url, {"status": "CONFIRMED", "reason": "Same Aadhaar, same father"})
    page = client.get(decided["Location"]).content.decode()

    merge = reverse("duplicates:merge", args=[again.member_id])
    assert f"{merge}?survivor={ajay.member_id}&amp;cluster={cluster.pk}" in page
    form = client.get(f"{merge}?survivor={ajay.member_id}&cluster={cluster.pk}").content.decode()
    assert f'value="{ajay.member_id}"' in form and 'value="SWEEP" selected' in form


def test_a_notice_through_the_page_then_the_citizen_objects_on_their_family_page(world):
    case, ravi = noticed(world)
    family_client = _in(citizen_client(ravi.family))

    family_page = family_client.get(reverse("identity:citizen_family")).content.decode()
    object_url = reverse("duplicates:citizen_object", args=[case.pk])
    assert object_url in family_page

    done = family_client.post(object_url, {"text": "Ravi is our son, he studies in Indore"})
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OBJECTED


def test_the_deactivate_page_gives_notice(world):
    _ajay, again = twins(world)
    client = _in(client_for(world.carol))

    response = client.post(
        reverse("duplicates:deactivate", args=[again.member_id]),
        {"ground": "NOT_EXISTING", "source": "CITIZEN", "reason": "Neighbours reported it"},
    )

    case = DuplicateCase.objects.get()
    assert response.status_code == 302 and case.status == CaseStatus.NOTICE


def test_supervisors_see_running_cases_and_their_age(world):
    case, _ravi = noticed(world)
    objected, _ = noticed(world)
    deactivation_object(
        actor=Citizen(family_id=objected.member.family.family_id, member_id="x"),
        case=objected,
        text="He is our son",
    )
    DuplicateCase.objects.filter(pk=objected.pk).update(
        held_since=timezone.now() - timedelta(days=9)
    )

    erin = _in(client_for(world.erin)).get(reverse("duplicates:case_list")).content.decode()
    erin = erin.replace("\xa0", " ")  # timesince's non-breaking spaces
    frank = _in(client_for(world.frank)).get(reverse("duplicates:case_list")).content.decode()
    overdue = _in(client_for(world.erin)).get(reverse("registration:overdue")).content.decode()

    assert str(case) in erin and str(objected) in erin and "1 week, 2 days" in erin
    assert str(case) not in frank
    assert "Duplicate cases" in overdue and world.carol.user_id in overdue


def test_the_case_list_reads_a_few_queries_however_many_cases(world, django_assert_max_num_queries):
    for _ in range(3):
        noticed(world)
    client = client_for(world.carol)

    with django_assert_max_num_queries(8):
        client.get(reverse("duplicates:case_list"))
