"""Each UIDAI error code, at the OTP step and the biometric step: a clear message in the
user's language, and nothing changed."""

import pytest
from django.utils import translation

from identity.models import MemberEkyc
from identity.uidai import UidaiError, UidaiTimeout, uidai_failure_message
from tests.identity_pages import failing_uidai
from tests.identity_pages.support import OFFICIAL, official_client, start, text
from tests.identity_vault.support import member_like
from tests.uidai.support import resident

pytestmark = pytest.mark.django_db
RAMESH = resident("Ramesh Kumar")
FAILURES = {
    "400": UidaiError("K-100", auth_code="400"),
    "300": UidaiError("K-100", auth_code="300"),
    "330": UidaiError("K-100", auth_code="330"),
    "998": UidaiError("998"),
    "K-100": UidaiError("K-100"),
    "999": UidaiError("999"),
    "timeout": UidaiTimeout(),
    "unknown": UidaiError("561"),
}


@pytest.fixture
def failing(settings):
    settings.UIDAI_ADAPTER = "tests.identity_pages.failing_uidai.FailingUidai"
    yield failing_uidai.FAILURE
    failing_uidai.FAILURE.clear()


@pytest.mark.parametrize("code", FAILURES)
@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("method", ["otp", "biometric"])
def test_each_code_is_explained_and_changes_nothing(world, failing, code, language, method):
    failing.append(FAILURES[code])
    member = member_like(world.family_a1, RAMESH)
    client = official_client(world.alice)
    client.cookies["django_language"] = language
    step = start(client, OFFICIAL, member, RAMESH.aadhaar, method)["Location"]
    data = {"otp": "123456"} if method == "otp" else {"modality": "finger", "biometric": "<Pid/>"}

    response = client.post(step, data)

    with translation.override(language):
        message = uidai_failure_message(FAILURES[code])
    assert response.status_code == 200
    assert message in text(response)
    assert not MemberEkyc.objects.exists()
    # the step can be tried again
    assert client.session["samagra_ekyc"]["member_id"] == member.member_id
