"""Samagra IDs: 8-digit Family IDs, 9-digit Member IDs whose last digit is a Verhoeff check
digit. Drawn at random (not guessable in sequence) and made unique by the database index."""

import secrets

from stdnum import verhoeff


def random_family_id() -> str:
    return f"{secrets.randbelow(9 * 10**7) + 10**7}"


def random_member_id() -> str:
    body = f"{secrets.randbelow(9 * 10**7) + 10**7}"
    return body + verhoeff.calc_check_digit(body)


def is_valid_member_id(value: str) -> bool:
    return len(value) == 9 and value.isdigit() and verhoeff.is_valid(value)
