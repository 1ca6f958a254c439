import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.pagination import paginate
from geography.models import District
from tests.factories import DistrictFactory


def _page(number: str | None, per_page: int = 5):  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", {"page": number} if number is not None else {})
    with CaptureQueriesContext(connection) as ctx:
        page = paginate(request, District.objects.order_by("pk"), per_page)
        shown = [d.pk for d in page]
        facts = (page.paginator.count, page.paginator.num_pages, page.has_next())
    return page, shown, facts, len(ctx.captured_queries)


@pytest.mark.django_db
def test_a_list_that_fits_on_the_first_page_is_one_query_and_knows_its_length() -> None:
    districts = DistrictFactory.create_batch(5)
    _page1, shown, facts, queries = _page(None)
    assert shown == [d.pk for d in districts]
    assert facts == (5, 1, False)
    assert queries == 1
    assert _page("1")[3] == 1


@pytest.mark.django_db
def test_a_longer_list_shows_one_page_and_is_counted() -> None:
    districts = DistrictFactory.create_batch(12)
    _page1, shown, facts, queries = _page(None)
    assert shown == [d.pk for d in districts[:5]]
    assert facts == (12, 3, True)
    assert queries == 2  # the page (one row past it) and the count
    _page3, shown3, facts3, _ = _page("3")
    assert shown3 == [d.pk for d in districts[10:]]
    assert facts3 == (12, 3, False)


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["0", "x", "99", "-1"])
def test_a_bad_page_number_gives_the_nearest_real_page(number: str) -> None:
    DistrictFactory.create_batch(7)
    page, shown, facts, _queries = _page(number)
    assert page.number in (1, 2)
    assert len(shown) == (5 if page.number == 1 else 2)
    assert facts[0] == 7


@pytest.mark.django_db
def test_an_empty_list_is_one_empty_page() -> None:
    page, shown, facts, queries = _page(None)
    assert (page.number, shown, facts, queries) == (1, [], (0, 1, False), 1)
