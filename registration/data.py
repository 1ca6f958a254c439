"""What a field official enters: the plain values the services take (views build these from
their forms). Members are numbered from 0 in the order given; errors about member ``i`` come
under the keys ``members-<i>-<field>`` (a formset with prefix "members"), errors about the
members together under ``members``."""

from dataclasses import dataclass, field
from datetime import date

from geography.models import Area, Village


@dataclass(frozen=True)
class AddressData:
    area: Area
    village: Village | None = None
    house_number: str = ""
    locality: str = ""
    pin_code: str = ""


@dataclass(frozen=True)
class MemberData:
    name_hi: str = ""
    name_en: str = ""
    gender: str = ""
    date_of_birth: date | None = None
    age_years: int | None = None
    relation: str = ""
    father_or_husband_name: str = ""
    marital_status: str = ""
    mobile: str = ""
    caste_category: str = ""
    has_disability: bool = False
    disability_kind: str = ""
    # Checked (Verhoeff) and then dropped: only the vault token of an entry already holding it
    # is kept (registration.services._known_aadhaar).
    aadhaar: str = field(default="", repr=False)
    # The ApplicationMember being edited; None for a new row.
    id: int | None = None
