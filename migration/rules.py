"""What a migration request may name, by its type (SOP step 4). The wizard's choices and the
submit service use the same rules, so a hand-made POST gets the same answer as the pages."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from geography.models import Area, District, LocalBody, Village
from migration.models import MigrationType
from registry.models import Family

PIN_CODE = re.compile(r"[1-9][0-9]{5}")


@dataclass(frozen=True)
class Address:
    house_number: str
    locality: str
    pin_code: str


def district_choices(family: Family, type: str) -> models.QuerySet[District]:
    """Districts an inter-district request may name: any but the family's own."""
    if type != MigrationType.INTER_DISTRICT:
        return District.objects.none()
    return District.objects.exclude(pk=family.area.local_body.district_id)


def local_body_choices(
    family: Family, type: str, district: District | None
) -> models.QuerySet[LocalBody]:
    here = family.area.local_body
    match type:
        case MigrationType.INTER_DISTRICT if district and district.pk != here.district_id:
            return LocalBody.objects.filter(district=district)
        case MigrationType.INTRA_DISTRICT:
            return LocalBody.objects.filter(district_id=here.district_id).exclude(pk=here.pk)
        case MigrationType.WITHIN_LOCAL_BODY:
            return LocalBody.objects.filter(pk=here.pk)
    return LocalBody.objects.none()


def area_choices(family: Family, type: str, local_body: LocalBody | None) -> models.QuerySet[Area]:
    if (
        local_body is None
        or not local_body_choices(family, type, local_body.district)
        .filter(pk=local_body.pk)
        .exists()
    ):
        return Area.objects.none()
    return Area.objects.filter(local_body=local_body).exclude(pk=family.area_id)


def destination_errors(
    family: Family, type: str, to_area: Area | None, to_village: Village | None
) -> dict[str, list[str]]:
    """Why this destination does not fit the type and the family's present place (empty: fits)."""
    if type not in MigrationType.values:
        return {"type": [_("Choose the type of migration.")]}
    if to_area is None:
        return {"to_area": [_("Choose the new Gram Panchayat or ward.")]}
    here, there = family.area.local_body, to_area.local_body
    errors: dict[str, list[str]] = {}
    if to_area.pk == family.area_id:
        errors["to_area"] = [_("The family already lives in this Gram Panchayat or ward.")]
    elif type == MigrationType.INTER_DISTRICT and there.district_id == here.district_id:
        errors["to_area"] = [
            _("An inter-district migration must go to another district than the present one.")
        ]
    elif type == MigrationType.INTRA_DISTRICT and (
        there.district_id != here.district_id or there.pk == here.pk
    ):
        errors["to_area"] = [
            _(
                "An intra-district migration stays in the present district and goes to another "
                "local body."
            )
        ]
    elif type == MigrationType.WITHIN_LOCAL_BODY and there.pk != here.pk:
        errors["to_area"] = [
            _("A migration within the local body must stay in the present local body.")
        ]
    if to_village is not None and to_village.area_id != to_area.pk:
        errors["to_village"] = [_("This village does not belong to the chosen Gram Panchayat.")]
    elif to_village is None and to_area.villages.exists():
        errors["to_village"] = [_("Choose the village.")]
    return errors


def clean_address(address: Address) -> tuple[Address, dict[str, list[str]]]:
    cleaned = Address(
        house_number=" ".join(address.house_number.split())[:30],
        locality=" ".join(address.locality.split())[:150],
        pin_code=address.pin_code.strip(),
    )
    errors: dict[str, list[str]] = {}
    if not cleaned.locality:
        errors["locality"] = [_("Give the locality, street or mohalla of the new address.")]
    if not PIN_CODE.fullmatch(cleaned.pin_code):
        errors["pin_code"] = [_("A PIN code has 6 digits and does not begin with 0.")]
    return cleaned, errors
