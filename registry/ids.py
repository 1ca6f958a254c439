"""Samagra IDs: 8-digit Family IDs, 9-digit Member IDs whose last digit is a Verhoeff check
digit. Drawn at random (not guessable in sequence) and made unique by the database index: an ID
is never checked first and inserted later, it is inserted and the unique index says whether it
was free. Rows are never deleted, so an ID once given is never given again."""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from stdnum import verhoeff

T = TypeVar("T")
MAX_ATTEMPTS = 25


class IdSpaceExhausted(RuntimeError):
    """No free ID after many draws: the space is (nearly) full or something else is wrong."""


def random_family_id() -> str:
    return f"{secrets.randbelow(9 * 10**7) + 10**7}"


def random_member_id() -> str:
    body = f"{secrets.randbelow(9 * 10**7) + 10**7}"
    return body + verhoeff.calc_check_digit(body)


def dated_number(prefix: str) -> str:
    """A request number: ``prefix``, the date (yymmdd) and six random digits, not guessable in
    sequence and made unique by the caller's index. The twelve digits are never Verhoeff-valid,
    so that no scan for Aadhaar numbers (identity's, the tests') takes one for an Aadhaar."""
    day = f"{timezone.localdate():%y%m%d}"
    while True:
        digits = f"{day}{secrets.randbelow(10**6):06d}"
        if not verhoeff.is_valid(digits):
            return prefix + digits


def is_valid_family_id(value: str) -> bool:
    return len(value) == 8 and value.isdigit() and value[0] != "0"


def is_valid_member_id(value: str) -> bool:
    return len(value) == 9 and value.isdigit() and value[0] != "0" and verhoeff.is_valid(value)


def insert_with_unique_id(
    insert: Callable[[str], T], new_id: Callable[[], str], *, attempts: int = MAX_ATTEMPTS
) -> T:
    """Run ``insert(candidate)`` with fresh random IDs until the unique index accepts one.

    Each try runs in its own savepoint, so a collision (with a committed row, or with one that
    a concurrent transaction is inserting: PostgreSQL makes this insert wait for that one)
    undoes only the try, never the caller's transaction. Must run inside a transaction.
    """
    last_error: IntegrityError | None = None
    for _ in range(attempts):
        try:
            with transaction.atomic():
                return insert(new_id())
        except IntegrityError as exc:
            last_error = exc
    raise IdSpaceExhausted(f"no free ID after {attempts} attempts") from last_error
