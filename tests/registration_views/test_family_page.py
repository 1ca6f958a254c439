from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.verification import application_approve
from tests.conftest import World, client_for
from tests.registration import builders


def test_the_family_page_shows_its_application_and_full_history(world: World) -> None:
    application = builders.submitted(world.alice, world.a1)
    family = application_approve(actor=world.carol, application=application)
    client = client_for(world.alice)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("registry:family_detail", args=[family.family_id])).content.decode()
    assert application.number in body
    for sentence in (  # the history in words (audit.words)
        f"started application {application.number}.",
        f"submitted application {application.number} for verification.",
        f"approved application {application.number} and the family was registered.",
        f"registered family {family.family_id}.",
    ):
        assert sentence in body, sentence
    assert "Documents" in body


def _family_page_queries(world: World, members: int, surname: tuple[str, str]) -> int:
    """A new family of ``members`` (named, born and reached so that no family is a duplicate of
    another: the same given names, dates and mobile would be possible duplicates)."""
    hi_surname, en_surname = surname
    names = [("राहुल", "Rahul"), ("अमित", "Amit"), ("सुनील", "Sunil"), ("विजय", "Vijay")]
    names += [("मनोज", "Manoj"), ("दीपक", "Deepak"), ("अजय", "Ajay")]
    sons = [
        builders.son(
            name_hi=f"{hi} {hi_surname}",
            name_en=f"{en} {en_surname}",
            father_or_husband_name=f"Suresh {en_surname}",
            date_of_birth=date(1990 + members, 1, 2 + i),
        )
        for i, (hi, en) in enumerate(names[: members - 2])
    ]
    parents = [
        builders.head(
            name_hi=f"सुरेश {hi_surname}",
            name_en=f"Suresh {en_surname}",
            father_or_husband_name=f"Mohan {en_surname}",
            date_of_birth=date(1960 + members, 5, 1),
            mobile=f"98765{members:05d}",
        ),
        builders.wife(
            name_hi=f"सीमा {hi_surname}",
            name_en=f"Seema {en_surname}",
            date_of_birth=date(1964 + members, 3, 10),
        ),
    ]
    application = builders.submitted(world.alice, world.a1, [*parents, *sons])
    family = application_approve(actor=world.carol, application=application)
    client = client_for(world.carol)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("registry:family_detail", args=[family.family_id]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_family_page_reads_the_same_few_queries_however_large_the_family(
    world: World,
) -> None:
    # Session, official, family with its place and application, members with e-KYC, the
    # history's first page (no count: it fits on the page) and the members its sentences name,
    # recent change requests, documents:
    # a column the page shows but its selector (registry.selectors.family_page) leaves out
    # would add a query a member.
    assert _family_page_queries(world, 3, ("पटेल", "Patel")) == 8
    assert _family_page_queries(world, 9, ("वर्मा", "Verma")) == 8


def test_the_family_page_of_another_district_is_not_found(world: World) -> None:
    response = client_for(world.carol).get(
        reverse("registry:family_detail", args=[world.family_x1.family_id])
    )
    assert response.status_code == 404
