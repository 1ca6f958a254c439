"""Who may reach the duplicate pages: an officer of another area gets 404 for every page and
action, a field official cannot merge, supervisors read but do not decide, and a citizen only
objects for their own family. Refused requests change nothing."""

import pytest
from django.urls import reverse

from duplicates.models import CaseStatus
from registry.models import MemberStatus
from tests.conftest import client_for
from tests.duplicates.support import noticed
from tests.security.test_authz_matrix import citizen_client

pytestmark = pytest.mark.django_db

WRITES = {
    "duplicates:merge": {"survivor": "000000000", "source": "OFFICIAL", "reason": "Outsider"},
    "duplicates:deactivate": {"ground": "NOT_EXISTING", "source": "OFFICIAL", "reason": "Out"},
    "duplicates:reactivate": {"reason": "Reactivated by an outsider"},
    "duplicates:case_object": {"text": "Objected by an outsider"},
    "duplicates:case_decide": {"action": "withdraw", "reason": "Withdrawn by an outsider"},
}


def _urls(case, ravi):
    by_member = ("duplicates:member", "duplicates:merge", "duplicates:deactivate")
    by_case = ("duplicates:case_detail", "duplicates:case_object", "duplicates:case_decide")
    return [
        (n, reverse(n, args=[ravi.member_id])) for n in (*by_member, "duplicates:reactivate")
    ] + [(n, reverse(n, args=[case.pk])) for n in by_case]


def _unchanged(case, ravi):
    case.refresh_from_db()
    ravi.refresh_from_db()
    assert case.status == CaseStatus.NOTICE and not case.objections.exists()
    assert ravi.status == MemberStatus.TO_BE_DEACTIVATED


def test_an_officer_of_another_area_gets_404_for_every_page_and_action(world):
    case, ravi = noticed(world)
    dave = client_for(world.dave)

    for name, url in _urls(case, ravi):
        assert dave.get(url).status_code in (404, 405), name
        assert dave.post(url, WRITES.get(name, {})).status_code == 404, name
    _unchanged(case, ravi)


def test_a_field_official_cannot_merge_or_decide(world):
    case, ravi = noticed(world)
    alice = client_for(world.alice)  # field official of ravi's own area

    for name, url in _urls(case, ravi):
        assert alice.post(url, WRITES.get(name, {})).status_code == 403, name
    _unchanged(case, ravi)


def test_a_district_officer_reads_the_case_but_does_not_decide(world):
    case, ravi = noticed(world)
    erin = client_for(world.erin)

    assert erin.get(reverse("duplicates:case_detail", args=[case.pk])).status_code == 200
    assert erin.get(reverse("duplicates:member", args=[ravi.member_id])).status_code == 200
    for name in ("duplicates:case_object", "duplicates:case_decide"):
        url = reverse(name, args=[case.pk])
        assert erin.post(url, WRITES[name]).status_code == 403
    assert (
        client_for(world.frank).get(reverse("duplicates:case_detail", args=[case.pk])).status_code
        == 404
    )
    _unchanged(case, ravi)


def test_a_citizen_objects_only_for_their_own_family(world):
    case, ravi = noticed(world)
    stranger = citizen_client(world.family_a1)

    url = reverse("duplicates:citizen_object", args=[case.pk])
    assert stranger.get(url).status_code == 404
    assert stranger.post(url, {"text": "Not my family at all"}).status_code == 404
    _unchanged(case, ravi)
