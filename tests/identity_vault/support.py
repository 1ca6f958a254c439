"""Helpers for the vault and e-KYC tests."""

import base64
import os
from datetime import date

from identity.uidai.residents import Resident
from registry.models import Family, Member
from tests import factories as f


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def member_like(family: Family, person: Resident, **overrides: object) -> Member:
    """A register member recorded as the sandbox resident ``person`` is known to UIDAI."""
    fields = {
        "family": family,
        "name_en": person.name,
        "name_hi": person.name_local,
        "gender": person.gender,
        "date_of_birth": person.dob or date(person.year_of_birth, 7, 1),
    }
    return f.MemberFactory(**{**fields, **overrides})
