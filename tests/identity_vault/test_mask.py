import pytest

from identity.models import AadhaarVaultEntry
from identity.vault import mask, vault_store
from tests.uidai.support import valid_aadhaar


def test_it_masks_a_number_to_its_last_four_digits():
    number = valid_aadhaar(1)

    assert mask(number) == f"XXXX-XXXX-{number[-4:]}"
    assert mask(f"{number[:4]} {number[4:8]} {number[8:]}") == f"XXXX-XXXX-{number[-4:]}"


@pytest.mark.django_db
def test_it_masks_a_token_without_decrypting(world):
    number = valid_aadhaar(2)
    token = vault_store(number=number, actor=world.alice, purpose="test")

    assert mask(token) == f"XXXX-XXXX-{number[-4:]}"
    assert str(AadhaarVaultEntry.objects.get()) == f"Aadhaar XXXX-XXXX-{number[-4:]}"


@pytest.mark.django_db
def test_it_shows_no_digit_for_an_unknown_token():
    assert mask("no-such-token") == "XXXX-XXXX-XXXX"
    assert mask("") == "XXXX-XXXX-XXXX"
