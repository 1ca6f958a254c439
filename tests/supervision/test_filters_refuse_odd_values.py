"""A filter value no place, status or date can have (a NUL byte, which PostgreSQL refuses in
text, found by the security scan) is a clear refusal, never a server error."""

import pytest

from tests.conftest import World, client_for

pytestmark = pytest.mark.django_db

FIELDS = ["district", "local_body", "area", "status", "date_from", "date_to", "official", "after"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("path", ["/lists/families/", "/lists/pending-ekyc/", "/lists/audit/"])
def test_a_nul_byte_in_a_filter_is_refused_not_a_server_error(
    world: World, path: str, field: str
) -> None:
    response = client_for(world.carol).get(path, {field: "12\x0034"})
    assert response.status_code in (200, 400), (field, response.status_code)
