"""The family card's QR code, read off the printed PDF as a phone would read it, opens the
public verify page: genuine, not genuine once changed, retired once an ID on it is merged."""

import base64
from urllib.parse import urlparse

import pypdfium2
import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from registry.card_signing import public_key_text
from registry.models import Family, Member
from tests.conftest import World, client_for
from tests.duplicates.support import merged, twins
from tests.updates.shape_support import grandparents, merge
from tests.updates.support import verma_family

pytestmark = pytest.mark.django_db

OLD_SEED, NEW_SEED = bytes(range(32)), bytes(range(32, 64))


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    cache.clear()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _card_link(world: World, family: Family) -> str:
    """The link in the QR code of the family card PDF, as a phone's camera reads it."""
    response = client_for(world.carol).get(reverse("registry:family_card", args=[family.family_id]))
    assert response.status_code == 200
    page = pypdfium2.PdfDocument(response.content)[0]
    image = page.render(scale=4).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 1
    assert codes[0].format == zxingcpp.BarcodeFormat.QRCode  # a standard QR, not Micro QR
    assert codes[0].ec_level == "M"
    return codes[0].text


def _open(link: str, language: str = "en") -> tuple[int, str]:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(urlparse(link).path)
    return response.status_code, response.content.decode()


def _changed(link: str, position: int) -> str:
    """The link with one character of its payload replaced by another."""
    swap = "A" if link[position] != "A" else "B"
    return link[:position] + swap + link[position + 1 :]


def test_the_card_s_qr_code_opens_the_verify_page_which_says_genuine(world: World) -> None:
    family = verma_family(world)
    link = _card_link(world, family)

    assert link.startswith("http://testserver/verify/")
    assert len(link) < 200  # small enough for a QR a phone reads off paper
    status, page = _open(link)
    assert status == 200
    assert "Genuine: this card was issued by the portal." in page
    assert family.family_id in page
    for m in family.members.all():
        assert m.member_id in page and m.name_en in page and m.name_hi in page
    assert "Outdated" not in page
    assert world.a1.local_body.name_en in page


def test_it_shows_nothing_the_card_does_not_print(world: World) -> None:
    family = verma_family(world)
    status, page = _open(_card_link(world, family))

    assert status == 200
    for m in family.members.all():
        assert m.mobile == "" or m.mobile not in page
        assert m.date_of_birth.strftime("%d-%m-%Y") not in page  # type: ignore[union-attr]
    assert family.pin_code not in page


def test_the_card_names_its_issuer_and_how_to_verify_in_both_languages(world: World) -> None:
    family = verma_family(world)
    response = client_for(world.carol).get(reverse("registry:family_card", args=[family.family_id]))
    pdf = pypdfium2.PdfDocument(response.content)
    text = " ".join(pdf[0].get_textpage().get_text_range().split())

    assert "Issued by" in text and "State Population Register (Samagra) Mission Office" in text
    assert world.a1.local_body.name_en in text
    assert "scan its QR code with a phone\u2019s camera, or open the link below" in text
    assert "http://testserver/verify/" in text


def test_a_signature_changed_by_one_character_is_not_genuine(world: World) -> None:
    link = _card_link(world, verma_family(world))

    status, page = _open(_changed(link, len(link) - 10))
    assert status == 200
    assert "Not genuine" in page and "Genuine:" not in page


def test_a_member_id_changed_in_the_link_is_not_genuine(world: World) -> None:
    family = verma_family(world)
    link = _card_link(world, family)
    prefix, payload = link.rsplit("/", 1)
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    other = next(iter(Member.objects.exclude(family=family).values_list("member_id", flat=True)))
    first_member = 11 + 1 + raw[11] + 1  # after the head, the key id and the member count
    raw[first_member : first_member + 4] = int(other).to_bytes(4, "big")

    _status, page = _open(f"{prefix}/{_b64(bytes(raw))}")
    assert "Not genuine" in page
    assert other not in page


@pytest.mark.parametrize("payload", ["x", "A" * 120, "not-a-card!", "A" * 3000])
def test_anything_else_after_verify_is_not_genuine(world: World, payload: str) -> None:
    status, page = _open(f"http://testserver/verify/{payload}")
    assert status in (200, 404)
    assert "Genuine:" not in page


