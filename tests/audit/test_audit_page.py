import pytest
from django.db import transaction

from audit.services import audit_record
from tests.conftest import World, client_for

# Each event names a distinct subject, so the page shows which ones a reader got.
LB_A, LB_X, D_A_ONLY, D_X_ONLY = "subject-lb-a", "subject-lb-x", "subject-d-a", "subject-d-x"


@pytest.fixture
def events(world: World) -> None:
    with transaction.atomic():
        for label, place in (
            (LB_A, {"area": world.a1}),
            (LB_X, {"area": world.x1}),
            (D_A_ONLY, {"district": world.d_a}),
            (D_X_ONLY, {"district": world.d_x}),
        ):
            audit_record(
                actor=world.sam,
                event_type="official.updated",
                subject=world.sam,
                changes={"note": [None, label]},
                **place,
            )


@pytest.mark.django_db
@pytest.mark.usefixtures("events")
@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("carol", {LB_A}),
        ("dave", {LB_X}),
        ("erin", {LB_A, D_A_ONLY}),
        ("frank", {LB_X, D_X_ONLY}),
        ("sam", {LB_A, LB_X, D_A_ONLY, D_X_ONLY}),
    ],
)
def test_each_supervisor_sees_only_their_jurisdictions_events(
    world: World, persona: str, sees: set[str]
) -> None:
    # when
    response = client_for(getattr(world, persona)).get("/audit/")

    # then
    assert response.status_code == 200
    body = response.content.decode()
    shown = {label for label in (LB_A, LB_X, D_A_ONLY, D_X_ONLY) if label in body}
    assert shown == sees


@pytest.mark.django_db
@pytest.mark.usefixtures("events")
@pytest.mark.parametrize("persona", ["alice", "bob"])
def test_field_officials_may_not_read_the_audit_log(world: World, persona: str) -> None:
    response = client_for(getattr(world, persona)).get("/audit/")

    assert response.status_code == 403
    assert LB_A.encode() not in response.content


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client: object) -> None:
    response = client.get("/audit/")  # type: ignore[attr-defined]

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/audit/"
