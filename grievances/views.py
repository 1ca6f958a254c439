"""Grievance pages for officials: the list of their jurisdiction's grievances (with the
supervisors' table by category and age), filing on a family's behalf, and a grievance's page
with its thread, a reply and the closure. Views parse, authorize, call one service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from grievances import forms as f
from grievances import rules, selectors, services, workflow
from grievances.models import Grievance
from grievances.workflow import Action
from officials.models import Official
from registry.selectors import family_for_official


@officials_only()
def grievance_list_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    now = timezone.now()
    form = f.FilterForm(request.GET or None)
    page = paginate(request, selectors.grievances_for_official(official, form.filters(), now=now))
    ages = (
        selectors.open_by_category_and_age(official, now=now)
        if selectors.is_supervisor(official)
        else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "grievances/list.html",
        {
            "form": form,
            "page": page,
            "ages": ages,
            "now": now,
            # The filters kept by the page links ("status=open&" or "").
            "query": f"{query.urlencode()}&" if query else "",
        },
    )


@officials_only()
def grievance_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    """An official files a grievance on a family's behalf (at the counter, by phone)."""
    official: Official = request.user  # type: ignore[assignment]
    family = family_for_official(official, family_id)
    form = f.GrievanceForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid() and (grievance := form.file(official)):
        messages.success(
            request,
            _("Grievance %(number)s is filed. The family is told by SMS.")
            % {"number": grievance.number},
        )
        return redirect("grievances:detail", grievance_number=grievance.number)
    status = 400 if form.errors else 200
    return render(request, "grievances/new.html", {"form": form, "family": family}, status=status)


def _detail(
    request: HttpRequest,
    grievance: Grievance,
    reply_form: f.ReplyForm | None = None,
    close_form: f.CloseForm | None = None,
) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    allowed = workflow.allowed_actions(grievance.status)
    can_close = Action.CLOSE in allowed and rules.may_close(official, grievance)
    bad = bool((reply_form and reply_form.errors) or (close_form and close_form.errors))
    return render(
        request,
        "grievances/detail.html",
        {
            "grievance": grievance,
            "office": selectors.holder_office(grievance),
            "thread": selectors.thread(grievance),
            "can_reply": Action.REPLY in allowed,
            "can_close": can_close,
            "reply_form": reply_form or f.ReplyForm(),
            "close_form": close_form or f.CloseForm(),
            "now": timezone.now(),
            "reopen_until": rules.reopen_until(grievance),
        },
        status=400 if bad else 200,
    )


@officials_only()
def grievance_detail_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    return _detail(request, selectors.grievance_for_official(official, grievance_number))


@require_POST
@officials_only()
def grievance_reply_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    grievance = selectors.grievance_for_official(official, grievance_number)
    form = f.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.grievance_reply(
                actor=official, grievance=grievance, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your reply is added."))
            return redirect("grievances:detail", grievance_number=grievance.number)
    return _detail(request, grievance, reply_form=form)


@require_POST
@officials_only()
def grievance_close_view(request: HttpRequest, grievance_number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    grievance = selectors.grievance_for_official(official, grievance_number)
    form = f.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.grievance_close(
                actor=official,
                grievance=grievance,
                reason=form.cleaned_data["reason"],
                reason_code=form.cleaned_data["reason_code"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The grievance is closed. The family is told by SMS."))
            return redirect("grievances:detail", grievance_number=grievance.number)
    return _detail(request, grievance, close_form=form)
