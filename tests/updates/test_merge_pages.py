"""The merge's pages and who sees them: which family first, then the relations, the preview and
the submission; another area's official gets 404 and never sees the members of a family
outside their areas; only the survivor's local body decides."""

from django.urls import reverse

from registry.models import FamilyStatus
from tests.conftest import client_for
from tests.updates.shape_support import grandparents, merge, merge_data
from tests.updates.support import member, preview_token, verma_family
from updates.models import ChangeRequest, ChangeStatus


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_merge_goes_family_relations_preview_submitted(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    client = _english(client_for(world.alice))
    url = reverse("updates:merge_new", args=[vermas.family_id])

    # the family page links to it; the first step asks which family
    assert url in client.get(reverse("registry:family_detail", args=[vermas.family_id])).text
    first = client.get(url).text
    assert 'name="from_family"' in first and "Ramlal Verma" not in first

    # with the Family ID, the members of both are asked for their relations
    form = client.get(url, {"from_family": elders.family_id}).text
    ramlal = member(elders, "Ramlal Verma")
    assert f'name="relation_{ramlal.member_id}"' in form
    assert f'name="relation_{member(vermas, "Ajay Verma").member_id}"' in form

    # the preview shows who joins and that the other ID is retired; nothing is written yet
    preview = client.post(url, {**merge_data(vermas, elders), "step": "preview"})
    body = preview.text
    assert f"Family ID {elders.family_id} retired: merged into {vermas.family_id}" in body
    assert ramlal.member_id in body and "Father" in body
    assert not ChangeRequest.objects.exists()

    done = client.post(url, {"step": "confirm", "token": preview_token(preview)})
    change = ChangeRequest.objects.get()
    assert done["Location"] == reverse("updates:change_detail", args=[change.number])
    assert change.status == ChangeStatus.PENDING and change.other_family == elders


def test_a_relation_left_out_is_asked_for_on_the_form(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    client = _english(client_for(world.alice))
    url = reverse("updates:merge_new", args=[vermas.family_id])
    data = merge_data(vermas, elders, {"Ramlal Verma": "", "Kamla Verma": "MOTHER"})
    body = client.post(url, {**data, "step": "preview"}).text
    assert "Choose the relation to the head." in body
    assert not ChangeRequest.objects.exists()


def test_a_family_outside_her_areas_shows_no_member(world):
    # b1 is bob's area in the same local body: alice is told no more than for an unknown ID
    vermas, others = verma_family(world), grandparents(world.b1)
    client = _english(client_for(world.alice))
    url = reverse("updates:merge_new", args=[vermas.family_id])
    for family_id in (others.family_id, "12345678"):
        body = client.get(url, {"from_family": family_id}).text
        assert f"Family {family_id} is not one of the families of your" in body
        assert "Ramlal Verma" not in body and "रामलाल" not in body
    body = client.post(url, {**merge_data(vermas, others), "step": "preview"}).text
    assert "is not one of the families of your" in body and "Ramlal Verma" not in body


def test_the_first_step_refuses_the_family_itself(world):
    vermas = verma_family(world)
    client = _english(client_for(world.alice))
    url = reverse("updates:merge_new", args=[vermas.family_id])
    assert "cannot be merged into itself" in client.get(url, {"from_family": vermas.family_id}).text


def test_another_areas_official_gets_404(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    change = merge(world.alice, vermas, elders)
    for official in (world.bob, world.dave):
        client = client_for(official)
        assert client.get(reverse("updates:merge_new", args=[vermas.family_id])).status_code == 404
    assert (
        client_for(world.dave)
        .get(reverse("updates:change_detail", args=[change.number]))
        .status_code
        == 404
    )


def test_only_the_survivors_local_body_decides(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    change = merge(world.alice, vermas, elders)
    approve = reverse("updates:change_approve", args=[change.number])
    assert client_for(world.alice).post(approve).status_code == 403
    assert client_for(world.dave).post(approve).status_code == 404
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING

    page = _english(client_for(world.carol)).get(
        reverse("updates:change_detail", args=[change.number])
    )
    assert "Approve and apply" in page.text
    client_for(world.carol).post(approve)
    change.refresh_from_db()
    elders.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and elders.status == FamilyStatus.MERGED

    # the decided request shows what was asked
    body = (
        _english(client_for(world.carol))
        .get(reverse("updates:change_detail", args=[change.number]))
        .text
    )
    assert elders.family_id in body and "Ramlal Verma" in body and "Father" in body


def test_the_merge_form_of_a_retired_family_says_where_it_went(world):
    vermas, elders = verma_family(world), grandparents(world.a2)
    merge(world.carol, vermas, elders)
    page = _english(client_for(world.alice)).get(
        reverse("updates:merge_new", args=[elders.family_id])
    )
    assert page.status_code == 410 and f"was merged into {vermas.family_id}" in page.text
