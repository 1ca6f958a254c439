"""The pages: the citizen's steps, the status page, the official's review and decision."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from identity.actors import Citizen
from migration.models import MigrationRequest, MigrationStatus, MigrationType
from migration.services import migration_proof_upload
from tests import factories as f
from tests.conftest import client_for
from tests.migration.support import (
    CITIZEN_MOBILE,
    UIDAI_MOBILE,
    Mig,
    pdf_upload,
    png_upload,
    submit,
)
from tests.security.test_authz_matrix import citizen_login_in
from tests.uidai.support import otp_sent_to


def _citizen_client(citizen: Citizen) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    citizen_login_in(client, citizen)
    return client


def _walk_to_review(client: Client, mig: Mig) -> None:
    response = client.post(reverse("migration:new"), {"type": MigrationType.WITHIN_LOCAL_BODY})
    assert response["Location"] == reverse("migration:new_area")
    page = client.get(reverse("migration:new_area")).content.decode()
    assert mig.world.b1.name_en in page and mig.world.a1.name_en not in page
    response = client.post(reverse("migration:new_area"), {"place": mig.world.b1.pk})
    assert response["Location"] == reverse("migration:new_address")
    response = client.post(
        reverse("migration:new_address"),
        {
            "house_number": "12",
            "locality": "Shivaji Nagar",
            "pin_code": "462016",
            "proof": pdf_upload(),
        },
    )
    assert response["Location"] == reverse("migration:new_aadhaar")
    client.post(reverse("migration:new_aadhaar"), {"action": "send"})
    response = client.post(
        reverse("migration:new_aadhaar"), {"action": "verify", "otp": otp_sent_to(UIDAI_MOBILE)}
    )
    assert response["Location"] == reverse("migration:new_review")


def test_the_citizen_requests_migration_step_by_step(mig: Mig) -> None:
    client = _citizen_client(mig.citizen)
    _walk_to_review(client, mig)
    review = client.get(reverse("migration:new_review"))
    assert "Shivaji Nagar" in review.content.decode()
    response = client.post(reverse("migration:new_review"))
    request = MigrationRequest.objects.get()
    assert response["Location"] == reverse("migration:detail", args=[request.number])
    page = client.get(response["Location"]).content.decode()
    assert request.number in page and "Waiting for the decision" in page
    pdf = client.get(reverse("migration:confirmation", args=[request.number]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_steps_cannot_be_skipped(mig: Mig) -> None:
    client = _citizen_client(mig.citizen)
    assert client.get(reverse("migration:new_review"))["Location"] == reverse("migration:new")
    client.post(reverse("migration:new"), {"type": MigrationType.INTER_DISTRICT})
    response = client.get(reverse("migration:new_address"))
    assert response["Location"] == reverse("migration:new_district")


def test_inter_district_offers_only_other_districts(mig: Mig) -> None:
    client = _citizen_client(mig.citizen)
    client.post(reverse("migration:new"), {"type": MigrationType.INTER_DISTRICT})
    page = client.get(reverse("migration:new_district")).content.decode()
    assert mig.world.d_x.name_en in page and mig.world.d_a.name_en not in page
    # a hand-made POST of the present district is refused
    response = client.post(reverse("migration:new_district"), {"place": mig.world.d_a.pk})
    assert response.status_code == 200


def test_the_address_step_needs_a_proof(mig: Mig) -> None:
    client = _citizen_client(mig.citizen)
    client.post(reverse("migration:new"), {"type": MigrationType.WITHIN_LOCAL_BODY})
    client.post(reverse("migration:new_area"), {"place": mig.world.b1.pk})
    response = client.post(
        reverse("migration:new_address"),
        {"locality": "Shivaji Nagar", "pin_code": "462016"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_the_official_reviews_and_approves(mig: Mig) -> None:
    request = submit(mig)
    request.documents.add(migration_proof_upload(citizen=mig.citizen, upload=png_upload()))
    bob = client_for(mig.world.bob)
    bob.cookies["django_language"] = "en"
    listing = bob.get(reverse("migration:pending")).content.decode()
    assert request.number in listing
    page = bob.get(reverse("migration:review", args=[request.number])).content.decode()
    assert "Present location" in page and "New location" in page
    assert mig.world.a1.name_en in page and mig.world.b1.name_en in page
    image = request.documents.get(content_type="image/png")
    assert (
        f'src="{reverse("migration:document", args=[request.number, image.token])}?inline=1"'
        in page
    )
    shown = bob.get(reverse("migration:document", args=[request.number, image.token]) + "?inline=1")
    assert shown.status_code == 200 and "attachment" not in shown["Content-Disposition"]
    bob.post(reverse("migration:approve", args=[request.number]))
    mig.family.refresh_from_db()
    assert mig.family.area == mig.world.b1


def test_the_source_official_sees_but_cannot_decide(mig: Mig) -> None:
    request = submit(mig)
    alice = client_for(mig.world.alice)
    assert request.number not in alice.get(reverse("migration:pending")).content.decode()
    assert alice.post(reverse("migration:approve", args=[request.number])).status_code == 403
    mig.family.refresh_from_db()
    assert mig.family.area == mig.world.a1
    client_for(mig.world.bob).post(reverse("migration:approve", args=[request.number]))
    moved = alice.get(reverse("migration:moved_out")).content.decode()
    assert mig.family.family_id in moved and request.number in moved
    page = alice.get(reverse("migration:review", args=[request.number])).content.decode()
    assert "/approve/" not in page


def test_rejection_without_reason_changes_nothing(mig: Mig) -> None:
    request = submit(mig)
    bob = client_for(mig.world.bob)
    response = bob.post(
        reverse("migration:reject", args=[request.number]), {"reason": "", "details": ""}
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == MigrationStatus.PENDING


def test_rejection_then_correction_from_the_status_page(mig: Mig) -> None:
    request = submit(mig)
    client_for(mig.world.bob).post(
        reverse("migration:reject", args=[request.number]),
        {"reason": "PROOF_UNREADABLE", "details": "Blurred bill"},
    )
    client = _citizen_client(mig.citizen)
    page = client.get(reverse("migration:detail", args=[request.number])).content.decode()
    assert "Blurred bill" in page and "Correct and resubmit" in page
    response = client.post(reverse("migration:correct", args=[request.number]))
    assert response["Location"] == reverse("migration:new")
    draft = client.session["samagra_migration_draft"]
    assert draft["previous"] == request.number and draft["to_area_id"] == mig.world.b1.pk
    assert client.get(reverse("migration:new_review"))["Location"] == reverse(
        "migration:new_aadhaar"
    )


def test_withdraw_from_the_status_page(mig: Mig) -> None:
    request = submit(mig)
    client = _citizen_client(mig.citizen)
    client.post(reverse("migration:withdraw", args=[request.number]))
    request.refresh_from_db()
    assert request.status == MigrationStatus.WITHDRAWN


def test_another_family_cannot_see_the_request(mig: Mig) -> None:
    request = submit(mig)
    other = mig.world.family_b1
    client = _citizen_client(Citizen(other.family_id, other.members.get().member_id))
    assert client.get(reverse("migration:detail", args=[request.number])).status_code == 404
    assert client.post(reverse("migration:withdraw", args=[request.number])).status_code == 404
    request.refresh_from_db()
    assert request.status == MigrationStatus.PENDING


def test_status_by_number_and_otp(mig: Mig) -> None:
    request = submit(mig)
    client = Client()
    client.post(reverse("migration:status"), {"number": request.number.lower()})
    response = client.post(
        reverse("migration:status_verify"), {"code": otp_sent_to(CITIZEN_MOBILE)}
    )
    # the status page of that request only (tests/migration/test_status_scope.py)
    assert response["Location"] == reverse("migration:status_detail", args=[request.number])
    assert client.get(response["Location"]).status_code == 200


def test_status_for_an_unknown_number_looks_the_same(mig: Mig) -> None:
    client = Client()
    response = client.post(reverse("migration:status"), {"number": "MIG-2026-NOPE2345"})
    assert response["Location"] == reverse("migration:status_verify")
    page = client.get(response["Location"]).content.decode()
    assert "******" in page


def _queries_for_pending(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("migration:pending")).status_code == 200
    return len(captured)


def test_pending_list_query_count_is_constant(mig: Mig) -> None:
    bob = client_for(mig.world.bob)
    for _ in range(3):
        family = f.FamilyFactory(area=mig.world.a2)
        _request_for(family, mig)
    few = _queries_for_pending(bob)
    for _ in range(12):
        _request_for(f.FamilyFactory(area=mig.world.a2), mig)
    assert _queries_for_pending(bob) == few


def _request_for(family: object, mig: Mig) -> MigrationRequest:
    from django.utils import timezone

    return MigrationRequest.objects.create(
        number=f"MIG-2026-{MigrationRequest.objects.count():08d}",
        family=family,
        requested_by_member_id="000000000",
        type=MigrationType.WITHIN_LOCAL_BODY,
        from_area=mig.world.a2,
        to_area=mig.world.b1,
        locality="x",
        pin_code="462001",
        auth_method="otp",
        auth_txn="t",
        auth_at=timezone.now(),
        holder=mig.world.bob,
    )