def test_a_card_of_a_family_merged_since_says_retired_and_into_which(world: World) -> None:
    vermas, elders = verma_family(world), grandparents(world.a2)
    link = _card_link(world, elders)
    merge(world.carol, vermas, elders)

    status, page = _open(link)
    assert status == 200
    assert "Retired" in page and "Genuine:" not in page
    assert f"Family ID {elders.family_id} was merged into {vermas.family_id}" in page


def test_a_card_with_a_member_merged_since_says_into_which_in_hindi_too(world: World) -> None:
    _ajay, again = twins(world)
    link = _card_link(world, again.family)
    _case, again, ajay = merged_after(world, again)

    _status, english = _open(link)
    assert f"Member ID {again.member_id} was merged into {ajay.member_id}" in english
    _status, hindi = _open(link, "hi")
    assert f"सदस्य आईडी {again.member_id} का {ajay.member_id} में विलय हो चुका है" in hindi
    assert "Retired" not in hindi


def merged_after(world: World, again: Member) -> tuple[object, Member, Member]:
    from duplicates.models import CaseSource
    from duplicates.services import duplicate_merge
    from tests.updates.support import member

    ajay = member(Family.objects.get(family_id=verma_family_id(world)), "Ajay Verma")
    case = duplicate_merge(
        actor=world.carol,
        member=again,
        survivor=ajay,
        source=CaseSource.SWEEP,
        reason="Same Aadhaar seen at the office",
    )
    again.refresh_from_db()
    return case, again, ajay


def verma_family_id(world: World) -> str:
    return Member.objects.get(name_en="Ajay Verma", family__area=world.a1).family.family_id


def test_a_card_printed_after_a_merge_is_genuine_and_says_it_as_the_card_does(
    world: World,
) -> None:
    _case, again, ajay = merged(world)
    _status, page = _open(_card_link(world, again.family))

    assert "Genuine: this card was issued by the portal." in page
    assert f"merged into {ajay.member_id}" in page


def test_a_card_whose_member_changed_since_is_outdated_and_hides_the_new_name(
    world: World,
) -> None:
    family = verma_family(world)
    link = _card_link(world, family)
    ravi = family.members.get(name_en="Ravi Verma")
    Member.objects.filter(pk=ravi.pk).update(name_en="Ravindra Verma")

    _status, page = _open(link)
    assert "Genuine: this card was issued by the portal." in page
    assert "Outdated" in page
    assert "Ravindra" not in page and ravi.member_id in page
    assert "Details changed since the card was printed." in page


def test_a_card_of_a_family_with_a_new_member_is_outdated(world: World) -> None:
    from tests import factories as f

    family = verma_family(world)
    link = _card_link(world, family)
    newborn = f.MemberFactory(family=family)

    _status, page = _open(link)
    assert "Outdated" in page and newborn.member_id not in page


def test_the_page_is_limited_per_client(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CARD_VERIFY_PER_HOUR = 3
    link = _card_link(world, verma_family(world))
    for _ in range(3):
        assert _open(link)[0] == 200

    status, page = _open(link)
    assert status == 429
    assert "Too many cards checked from this device" in page
    # another client is not slowed by this one
    other = Client(REMOTE_ADDR="10.9.8.7").get(urlparse(link).path)
    assert other.status_code == 200


def test_a_card_signed_with_an_old_key_verifies_while_its_public_key_is_listed(
    world: World, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(OLD_SEED), "k1"
    link = _card_link(world, verma_family(world))
    old_public = public_key_text(Ed25519PrivateKey.from_private_bytes(OLD_SEED).public_key())
    settings.CARD_SIGNING_KEY, settings.CARD_KEY_ID = _b64(NEW_SEED), "k2"

    settings.CARD_OLD_PUBLIC_KEYS = f"k1:{old_public}"
    assert "Genuine: this card was issued by the portal." in _open(link)[1]
    fresh = _card_link(world, verma_family(world))
    assert "Genuine: this card was issued by the portal." in _open(fresh)[1]

    settings.CARD_OLD_PUBLIC_KEYS = ""
    assert "Not genuine" in _open(link)[1]
    assert "Genuine: this card was issued by the portal." in _open(fresh)[1]


def test_it_needs_no_sign_in_and_answers_in_hindi_by_default(world: World) -> None:
    link = _card_link(world, verma_family(world))
    response = Client().get(urlparse(link).path)

    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )
    assert '<html lang="hi">' in response.content.decode()
