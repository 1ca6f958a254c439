from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], per_page: int | None = None
) -> Page:
    """One bounded page of a list; a bad page number gives the nearest real page.

    The first page reads one row past its end: a list that fits on it (a family's history, a
    quiet work list) is then one query and needs no COUNT; a longer one is counted when the
    page shows its total, as every other page is.
    """
    per_page = per_page or settings.PAGE_SIZE
    paginator = Paginator(items, per_page)
    number = request.GET.get("page")
    if number not in (None, "", "1"):
        return paginator.get_page(number)
    rows = list(items[: per_page + 1])
    if len(rows) <= per_page:
        paginator.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
    return Page(rows[:per_page], 1, paginator)
