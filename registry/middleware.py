from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.selectors import FamilyIdRetired, MemberIdRetired


class RetiredMemberIdMiddleware:
    """Any page asked for a retired Member ID or Family ID answers where it went (410: that ID
    is no longer used), in the visitor's language, instead of acting on it or saying it does
    not exist."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, MemberIdRetired):
            context = {"member_id": exception.member_id, "into": exception.into}
            return render(request, "registry/member_retired.html", context, status=410)
        if isinstance(exception, FamilyIdRetired):
            context = {"family_id": exception.family_id, "into": exception.into}
            return render(request, "registry/family_retired.html", context, status=410)
        return None
