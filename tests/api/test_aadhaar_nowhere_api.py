"""Issue 17: the API's Aadhaar lookup, reads and exports leave no Aadhaar number anywhere outside
the vault: not in any table (ApiRead, audit, tasks...), any stored file (an export's included),
any log line (the SQL of every query with its parameters), any answer or header, nor inside
what those carry in base64. The scanner is the portal's (tests/security/test_aadhaar_nowhere)."""

from pathlib import Path
from typing import Any

import pytest

from api.models import ApiRead
from tests import factories as f
from tests.api.support import ALL_SCOPES, PURPOSE, Api, register
from tests.conftest import World
from tests.security.test_aadhaar_nowhere import (
    MISSED_MEMBER,
    Recorder,
    aadhaar,
    development_vault_and_sandbox,
    ekyc_journey,
    leaks,
    logs,
    recorder,
    storage_roots,
)

__all__ = ["development_vault_and_sandbox", "logs", "recorder", "storage_roots"]

pytestmark = pytest.mark.django_db

NOT_A_MEMBERS = aadhaar("61728394050")


@pytest.fixture
def roots(storage_roots: list[Path], settings: Any, tmp_path: Path) -> list[Path]:
    """The portal's storages and the exports' (api_exports), to be read afterwards."""
    exports = tmp_path / "exports"
    settings.STORAGES = {
        **settings.STORAGES,
        "api_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(exports)},
        },
    }
    return [*storage_roots, exports]


def _export_file(api: Api) -> int:
    """An eligibility list, written by the worker's code and downloaded: the file's size."""
    from api.exports import export_write
    from api.models import ApiExport

    asked = api.post("/exports", {"purpose": PURPOSE, "format": "csv", "criteria": {}})
    assert asked.status_code == 202, asked.content[:500]
    export = ApiExport.objects.get(public_id=asked.json()["id"])
    export_write(export_id=export.pk)
    got = api.get(f"/exports/{export.public_id}/file")
    assert got.status_code == 200
    # The recorder has read the streamed file (for the scan); the stored size says it was there.
    export.refresh_from_db()
    return export.file_size or 0


def test_the_api_leaves_no_aadhaar_number_outside_the_vault(
    world: World, recorder: Recorder, logs: pytest.LogCaptureFixture, roots: list[Path]
) -> None:
    # given a member e-KYC'd by an official with the UIDAI sandbox, and a department client
    number = ekyc_journey(world)
    api = Api(register(world.sam, statewide=True, scopes=ALL_SCOPES))
    elsewhere = Api(register(world.sam, districts=[world.d_x], scopes=ALL_SCOPES))
    spaced = f"{number[:4]} {number[4:8]} {number[8:]}"
    wrong_check_digit = number[:-1] + str((int(number[-1]) + 1) % 10)

    # when the department finds the member by the number, as typed in several ways
    found = [
        api.post("/members/lookup-by-aadhaar", {"aadhaar": typed, "purpose": PURPOSE})
        for typed in (number, spaced)
    ]
    # and by numbers that find nobody, are not numbers, or belong outside its districts
    refused = [
        api.post("/members/lookup-by-aadhaar", {"aadhaar": NOT_A_MEMBERS, "purpose": PURPOSE}),
        api.post("/members/lookup-by-aadhaar", {"aadhaar": wrong_check_digit, "purpose": PURPOSE}),
        api.post("/members/lookup-by-aadhaar", {"aadhaar": number, "purpose": "tax-collection"}),
        api.post("/members/lookup-by-aadhaar", {"aadhaar": int(number), "purpose": PURPOSE}),
        elsewhere.post("/members/lookup-by-aadhaar", {"aadhaar": number, "purpose": PURPOSE}),
    ]
    # and reads the member with every field group, its family, and an eligibility list
    member_id = found[0].json()["member_id"]
    read = api.get(f"/members/{member_id}", purpose=PURPOSE)
    family = api.get(f"/families/{world.family_a1.family_id}", purpose=PURPOSE)
    exported = _export_file(api)

    # then the lookup answered the Member ID only, and the reads the masked last four
    assert [r.status_code for r in found] == [200, 200]
    assert all(r.json() == {"member_id": member_id} for r in found)
    assert [r.status_code for r in refused] == [404, 400, 403, 400, 404]
    assert read.json()["ekyc"]["aadhaar_last4"] == number[-4:]
    assert family.status_code == 200 and exported > 0
    # and the reads were logged
    assert ApiRead.objects.filter(operation="member.aadhaar_lookup").count() == 2
    # and no number is anywhere but in the vault
    assert "INSERT" in logs.text and "api_apiread" in logs.text
    numbers = [number, NOT_A_MEMBERS, MISSED_MEMBER]
    assert leaks(numbers, recorder, logs, roots) == []


def test_the_scan_sees_the_api_answers(
    world: World, recorder: Recorder, logs: pytest.LogCaptureFixture, roots: list[Path]
) -> None:
    """A control: a number written into a member's free text by a clerk is answered by a read
    (the API does not know what free text holds); the same scan finds it there. A number sent
    where a Member ID goes is not echoed, not even in the problem's ``instance``."""
    api = Api(register(world.sam, statewide=True, scopes=ALL_SCOPES))
    member = f.MemberFactory(
        family=world.family_a1, has_disability=True, disability_kind=f"see {NOT_A_MEMBERS}"
    )
    api.get(f"/members/{NOT_A_MEMBERS}/status", purpose=PURPOSE)
    api.get(f"/members/{member.member_id}", purpose=PURPOSE)
    found = {where for where, _n in leaks([NOT_A_MEMBERS], recorder, logs, roots)}
    assert f"GET /api/v1/members/{member.member_id}" in " ".join(found), found
    assert not any(f"members/{NOT_A_MEMBERS}/status" in where for where in found), found
