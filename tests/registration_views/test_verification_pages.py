import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from registration.models import Application, ApplicationStatus, PossibleDuplicate
from registry.models import Family
from tests import factories as f
from tests.conftest import World, client_for
from tests.registration import builders


def _url(name: str, application: Application, *args: object) -> str:
    return reverse(f"registration:{name}", args=[application.number, *args])


def _english(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    return client


def test_the_queue_lists_the_local_body_s_submissions_oldest_first(world: World) -> None:
    first = builders.submitted(world.alice, world.a1)
    second = builders.submitted(
        world.bob, world.b1, [builders.head(name_en="Ram Lal", name_hi="राम लाल", mobile="")]
    )
    outside = f.field_official(world.x1)
    other = builders.submitted(
        outside, world.x1, [builders.head(name_en="Xavier Q", name_hi="ज़ेवियर")]
    )
    body = client_for(world.carol).get(reverse("registration:queue")).content.decode()
    assert body.index(first.number) < body.index(second.number)
    assert other.number not in body


def _many(world: World, n: int) -> None:
    for i in range(n):
        builders.submitted(
            world.alice,
            world.a1,
            [
                builders.head(
                    name_en=f"Person {chr(65 + i % 26)}{chr(65 + i // 26)}",
                    name_hi="व्यक्ति",
                    mobile="",
                )
            ],
        )


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_costs_the_same_queries_for_2_or_20_rows(world: World) -> None:
    client = client_for(world.carol)
    _many(world, 2)
    few = _queries(client, reverse("registration:queue"))
    _many(world, 18)
    assert _queries(client, reverse("registration:queue")) == few


@pytest.mark.parametrize("who", ["alice", "erin", "sam"])
def test_only_local_body_officers_have_a_queue(world: World, who: str) -> None:
    assert client_for(getattr(world, who)).get(reverse("registration:queue")).status_code == 403


def test_an_officer_of_another_local_body_cannot_open_or_decide(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = client_for(world.dave)
    assert client.get(_url("detail", application)).status_code == 404
    assert client.post(_url("approve", application)).status_code == 404
    assert client.post(_url("reject", application), {"reject-reason": "x"}).status_code == 404
    assert client.post(_url("return", application), {"return-reason": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_field_official_cannot_decide(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = client_for(world.alice)
    assert client.post(_url("approve", application)).status_code == 403
    assert client.post(_url("reject", application), {"reject-reason": "x"}).status_code == 403


def test_a_field_official_of_another_area_cannot_see_it(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = client_for(world.bob)
    for name in ("detail", "acknowledgement", "edit", "submitted"):
        response = client.get(_url(name, application))
        assert response.status_code == 404, name
        assert b"Suresh Patel" not in response.content


def test_approval_shows_the_new_ids_and_links_the_family(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = _english(client_for(world.carol))
    page = client.get(_url("detail", application)).content.decode()
    assert "Suresh Patel" in page and _url("approve", application) in page
    response = client.post(_url("approve", application), follow=True)
    family = Family.objects.get(application=application)
    body = response.content.decode()
    assert f"Samagra Family ID is {family.family_id}" in body
    for member in family.members.all():
        assert member.member_id in body
    assert reverse("registry:family_detail", args=[family.family_id]) in body


@pytest.mark.parametrize("name", ["reject", "return"])
def test_a_reason_is_required_to_reject_or_return(world: World, name: str) -> None:
    application = builders.submitted(world.alice, world.a1)
    client = _english(client_for(world.carol))
    response = client.post(_url(name, application), {f"{name}-reason": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    response = client.post(_url(name, application), {f"{name}-reason": "House number missing"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision_reason == "House number missing"
    assert application.status in (ApplicationStatus.REJECTED, ApplicationStatus.RETURNED)


def _with_duplicate(world: World) -> tuple[Application, PossibleDuplicate]:
    builders.submitted(world.alice, world.a1)  # the Patels, pending
    again = builders.submitted(world.bob, world.b1, [builders.head(mobile="9876500000")])
    return again, again.possible_duplicates.get()


def test_duplicates_are_shown_side_by_side_and_block_approval(world: World) -> None:
    application, duplicate = _with_duplicate(world)
    client = _english(client_for(world.carol))
    body = client.get(_url("detail", application)).content.decode()
    assert duplicate.pending.application.number in body
    assert "Decide every possible duplicate above before approving." in body
    assert _url("approve", application) not in body


def test_not_a_duplicate_needs_a_reason_then_approval_is_possible(world: World) -> None:
    application, duplicate = _with_duplicate(world)
    client = _english(client_for(world.carol))
    url = _url("duplicate_decide", application, duplicate.pk)
    refused = client.post(url, {"decision": "not_duplicate", f"dup{duplicate.pk}-reason": ""})
    assert refused.status_code == 400
    client.post(
        url, {"decision": "not_duplicate", f"dup{duplicate.pk}-reason": "Different village"}
    )
    duplicate.refresh_from_db()
    assert duplicate.decision == PossibleDuplicate.Decision.NOT_DUPLICATE
    client.post(_url("approve", application))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_reject_as_duplicate(world: World) -> None:
    application, duplicate = _with_duplicate(world)
    client = client_for(world.carol)
    url = _url("duplicate_decide", application, duplicate.pk)
    client.post(url, {"decision": "duplicate", f"dup{duplicate.pk}-reason": "Same person"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_a_duplicate_of_another_application_is_not_found_here(world: World) -> None:
    _application, duplicate = _with_duplicate(world)
    first = duplicate.pending.application
    url = _url("duplicate_decide", first, duplicate.pk)
    response = client_for(world.carol).post(
        url, {"decision": "duplicate", f"dup{duplicate.pk}-reason": "x"}
    )
    assert response.status_code == 404


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_acknowledgement_pdf_has_the_number(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    for who in (world.alice, world.carol):
        response = client_for(who).get(_url("acknowledgement", application))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        text = _text(response.content)
        assert application.number in text
        assert "Suresh Patel" in text


def test_a_draft_has_no_acknowledgement(world: World) -> None:
    application = builders.draft(world.alice, world.a1)
    response = client_for(world.alice).get(_url("acknowledgement", application))
    assert response.status_code == 302
