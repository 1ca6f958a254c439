import io

import pytest
from pypdf import PdfReader

from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_it_gives_officials_in_jurisdiction_the_family_card_as_pdf(world: World) -> None:
    family = world.family_a1
    response = client_for(world.carol).get(f"/families/{family.family_id}/card.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response.content)
    assert family.family_id in text
    for member in family.members.all():
        assert member.member_id in text
        assert member.name_en in text


def test_it_refuses_the_card_outside_jurisdiction(world: World) -> None:
    response = client_for(world.dave).get(f"/families/{world.family_a1.family_id}/card.pdf")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    for member in world.family_a1.members.all():
        assert member.member_id.encode() not in response.content


def test_it_sends_anonymous_visitors_to_sign_in(world: World, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/families/{world.family_a1.family_id}/card.pdf")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
