"""The family list goes page by page by Family ID (plain links, no JavaScript): every family of
the jurisdiction once, in order, forwards and back; never another area's; a bad link shows the
first page with a message, not an error."""

import html
import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from officials.models import Official
from registry.models import Family
from tests import factories as f
from tests.conftest import World, client_for

PAGE = 3
FAMILY_ID = re.compile(r'href="/families/(\d{8})/"')


def _english(official: Official) -> Client:
    client = client_for(official)
    client.cookies["django_language"] = "en"
    return client


def _link(body: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" rel="{rel}">', body)
    return html.unescape(found.group(1)) if found else None


def _get(client: Client, query: str) -> str:
    response = client.get(f"/families/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _walk(client: Client, start: str, rel: str) -> list[list[str]]:
    pages: list[list[str]] = []
    query: str | None = start
    while query is not None:
        body = _get(client, query)
        pages.append(FAMILY_ID.findall(body))
        query = _link(body, rel)
        assert len(pages) < 20
    return pages


@pytest.fixture
def families(world: World, settings: object) -> list[str]:
    """Ten families in the local body of carol (areas a1, b1: with the world's two), three in
    another local body: carol's list is twelve families, four pages of three."""
    settings.PAGE_SIZE = PAGE  # type: ignore[attr-defined]
    for area in (world.a1, world.b1) * 5:
        f.MemberFactory(family=f.FamilyFactory(area=area))
    for _ in range(3):
        f.MemberFactory(family=f.FamilyFactory(area=world.x1))
    return sorted(
        Family.objects.filter(area__local_body=world.lb_a).values_list("family_id", flat=True)
    )


@pytest.mark.django_db
def test_next_links_show_every_family_once_in_order_and_previous_links_go_back(
    world: World, families: list[str]
) -> None:
    client = _english(world.carol)

    # when: from the first page to the last by "Next", then back by "Previous"
    forward = _walk(client, "", "next")
    backward = _walk(client, "?" + _link_query_of_last(client), "prev")

    # then: each family once, in Family ID order, in pages of three; the same pages back
    assert [i for page in forward for i in page] == families
    assert [len(p) for p in forward] == [3, 3, 3, 3]
    assert backward == forward[::-1]


def _link_query_of_last(client: Client) -> str:
    query: str | None = ""
    while True:
        assert query is not None
        nxt = _link(_get(client, query), "next")
        if nxt is None:
            return query.lstrip("?")
        query = nxt


@pytest.mark.django_db
def test_the_pages_are_labelled_for_assistive_technology(world: World, families: list[str]) -> None:
    client = _english(world.carol)

    first = _get(client, "")
    second = _get(client, _link(first, "next") or "")

    assert '<nav class="pages" aria-label="Pages">' in first
    assert "Page 1 of 4" in first and _link(first, "prev") is None
    assert "Page 2 of 4" in second
    assert _link(second, "prev") == "?"  # back to the first page, plainly
    assert 'rel="next">Next</a>' in second and 'rel="prev">Previous</a>' in second


@pytest.mark.django_db
def test_the_page_labels_are_in_hindi_too(world: World, families: list[str]) -> None:
    client = client_for(world.carol)
    client.cookies["django_language"] = "hi"

    body = _get(client, "?page=2")

    with translation.override("hi"):
        assert f'aria-label="{gettext("Pages")}"' in body
        assert f'rel="prev">{gettext("Previous")}</a>' in body
        assert f'rel="next">{gettext("Next")}</a>' in body
        assert gettext("Page %(number)s of %(total)s") % {"number": 2, "total": 4} in body
        assert gettext("Pages") != "Pages"


@pytest.mark.django_db
def test_an_old_page_number_link_still_works_and_goes_on_by_key(
    world: World, families: list[str]
) -> None:
    client = _english(world.carol)

    body = _get(client, "?page=3")

    assert FAMILY_ID.findall(body) == families[6:9]
    assert "Page 3 of 4" in body
    assert FAMILY_ID.findall(_get(client, _link(body, "next") or "")) == families[9:12]
    assert FAMILY_ID.findall(_get(client, _link(body, "prev") or "")) == families[3:6]
    assert FAMILY_ID.findall(_get(client, "?page=99")) == families[9:12]  # the last page


@pytest.mark.django_db
def test_a_key_of_another_local_body_shows_only_the_officials_own_families(
    world: World, families: list[str]
) -> None:
    client = _english(world.carol)
    others = set(Family.objects.filter(area=world.x1).values_list("family_id", flat=True))

    for other in sorted(others):
        for query in (f"?after={other}", f"?before={other}"):
            shown = set(FAMILY_ID.findall(_get(client, query)))
            assert shown and shown <= set(families), query


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?after=abc",
        "?before=%3Cscript%3E",
        "?after=1234567",
        "?after=012345678",
        "?after=99999999",  # nothing after it
        "?before=10000000",  # nothing before it
        "?after=20000000&before=30000000",
        "?after=20000000&page=x",
        "?page=-4",
    ],
)
def test_a_bad_or_stale_link_shows_the_first_page_with_a_message(
    world: World, families: list[str], query: str
) -> None:
    body = _get(_english(world.carol), query)

    if "page=" in query and "after" not in query:
        assert FAMILY_ID.findall(body) == families[:3]
        return
    if query == "?after=20000000&page=x":  # a bad number labels the page, nothing more
        assert set(FAMILY_ID.findall(body)) <= set(families)
        return
    assert "That page link is not valid any more. Here is the first page." in body
    assert FAMILY_ID.findall(body) == families[:3]
    assert "Page 1 of 4" in body


@pytest.mark.django_db
def test_the_list_shows_the_head_and_counts_every_member(world: World, settings: object) -> None:
    family = f.FamilyFactory(area=world.a1)
    f.MemberFactory(family=family, name_en="Sita Devi")
    f.MemberFactory(family=family, relation="SON", name_en="Ravi")
    f.MemberFactory(family=family, relation="DAUGHTER", name_en="Gita", is_deceased=True)

    body = _get(_english(world.alice), "")

    row = re.search(rf"{family.family_id}</a></td>\s*<td>(.*?)</td>\s*<td>(\d+)</td>", body)
    assert row is not None
    assert row.groups() == ("Sita Devi", "3")
