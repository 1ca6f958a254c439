"""Grievance pages for a citizen signed in to their family, or to whom the family's OTP opened
them (grievances.public): its grievances, filing one, and a grievance's page with its thread, a
reply, and the answer to a closure (accept, or reopen once). The family is always the
session's, never the URL's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import citizens_or_scope
from core.forms import add_service_errors
from grievances import forms as f
from grievances import rules, selectors, services, workflow
from grievances.models import Grievance
from grievances.public import grievance_scope
from grievances.workflow import Action
from identity.actors import Citizen
from identity.citizen import current_citizen
from registry.models import Family


def _citizen(request: HttpRequest) -> Citizen:
    return request.citizen  # type: ignore[attr-defined,no-any-return]


def _signed_in(request: HttpRequest) -> bool:
    """Signed in to the family, rather than let in by the family's OTP to its grievances only:
    only then do the pages link back to the family's page."""
    return current_citizen(request) is not None


@citizens_or_scope(grievance_scope)
def citizen_grievance_list_view(request: HttpRequest) -> HttpResponse:
    grievances = selectors.grievances_of_family(_citizen(request))
    return render(
        request,
        "grievances/citizen_list.html",
        {"grievances": grievances, "signed_in": _signed_in(request)},
    )


@citizens_or_scope(grievance_scope)
def citizen_grievance_new_view(request: HttpRequest) -> HttpResponse:
    citizen = _citizen(request)
    family = Family.objects.select_related("area__local_body__district").get(
        family_id=citizen.family_id
    )
    form = f.GrievanceForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid() and (grievance := form.file(citizen)):
        messages.success(
            request,
            _("Your grievance is filed. Its number is %(number)s; an SMS confirms it.")
            % {"number": grievance.number},
        )
        return redirect("grievances:citizen_detail", grievance_number=grievance.number)
    status = 400 if form.errors else 200
    return render(
        request, "grievances/citizen_new.html", {"form": form, "family": family}, status=status
    )


def _detail(
    request: HttpRequest,
    grievance: Grievance,
    reply_form: f.ReplyForm | None = None,
    reopen_form: f.ReopenForm | None = None,
) -> HttpResponse:
    allowed = workflow.allowed_actions(grievance.status)
    reopen_until = rules.reopen_until(grievance)
    in_time = reopen_until is None or timezone.now() < reopen_until
    bad = bool((reply_form and reply_form.errors) or (reopen_form and reopen_form.errors))
    return render(
        request,
        "grievances/citizen_detail.html",
        {
            "grievance": grievance,
            "office": selectors.holder_office(grievance),
            "thread": selectors.thread(grievance),
            "can_reply": Action.REPLY in allowed,
            "can_accept": Action.ACCEPT in allowed,
            "can_reopen": Action.REOPEN in allowed and in_time,
            "reopen_until": reopen_until,
            "reply_form": reply_form or f.ReplyForm(),
            "reopen_form": reopen_form or f.ReopenForm(),
        },
        status=400 if bad else 200,
    )


@citizens_or_scope(grievance_scope)
def citizen_grievance_detail_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    return _detail(request, selectors.grievance_for_citizen(_citizen(request), grievance_number))


@require_POST
@citizens_or_scope(grievance_scope)
def citizen_grievance_reply_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    citizen = _citizen(request)
    grievance = selectors.grievance_for_citizen(citizen, grievance_number)
    form = f.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.grievance_reply(
                actor=citizen, grievance=grievance, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your reply is added."))
            return redirect("grievances:citizen_detail", grievance_number=grievance.number)
    return _detail(request, grievance, reply_form=form)


@require_POST
@citizens_or_scope(grievance_scope)
def citizen_grievance_accept_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    citizen = _citizen(request)
    grievance = selectors.grievance_for_citizen(citizen, grievance_number)
    try:
        services.grievance_accept(actor=citizen, grievance=grievance)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You accepted the answer. The grievance is settled."))
    return redirect("grievances:citizen_detail", grievance_number=grievance.number)


@require_POST
@citizens_or_scope(grievance_scope)
def citizen_grievance_reopen_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    citizen = _citizen(request)
    grievance = selectors.grievance_for_citizen(citizen, grievance_number)
    form = f.ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.grievance_reopen(
                actor=citizen, grievance=grievance, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The grievance is reopened. An official has to answer it again.")
            )
            return redirect("grievances:citizen_detail", grievance_number=grievance.number)
    return _detail(request, grievance, reopen_form=form)
