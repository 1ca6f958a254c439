from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest
from django.utils.translation import gettext


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per_page: int | None = None,
    *,
    count_with_rows: bool = False,
) -> Page:
    """One bounded page of a list; a bad page number gives the nearest real page.

    The first page reads one row past its end: a list that fits on it (a family's history, a
    quiet work list) is then one query and needs no COUNT; a longer one is counted when the
    page shows its total, as every other page is; with ``count_with_rows`` (a queryset) the
    first page reads its total with its rows, in the same query.
    """
    per_page = per_page or settings.PAGE_SIZE
    paginator = Paginator(items, per_page)
    number = request.GET.get("page")
    if number not in (None, "", "1"):
        return paginator.get_page(number)
    first = items
    if count_with_rows and isinstance(items, QuerySet):
        # The total read with the rows (COUNT(*) OVER ()): one query for the first page.
        first = items.annotate(listed_total=Window(Count("pk")))
    rows = list(first[: per_page + 1])
    if len(rows) <= per_page:
        paginator.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
    elif first is not items:
        paginator.__dict__["count"] = rows[0].listed_total
    return Page(rows[:per_page], 1, paginator)


@dataclass
class KeysetPage:
    """One page of a list read by its key (``key > after`` or ``key < before``, never OFFSET):
    a deep page costs what the first does. Its links are plain ones (no JavaScript): the key
    of this page's last row (next) or first row (previous), and the page's number for the
    label ("Page n of N"; the number only labels, the key chooses the rows)."""

    rows: list[Any]
    number: int
    has_previous: bool
    has_next: bool
    first_key: str = ""
    last_key: str = ""
    count: Callable[[], int] | None = None
    # Why the page asked for could not be shown (a bad or stale link): the first page is.
    error: str = ""

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @cached_property
    def num_pages(self) -> int:
        if not self.has_other_pages or self.count is None:
            return self.number
        per_page = settings.PAGE_SIZE
        pages = max(1, -(-self.count() // per_page))
        # The count may be a few minutes old (cached) or the number typed: never a label that
        # says page 7 of 5, nor "of 7" on a page with no next one.
        return max(pages, self.number + 1) if self.has_next else self.number

    @property
    def previous_query(self) -> str:
        if self.number <= 2:
            return "?"
        return "?" + urlencode({"before": self.first_key, "page": self.number - 1})

    @property
    def next_query(self) -> str:
        return "?" + urlencode({"after": self.last_key, "page": self.number + 1})


def keyset_page(
    request: HttpRequest,
    items: QuerySet[Any],
    *,
    key: str,
    valid_key: Callable[[str], bool],
    count: Callable[[], int],
    per_page: int | None = None,
) -> KeysetPage:
    """The page ``?after=<key>`` / ``?before=<key>`` (with ``page=n`` for its label) of
    ``items``, ordered by ``key`` (unique). Without a key, ``?page=n`` is read by OFFSET (old
    links, typed numbers) and its links go on by key. A malformed or stale key shows the first
    page with ``error`` set, never an error page. ``count`` (the list's length, cached by the
    caller if it is dear) is called only to label a list of more than one page."""
    per_page = per_page or settings.PAGE_SIZE
    after, before = request.GET.get("after", ""), request.GET.get("before", "")
    number = _page_number(request.GET.get("page"))
    error = ""
    ordered = items.order_by(key)
    if (after and before) or not all(valid_key(k) for k in (after, before) if k):
        error = gettext("That page link is not valid any more. Here is the first page.")
    elif after:
        rows = list(ordered.filter(**{f"{key}__gt": after})[: per_page + 1])
        if rows:
            page = _page(rows, per_page, key, max(number, 2), count, has_previous=True)
            page.has_next = len(rows) > per_page
            return page
        error = gettext("That page link is not valid any more. Here is the first page.")
    elif before:
        rows = list(items.order_by(f"-{key}").filter(**{f"{key}__lt": before})[: per_page + 1])
        if rows:
            has_previous = len(rows) > per_page
            rows = rows[:per_page][::-1]
            page = _page(rows, per_page, key, max(number, 2) if has_previous else 1, count)
            page.has_previous, page.has_next = has_previous, True
            return page
        error = gettext("That page link is not valid any more. Here is the first page.")
    elif number > 1:
        last = max(1, -(-count() // per_page))
        number = min(number, last)
        # The key the page starts after, by OFFSET over the keys alone, then the rows by key:
        # whatever a row costs to show (subqueries, joins) is paid for this page's rows only.
        start = (number - 1) * per_page
        bound = list(ordered.values_list(key, flat=True)[start - 1 : start])
        if bound:
            rows = list(ordered.filter(**{f"{key}__gt": bound[0]})[: per_page + 1])
            page = _page(rows, per_page, key, number, count, has_previous=True)
            page.has_next = len(rows) > per_page
            return page
    rows = list(ordered[: per_page + 1])
    page = _page(rows, per_page, key, 1, count)
    page.has_next, page.error = len(rows) > per_page, error
    return page


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 10**6))
    except ValueError:
        return 1


def _page(
    rows: list[Any],
    per_page: int,
    key: str,
    number: int,
    count: Callable[[], int],
    *,
    has_previous: bool = False,
) -> KeysetPage:
    shown = rows[:per_page]
    return KeysetPage(
        rows=shown,
        number=number,
        has_previous=has_previous,
        has_next=False,
        first_key=str(getattr(shown[0], key)) if shown else "",
        last_key=str(getattr(shown[-1], key)) if shown else "",
        count=count,
    )
