"""A retired Family ID (merged into another family) answers where it went wherever an official
looks it up: the family page, the family card, the search by Family ID; it is no longer listed;
an official outside its areas still gets 404."""

import pytest
from django.test import Client
from django.urls import reverse

from registry.models import Family, FamilyStatus
from registry.selectors import retired_family_answer, retired_family_answer_for_member
from tests.citizen.support import ekyc_with_linked_mobile
from tests.citizen.test_citizen_sign_in import ask, enter
from tests.conftest import client_for
from tests.uidai.support import otp_sent_to
from tests.updates.shape_support import grandparents, merge
from tests.updates.support import verma_family


@pytest.fixture
def merged(world):
    """The grandparents' family (a2) merged into the Vermas (a1) by carol."""
    vermas, elders = verma_family(world), grandparents(world.a2)
    merge(world.carol, vermas, elders)
    elders.refresh_from_db()
    assert elders.status == FamilyStatus.MERGED
    return vermas, elders


def _english(official):
    client = client_for(official)
    client.cookies["django_language"] = "en"
    return client


def test_the_family_page_says_where_it_went(world, merged):
    vermas, elders = merged
    page = _english(world.alice).get(reverse("registry:family_detail", args=[elders.family_id]))
    assert page.status_code == 410
    assert f"Family ID {elders.family_id} was merged into {vermas.family_id}" in page.text
    assert reverse("registry:family_detail", args=[vermas.family_id]) in page.text


def test_the_family_page_says_it_in_hindi(world, merged):
    vermas, elders = merged
    client = client_for(world.alice)
    client.cookies["django_language"] = "hi"
    page = client.get(reverse("registry:family_detail", args=[elders.family_id]))
    assert page.status_code == 410 and vermas.family_id in page.text
    assert "में विलय हो चुका है" in page.text


def test_the_family_card_says_where_it_went(world, merged):
    vermas, elders = merged
    card = _english(world.alice).get(reverse("registry:family_card", args=[elders.family_id]))
    assert card.status_code == 410 and card["Content-Type"].startswith("text/html")
    assert f"merged into {vermas.family_id}" in card.text


def test_a_search_by_the_retired_family_id_says_where_it_went(world, merged):
    vermas, elders = merged
    page = _english(world.alice).get(reverse("registry:search"), {"q": elders.family_id})
    assert f"Family ID {elders.family_id} is no longer used: it was merged into" in page.text
    assert reverse("registry:family_detail", args=[vermas.family_id]) in page.text
    # and a search by the family in use finds the members who joined it
    found = _english(world.alice).get(reverse("registry:search"), {"q": vermas.family_id}).text
    assert "Ramlal Verma" in found and "is no longer used" not in found


def test_the_family_list_leaves_a_retired_family_out(world, merged):
    vermas, elders = merged
    page = _english(world.alice).get(reverse("registry:family_list")).text
    assert vermas.family_id in page and elders.family_id not in page


def test_an_official_outside_its_areas_still_gets_404(world, merged):
    _vermas, elders = merged
    for official in (world.bob, world.dave):
        client = _english(official)
        assert (
            client.get(reverse("registry:family_detail", args=[elders.family_id])).status_code
            == 404
        )
        assert (
            client.get(reverse("registry:family_card", args=[elders.family_id])).status_code == 404
        )
        search = client.get(reverse("registry:search"), {"q": elders.family_id}).text
        assert "is no longer used" not in search


def test_a_chain_of_merges_names_the_family_in_use(world, merged):
    vermas, elders = merged
    Family.objects.filter(pk=vermas.pk).update(
        status=FamilyStatus.MERGED, merged_into=world.family_a1
    )
    assert retired_family_answer(elders.family_id) == world.family_a1.family_id
    assert retired_family_answer(world.family_a1.family_id) is None
    assert retired_family_answer("12345678") is None


def test_the_citizens_card_of_a_retired_family_names_the_family_in_use(world, merged):
    # for identity's sign-in: told only with a Member ID that went into that family
    vermas, elders = merged
    ramlal = vermas.members.get(name_en="Ramlal Verma")
    assert retired_family_answer_for_member(elders.family_id, ramlal.member_id) == vermas.family_id
    ajay = vermas.members.get(name_en="Ajay Verma")
    outsider = world.family_b1.members.get()
    assert retired_family_answer_for_member(elders.family_id, outsider.member_id) is None
    assert retired_family_answer_for_member(vermas.family_id, ajay.member_id) is None


def _merged_with_a_signed_in_citizen(world):
    """The grandparents' family merged into the Vermas by carol, one of the grandparents (with
    a linked mobile) signed in as a citizen before the merge."""
    vermas, elders = verma_family(world), grandparents(world.a2)
    grandparent = ekyc_with_linked_mobile(elders.members.order_by("pk").first(), "9876543210")
    client = Client()
    client.cookies["django_language"] = "en"
    ask(client, elders.family_id, grandparent.member_id)
    assert enter(client, otp_sent_to("9876543210")).status_code == 302
    merge(world.carol, vermas, elders)
    return vermas, elders, grandparent, client


def test_the_old_cards_ids_at_citizen_sign_in_say_where_the_family_went(world):
    vermas, elders, grandparent, _client = _merged_with_a_signed_in_citizen(world)
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.post(
        reverse("identity:citizen_sign_in"),
        {"family_id": elders.family_id, "member_id": grandparent.member_id},
    )
    assert page.status_code == 200
    assert (
        f"Family ID {elders.family_id} was merged into {vermas.family_id}. "
        f"Sign in with Family ID {vermas.family_id}."
    ) in page.text
    # with the new card's Family ID the same member signs in
    assert "******3210" in ask(client, vermas.family_id, grandparent.member_id)


def test_a_citizen_signed_in_before_the_merge_is_asked_to_sign_in_again(world):
    vermas, _elders, _grandparent, client = _merged_with_a_signed_in_citizen(world)
    page = client.get(reverse("identity:citizen_family"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("identity:citizen_sign_in")
    assert f"was merged into {vermas.family_id}" in page.text
    assert client.get(reverse("identity:citizen_family")).status_code == 302  # signed out
