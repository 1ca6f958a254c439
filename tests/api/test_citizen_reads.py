"""A signed-in citizen sees every department's read of the family's data, and no other
family's, in both languages."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from api.models import ApiRead
from api.services import log_reads
from registry.models import FamilyStatus
from tests import factories as f
from tests.api.support import PURPOSE, Api, register
from tests.conftest import World
from tests.security.test_authz_matrix import citizen_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def test_a_citizen_sees_who_read_the_familys_data(world: World) -> None:
    # given a department that read a member of family a1 and the whole of family x1
    api = Api(register(world.sam, statewide=True))
    member = world.family_a1.members.get()
    assert (
        api.get(
            f"/members/{member.member_id}", purpose=PURPOSE, fields="identity,address"
        ).status_code
        == 200
    )
    assert api.get(f"/families/{world.family_x1.family_id}", purpose=PURPOSE).status_code == 200
    # when a citizen of a1 opens "who saw my data", in English
    http = citizen_client(world.family_a1)
    http.cookies["django_language"] = "en"
    response = http.get(reverse("api:citizen_reads"))
    # then a1's read is listed, with the system, the purpose, the field groups and the member
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pension system" in body
    assert "Social Justice" in body
    assert "old age pension eligibility" in body
    assert "Identity: name, gender, date of birth, status" in body
    assert "Address and area" in body
    assert member.member_id in body
    # and not x1's
    assert [r["read"].family_id for r in response.context["rows"]] == [world.family_a1.family_id]


def test_the_page_is_in_hindi_too(world: World) -> None:
    log_reads(
        register(world.sam, statewide=True).client,
        purpose=PURPOSE,
        operation="member.status",
        scopes=["identity"],
        families=[(world.family_a1.family_id, [world.family_a1.members.get().member_id])],
    )
    http = citizen_client(world.family_a1)
    http.cookies["django_language"] = "hi"
    body = http.get(reverse("api:citizen_reads")).content.decode()
    assert 'lang="hi"' in body
    assert "मेरे परिवार का डेटा किसने देखा" in body
    assert "पहचान: नाम, लिंग, जन्म तिथि, स्थिति" in body
    assert "सदस्य आईडी जाँची" in body
    assert "old age pension eligibility" in body


def test_reads_of_a_family_merged_into_the_citizens_are_shown(world: World) -> None:
    # given family b1 merged into a1 after a department read it
    client = register(world.sam, statewide=True).client
    log_reads(
        client,
        purpose=PURPOSE,
        operation="family.read",
        scopes=["identity"],
        families=[(world.family_b1.family_id, [])],
    )
    world.family_b1.status = FamilyStatus.MERGED
    world.family_b1.merged_into = world.family_a1
    world.family_b1.save()
    # when a1's citizen looks / then b1's read is theirs
    response = citizen_client(world.family_a1).get(reverse("api:citizen_reads"))
    assert [r["read"].family_id for r in response.context["rows"]] == [world.family_b1.family_id]
    # and b1's read is not shown to a citizen of another family
    other = citizen_client(world.family_x1).get(reverse("api:citizen_reads"))
    assert other.context["rows"] == []


def test_newest_first_and_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: object, settings: object
) -> None:
    # given many reads of a1 by two clients
    settings.PAGE_SIZE = 10  # type: ignore[attr-defined]
    first = register(world.sam, statewide=True).client
    second = register(world.sam, statewide=True, purposes=["ration-card"]).client
    for n in range(15):
        log_reads(
            first if n % 2 else second,
            purpose=PURPOSE if n % 2 else "ration-card",
            operation="member.status",
            scopes=["identity"],
            families=[(world.family_a1.family_id, [f"{n:09d}"])],
        )
    http = citizen_client(world.family_a1)
    # when the citizen opens both pages / then each takes a bounded number of queries
    for page in ("1", "2"):
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            response = http.get(reverse("api:citizen_reads"), {"page": page})
        assert response.status_code == 200
    first_page = citizen_client(world.family_a1).get(reverse("api:citizen_reads"))
    times = [r["read"].read_at for r in first_page.context["rows"]]
    assert len(times) == 10
    assert times == sorted(times, reverse=True)
    assert first_page.context["page"].paginator.count == 15


def test_only_a_signed_in_citizen_gets_the_page(world: World) -> None:
    url = reverse("api:citizen_reads")
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("identity:citizen_sign_in"))
    from tests.conftest import client_for

    official = client_for(world.sam).get(url)
    assert official.status_code == 302
    assert official["Location"].startswith(reverse("identity:citizen_sign_in"))


def test_the_family_page_links_it(world: World) -> None:
    f.MemberFactory(family=world.family_a1)
    body = citizen_client(world.family_a1).get(reverse("identity:citizen_family")).content.decode()
    assert reverse("api:citizen_reads") in body
    assert not ApiRead.objects.exists()
