"""The pages: form → preview → submitted; the officer's list and decision page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.documents.test_hostile_uploads import good_image
from tests.updates.support import member, person_data, preview_token, verma_family
from updates.models import ChangeKind, ChangeRequest, ChangeStatus
from updates.services import change_request_submit


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_family_page_links_every_kind_of_change(world):
    family = verma_family(world)
    client = _english(client_for(world.alice))

    body = client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()

    ajay = member(family, "Ajay Verma")
    for url in (
        reverse("updates:correction_new", args=[ajay.member_id]),
        reverse("updates:death_new", args=[ajay.member_id]),
        reverse("updates:birth_new", args=[family.family_id]),
        reverse("updates:missed_new", args=[family.family_id]),
        reverse("updates:marriage_new", args=[family.family_id]),
        reverse("updates:family_correction_new", args=[family.family_id]),
    ):
        assert url in body


def test_a_correction_goes_form_preview_submitted(world):
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")
    client = _english(client_for(world.alice))
    url = reverse("updates:correction_new", args=[ajay.member_id])

    form = client.get(url)
    assert 'value="Ajay Verma"' in form.content.decode()

    preview = client.post(url, {**person_data(ajay, name_en="Ajay Kumar Verma"), "step": "preview"})
    body = preview.content.decode()
    assert "Ajay Kumar Verma" in body and "Ajay Verma" in body
    assert not ChangeRequest.objects.exists()

    done = client.post(url, {"step": "confirm", "token": preview_token(preview)})
    change = ChangeRequest.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("updates:change_detail", args=[change.number])
    assert change.status == ChangeStatus.PENDING and change.created_by == world.alice


def test_the_preview_shows_rule_errors_on_the_form(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    client = _english(client_for(world.alice))
    url = reverse("updates:death_new", args=[ravi.member_id])

    response = client.post(url, {"date_of_death": "2000-01-01", "step": "preview"})

    assert "cannot be before the date of birth" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_tampered_token_is_refused(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    client = _english(client_for(world.alice))
    url = reverse("updates:death_new", args=[ravi.member_id])
    preview = client.post(url, {"date_of_death": "2025-01-01", "step": "preview"})

    client.post(url, {"step": "confirm", "token": preview_token(preview) + "x"})
    other = reverse("updates:death_new", args=[member(family, "Ajay Verma").member_id])
    client.post(other, {"step": "confirm", "token": preview_token(preview)})

    assert not ChangeRequest.objects.exists()


def test_a_death_certificate_is_attached_and_served_only_within_jurisdiction(
    world, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    client = _english(client_for(world.alice))
    url = reverse("updates:death_new", args=[ravi.member_id])
    preview = client.post(url, {"date_of_death": "2025-01-01", "step": "preview"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("certificate.png", good_image("PNG"), content_type="image/png")
    client.post(url, {"step": "confirm", "token": preview_token(preview), "document": upload})

    change = ChangeRequest.objects.get()
    document = change.documents.get()
    assert document.kind == "death"
    link = reverse("updates:change_document", args=[change.number, document.token])
    carol = client_for(world.carol)
    assert (
        link in carol.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    )
    response = carol.get(link)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert client_for(world.dave).get(link).status_code == 404


def test_the_officer_approves_from_the_decision_page(world):
    family = verma_family(world)
    ajay = member(family, "Ajay Verma")
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.CORRECT_MEMBER,
        member=ajay,
        data=person_data(ajay, mobile="9876500002"),
    )
    client = _english(client_for(world.carol))

    page = client.get(reverse("updates:change_detail", args=[change.number])).content.decode()
    assert "9876500001" in page and "9876500002" in page and "Approve and apply" in page

    client.post(reverse("updates:change_approve", args=[change.number]))
    change.refresh_from_db()
    ajay.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and ajay.mobile == "9876500002"


def test_a_rejection_without_reason_shows_the_error(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ravi,
        data={"date_of_death": "2025-01-01"},
    )
    client = _english(client_for(world.carol))

    response = client.post(reverse("updates:change_reject", args=[change.number]), {"reason": ""})
    assert response.status_code == 200 and "aria-invalid" in response.content.decode()
    client.post(reverse("updates:change_reject", args=[change.number]), {"reason": "No proof"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED


def test_a_field_official_cannot_decide(world):
    family = verma_family(world)
    ravi = member(family, "Ravi Verma")
    change = change_request_submit(
        actor=world.alice,
        family=family,
        kind=ChangeKind.DEATH,
        member=ravi,
        data={"date_of_death": "2025-01-01"},
    )
    client = client_for(world.alice)
    assert client.post(reverse("updates:change_approve", args=[change.number])).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def _pending(world, count: int) -> None:
    for _ in range(count):
        family = verma_family(world)
        ravi = member(family, "Ravi Verma")
        change_request_submit(
            actor=world.alice,
            family=family,
            kind=ChangeKind.DEATH,
            member=ravi,
            data={"date_of_death": "2025-01-01"},
        )


@pytest.mark.parametrize("count", [5, 25])
def test_the_list_costs_the_same_queries_for_5_or_25_rows(world, count, settings):
    settings.PAGE_SIZE = 30
    _pending(world, count)
    client = _english(client_for(world.carol))
    url = reverse("updates:change_list")
    client.get(url)  # warm the session

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.content.decode().count("/updates/CR") == count
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_the_list_is_oldest_first_and_scoped(world):
    _pending(world, 2)
    first, second = ChangeRequest.objects.order_by("held_since")
    body = _english(client_for(world.carol)).get(reverse("updates:change_list")).content.decode()
    assert body.index(first.number) < body.index(second.number)
    assert (
        first.number
        not in client_for(world.dave).get(reverse("updates:change_list")).content.decode()
    )


def test_the_family_page_shows_its_requests_and_who_holds_them(world):
    _pending(world, 1)
    change = ChangeRequest.objects.get()
    client = _english(client_for(world.alice))

    body = client.get(
        reverse("registry:family_detail", args=[change.family.family_id])
    ).content.decode()

    assert change.number in body and world.carol.name in body
    assert "Waiting for verification" in body


def test_the_decision_page_is_refused_outside_the_local_body(world):
    _pending(world, 1)
    change = ChangeRequest.objects.get()
    for official in (world.dave, world.frank, world.bob):
        client = client_for(official)
        assert client.get(reverse("updates:change_detail", args=[change.number])).status_code == 404
        client.post(reverse("updates:change_approve", args=[change.number]))
        client.post(reverse("updates:change_reject", args=[change.number]), {"reason": "x"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
