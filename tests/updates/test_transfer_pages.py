"""The transfer's pages and who sees them: another area's official gets 404; the sending local
body reads the request but only the receiving one decides."""

from django.urls import reverse

from tests import factories as f
from tests.conftest import client_for
from tests.updates.shape_support import pooja, transfer, transfer_data
from tests.updates.support import birth_data, marriage_data, member, preview_token, verma_family
from updates.models import ChangeRequest, ChangeStatus


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_transfer_goes_form_preview_submitted(world):
    vermas = verma_family(world)
    bride = pooja(world.x1)
    client = _english(client_for(world.alice))
    url = reverse("updates:transfer_new", args=[vermas.family_id])

    assert url in client.get(reverse("registry:family_detail", args=[vermas.family_id])).text
    preview = client.post(url, {**transfer_data(bride, vermas), "step": "preview"})
    body = preview.content.decode()
    assert "Pooja Sharma" in body and bride.family.family_id in body and vermas.family_id in body
    assert not ChangeRequest.objects.exists()

    done = client.post(url, {"step": "confirm", "token": preview_token(preview)})
    change = ChangeRequest.objects.get()
    assert done["Location"] == reverse("updates:change_detail", args=[change.number])
    assert change.status == ChangeStatus.PENDING and change.member == bride


def test_a_bad_transfer_shows_its_reason_on_the_form(world):
    vermas = verma_family(world)
    client = _english(client_for(world.alice))
    url = reverse("updates:transfer_new", args=[vermas.family_id])
    data = {"member_id": "123456789", "from_family": "12345678", "relation": "DIL"}
    body = client.post(url, {**data, "step": "preview"}).content.decode()
    assert "has no member with Member ID 123456789" in body


def test_the_form_is_filled_from_a_link(world):
    vermas = verma_family(world)
    bride = pooja(world.x1)
    client = _english(client_for(world.alice))
    url = reverse("updates:transfer_new", args=[vermas.family_id])
    body = client.get(url, {"member_id": bride.member_id, "from_family": "87654321"}).text
    assert f'value="{bride.member_id}"' in body and 'value="87654321"' in body


def test_another_areas_official_gets_404(world):
    vermas = verma_family(world)
    change = transfer(world.alice, vermas, pooja(world.a2))
    bob = client_for(world.bob)
    assert bob.get(reverse("updates:transfer_new", args=[vermas.family_id])).status_code == 404
    assert bob.get(reverse("updates:change_detail", args=[change.number])).status_code == 404


def test_the_sending_area_reads_the_request_but_does_not_decide(world):
    # given Pooja of x1 (local body lb_x, dave's) asked into the Vermas of a1 (carol's)
    bride = pooja(world.x1)
    change = transfer(world.alice, verma_family(world), bride)
    x1_official = f.field_official(world.x1, user_id="xavier")
    detail = reverse("updates:change_detail", args=[change.number])

    # then the sending side's officials read it, without the decision
    for official in (world.dave, x1_official):
        page = _english(client_for(official)).get(detail)
        assert page.status_code == 200
        assert "This page is for your information" in page.text
        assert "Approve and apply" not in page.text
    family_page = reverse("registry:family_detail", args=[bride.family.family_id])
    assert change.number in _english(client_for(world.dave)).get(family_page).text

    # and dave's approval is refused, while carol's applies
    approve = reverse("updates:change_approve", args=[change.number])
    assert client_for(world.dave).post(approve).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    client_for(world.carol).post(approve)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_the_marriage_preview_offers_to_transfer_a_bride_already_registered(world):
    # given Pooja registered with her parents, and alice adding Ravi's bride by marriage
    vermas = verma_family(world)
    bride = pooja(world.b1)
    client = _english(client_for(world.alice))
    url = reverse("updates:marriage_new", args=[vermas.family_id])

    # when she previews it
    body = client.post(url, {**marriage_data(vermas), "step": "preview"}).text

    # then the preview offers her transfer, the form filled from the marriage's details
    offer = reverse("updates:transfer_new", args=[vermas.family_id])
    ravi = member(vermas, "Ravi Verma").member_id
    link = (
        f"{offer}?member_id={bride.member_id}&amp;from_family={bride.family.family_id}"
        f"&amp;relation=DIL&amp;spouse={ravi}"
    )
    assert link in body
    form = client.get(link.replace("&amp;", "&")).text
    assert f'value="{bride.member_id}"' in form and f'<option value="{ravi}" selected>' in form


def test_a_birth_preview_offers_no_transfer(world):
    vermas = verma_family(world)
    client = _english(client_for(world.alice))
    url = reverse("updates:birth_new", args=[vermas.family_id])
    body = client.post(url, {**birth_data(member(vermas, "Sunita Verma")), "step": "preview"}).text
    assert "transfer-offers" not in body
