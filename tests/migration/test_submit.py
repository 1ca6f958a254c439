"""SOP steps 3-6: the type rules, the compulsory proof, e-authentication, one open request."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from migration.models import MigrationRequest, MigrationStatus, MigrationType
from migration.services import migration_request_submit
from sms.models import SmsKind, SmsMessage
from tests import factories as f
from tests.migration.support import (
    CITIZEN_MOBILE,
    Mig,
    details,
    eauth,
    proof,
    submit,
)


def _submit_errors(mig: Mig, **kwargs: object) -> dict[str, list[str]]:
    area = kwargs.pop("area", mig.world.b1)
    village = kwargs.pop("village", None)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        migration_request_submit(
            citizen=mig.citizen,
            details=details(area, village, **kwargs),  # type: ignore[arg-type]
            documents=proof(mig.citizen),
            authentication=eauth(mig.citizen),
        )
    assert not MigrationRequest.objects.exists()
    return caught.value.message_dict


def test_it_submits_a_request_to_the_destination_area(mig: Mig) -> None:
    # given family_a1 in a1 / when it asks to move to b1 within its local body
    request = submit(mig)
    # then the request is pending, numbered, held by b1's field official, and snapshotted
    assert request.status == MigrationStatus.PENDING
    assert request.number.startswith("MIG-")
    assert request.holder == mig.world.bob
    assert request.from_area == mig.world.a1 and request.to_area == mig.world.b1
    assert request.auth_method == "otp" and request.auth_txn
    assert request.documents.count() == 1
    # and it is audited and the citizen gets an SMS with the number
    assert AuditEvent.objects.filter(event_type="migration.submitted").count() == 1
    sms = SmsMessage.objects.get(kind=SmsKind.MIGRATION_SUBMITTED)
    assert sms.mobile == CITIZEN_MOBILE and request.number in sms.text
    # and the family has not moved yet
    mig.family.refresh_from_db()
    assert mig.family.area == mig.world.a1


def test_inter_district_cannot_name_the_present_district(mig: Mig) -> None:
    errors = _submit_errors(mig, type=MigrationType.INTER_DISTRICT)
    assert "another district" in errors["to_area"][0]


def test_inter_district_to_another_district_is_accepted(mig: Mig) -> None:
    request = submit(mig, area=mig.world.x1, type=MigrationType.INTER_DISTRICT)
    assert request.to_area == mig.world.x1


def test_intra_district_must_stay_in_the_district(mig: Mig) -> None:
    errors = _submit_errors(mig, area=mig.world.x1, type=MigrationType.INTRA_DISTRICT)
    assert "intra-district" in errors["to_area"][0]


def test_intra_district_must_change_the_local_body(mig: Mig) -> None:
    errors = _submit_errors(mig, type=MigrationType.INTRA_DISTRICT)
    assert "another local body" in errors["to_area"][0]


def test_intra_district_to_another_local_body_is_accepted(mig: Mig) -> None:
    request = submit(
        mig, area=mig.y1, to_village_id=mig.y1_village.pk, type=MigrationType.INTRA_DISTRICT
    )
    assert request.to_village == mig.y1_village


def test_within_local_body_cannot_leave_it(mig: Mig) -> None:
    errors = _submit_errors(mig, area=mig.y1, village=mig.y1_village)
    assert "stay in the present local body" in errors["to_area"][0]


def test_no_type_may_name_the_present_area(mig: Mig) -> None:
    for kind in MigrationType.values:
        errors = _submit_errors(mig, area=mig.world.a1, type=kind)
        assert "already lives" in errors["to_area"][0]


def test_the_village_must_belong_to_the_area(mig: Mig) -> None:
    other = f.VillageFactory(area=mig.world.a2)
    errors = _submit_errors(mig, area=mig.y1, village=other, type=MigrationType.INTRA_DISTRICT)
    assert "does not belong" in errors["to_village"][0]


def test_a_village_is_needed_where_the_area_has_villages(mig: Mig) -> None:
    errors = _submit_errors(mig, area=mig.y1, type=MigrationType.INTRA_DISTRICT)
    assert errors["to_village"] == ["Choose the village."]


@pytest.mark.parametrize("pin", ["", "46201", "4620166", "062016", "46a016"])
def test_the_pin_code_has_six_digits(mig: Mig, pin: str) -> None:
    errors = _submit_errors(mig, pin_code=pin)
    assert "6 digits" in errors["pin_code"][0]


def test_the_locality_is_needed(mig: Mig) -> None:
    assert "locality" in _submit_errors(mig, locality="  ")


def test_the_proof_of_address_is_compulsory(mig: Mig) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        migration_request_submit(
            citizen=mig.citizen,
            details=details(mig.world.b1),
            documents=[],
            authentication=eauth(mig.citizen),
        )
    assert "compulsory" in caught.value.message_dict["proof"][0]
    assert not MigrationRequest.objects.exists()


def test_e_authentication_is_required(mig: Mig) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        migration_request_submit(
            citizen=mig.citizen,
            details=details(mig.world.b1),
            documents=proof(mig.citizen),
            authentication=None,
        )
    assert "Aadhaar" in caught.value.message_dict["aadhaar"][0]
    assert not MigrationRequest.objects.exists()


def test_one_e_authentication_signs_one_request(mig: Mig) -> None:
    # given an authentication already used by a request, later withdrawn
    authentication = eauth(mig.citizen)
    first = migration_request_submit(
        citizen=mig.citizen,
        details=details(mig.world.b1),
        documents=proof(mig.citizen),
        authentication=authentication,
    )
    MigrationRequest.objects.filter(pk=first.pk).update(status=MigrationStatus.WITHDRAWN)
    # when it is offered again / then it is refused
    with pytest.raises(ValidationError) as caught:
        migration_request_submit(
            citizen=mig.citizen,
            details=details(mig.world.b1),
            documents=proof(mig.citizen),
            authentication=authentication,
        )
    assert "aadhaar" in caught.value.message_dict


def test_one_open_request_per_family(mig: Mig) -> None:
    # given a pending request
    submit(mig)
    # when the family asks again / then it is refused with a clear message
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        submit(mig, area=mig.world.a2)
    assert "already has a migration request" in caught.value.messages[0]
    assert MigrationRequest.objects.count() == 1
