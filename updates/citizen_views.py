"""The family's own change requests, for a citizen signed in to it: report a birth, a death or
a correction (updates.family_reports), see the request's number, and follow the family's
requests with who holds each. The family is always the session's, never the URL's."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.authz import citizens_only
from core.forms import add_service_errors
from identity.actors import Citizen
from registry.models import Family, Member
from registry.selectors import is_living, refuse_retired
from updates import forms as f
from updates.family_reports import change_request_report, reporting_family
from updates.kinds import correct_member
from updates.models import ChangeKind
from updates.selectors import (
    change_request_for_citizen,
    change_requests_of_citizen,
    holder_office,
)
from updates.views_support import Preview, payload_rows

TITLES: dict[str, Any] = {
    ChangeKind.BIRTH: gettext_lazy("Report a birth"),
    ChangeKind.DEATH: gettext_lazy("Report a death"),
    ChangeKind.CORRECT_MEMBER: gettext_lazy("Correct a member's details"),
}


def _citizen(request: HttpRequest) -> Citizen:
    return request.citizen  # type: ignore[attr-defined,no-any-return]


def _report(
    request: HttpRequest,
    family: Family,
    kind: str,
    form: f.ChangeForm,
    member: Member | None = None,
) -> HttpResponse:
    """The form of one kind; on a valid POST the request is made and its page shown."""
    documents = f.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and documents.is_valid():
        upload = documents.cleaned_data.get("document")
        data = form.payload()
        member_id = member.member_id if member is not None else str(data.pop("member", ""))
        try:
            change = change_request_report(
                citizen=_citizen(request),
                kind=kind,
                data=data,
                member_id=member_id,
                documents=[upload] if upload else [],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your report is received. Its number is %(number)s; an SMS confirms it. "
                    "The local body officer verifies it before the register changes."
                )
                % {"number": change.number},
            )
            return redirect("updates:citizen_change_detail", change_number=change.number)
    context = {
        "family": family,
        "member": member,
        "title": TITLES[kind],
        "kind": kind,
        "form": form,
        "documents": documents,
    }
    status = 400 if form.errors or documents.errors else 200
    return render(request, "updates/citizen_form.html", context, status=status)


@citizens_only
def citizen_report_view(request: HttpRequest) -> HttpResponse:
    """What the family can report, and for whom: a birth; a death or a correction of a member;
    a new mobile (linked with an OTP, on identity's pages)."""
    family = reporting_family(_citizen(request))
    members = [
        m
        for m in family.members.select_related("ekyc", "mobile_link").order_by("pk")
        if is_living(m)
    ]
    return render(request, "updates/citizen_report.html", {"family": family, "members": members})


@citizens_only
def citizen_birth_new_view(request: HttpRequest) -> HttpResponse:
    family = reporting_family(_citizen(request))
    form = f.CitizenBirthForm(request.POST or None, family=family)
    return _report(request, family, ChangeKind.BIRTH, form)


@citizens_only
def citizen_death_new_view(request: HttpRequest) -> HttpResponse:
    family = reporting_family(_citizen(request))
    initial = {"member": request.GET.get("member", "")}
    form = f.CitizenDeathForm(request.POST or None, family=family, initial=initial)
    return _report(request, family, ChangeKind.DEATH, form)


@citizens_only
def citizen_correction_new_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """A member of the citizen's own family (404 for anyone else's)."""
    family = reporting_family(_citizen(request))
    member = refuse_retired(get_object_or_404(family.members, member_id=member_id))
    form = f.CitizenPersonForm(request.POST or None, initial=correct_member.initial(member))
    return _report(request, family, ChangeKind.CORRECT_MEMBER, form, member)


@citizens_only
def citizen_change_list_view(request: HttpRequest) -> HttpResponse:
    changes = [(c, holder_office(c)) for c in change_requests_of_citizen(_citizen(request))]
    return render(request, "updates/citizen_list.html", {"changes": changes})


@citizens_only
def citizen_change_detail_view(request: HttpRequest, change_number: str) -> HttpResponse:
    change = change_request_for_citizen(_citizen(request), change_number)
    return render(
        request,
        "updates/citizen_detail.html",
        {
            "change": change,
            "office": holder_office(change),
            "preview": Preview(payload_rows(change)),
        },
    )
