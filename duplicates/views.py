"""Duplicate cases: the member's resolution page (merge, deactivate with notice, reactivate),
the case page (objections, the officer's decision, undo), the list of running cases, the
citizen's objection, and the report of a duplicate (officials and citizens). Views parse,
authorize through the selectors, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import citizens_only, officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from duplicates import forms as f
from duplicates import reports, selectors, services, workflow
from duplicates.models import CaseSource, DuplicateCase
from duplicates.workflow import Action
from identity.actors import Citizen
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import Member, MemberStatus
from registry.selectors import refuse_retired, surviving_id
from scale.models import DuplicateCluster

READERS = (Role.LOCAL_BODY_OFFICER, Role.DISTRICT_OFFICER, Role.STATE_ADMIN)


@officials_only(*READERS)
def case_list_view(request: HttpRequest) -> HttpResponse:
    """Cases still running (notice, objection) with their age; the latest decided ones."""
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, selectors.open_cases(official))
    recent = selectors.recent_cases(official)[:10]
    return render(request, "duplicates/case_list.html", {"page": page, "recent": recent})


@officials_only(*READERS)
def member_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """A member's status and cases; for the local body officer, what can be done with it."""
    official: Official = request.user  # type: ignore[assignment]
    member = selectors.member_for_official(official, member_id)
    context = {
        "member": member,
        "into": surviving_id(member),
        "cases": selectors.cases_of_member(member),
        "can_act": official.role == Role.LOCAL_BODY_OFFICER,
        "reactivable": member.status in (MemberStatus.INACTIVE, MemberStatus.MERGED),
        "form": f.ReasonForm(),
    }
    return render(request, "duplicates/member.html", context)


def _cluster(official: Official, raw: str | None) -> DuplicateCluster | None:
    if not raw or not raw.isdigit():
        return None
    return jurisdiction.scope(official, DuplicateCluster.objects.filter(pk=int(raw))).first()


def _acting_on(request: HttpRequest, member_id: str) -> tuple[Official, Member]:
    official: Official = request.user  # type: ignore[assignment]
    return official, refuse_retired(selectors.member_for_official(official, member_id))


@officials_only(Role.LOCAL_BODY_OFFICER)
def merge_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """Merge the member into the same person's other Member ID: the form, the two side by
    side, then the merge."""
    official, member = _acting_on(request, member_id)
    cluster_raw = request.POST.get("cluster") or request.GET.get("cluster")
    source = request.GET.get("source", "")  # a report's, when merged from it
    initial = {
        "survivor": request.GET.get("survivor", ""),
        "source": CaseSource.SWEEP
        if cluster_raw
        else source
        if source in CaseSource.values
        else CaseSource.OFFICIAL,
    }
    form = f.MergeForm(request.POST or None, initial=initial)
    survivor = None
    if request.method == "POST" and form.is_valid():
        try:
            survivor = services.survivor_in_reach(official, form.cleaned_data["survivor"])
            if request.POST.get("step") == "confirm":
                case = services.duplicate_merge(
                    actor=official,
                    member=member,
                    survivor=survivor,
                    source=form.cleaned_data["source"],
                    reason=form.cleaned_data["reason"],
                    cluster=_cluster(official, cluster_raw),
                )
                messages.success(
                    request,
                    _("Member ID %(old)s is merged into %(new)s.")
                    % {"old": member.member_id, "new": survivor.member_id},
                )
                return redirect("duplicates:case_detail", case.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
            survivor = None
    context = {"member": member, "survivor": survivor, "form": form, "cluster": cluster_raw}
    return render(request, "duplicates/merge.html", context)


@officials_only(Role.LOCAL_BODY_OFFICER)
def deactivate_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """Give notice that the member is to be deactivated; the family is told by SMS."""
    official, member = _acting_on(request, member_id)
    form = f.DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.deactivation_notice(
                actor=official,
                member=member,
                ground=form.cleaned_data["ground"],
                source=form.cleaned_data["source"],
                reason=form.cleaned_data["reason"],
                cluster=_cluster(official, request.GET.get("cluster")),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The notice has been given and the family told by SMS."))
            return redirect("duplicates:case_detail", case.pk)
    context = {"member": member, "form": form, "notice_days": settings.DEACTIVATION_NOTICE_DAYS}
    return render(request, "duplicates/deactivate.html", context)


@require_POST
@officials_only(Role.LOCAL_BODY_OFFICER)
def reactivate_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """Bring an inactive or retired member back into use, with a reason."""
    official: Official = request.user  # type: ignore[assignment]
    member = selectors.member_for_official(official, member_id)
    form = f.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.member_reactivate(
                actor=official, member=member, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Member ID %(id)s is active again.") % {"id": member_id})
    else:
        messages.error(request, _("Give the reason: what you checked, and with whom."))
    return redirect("duplicates:member", member.member_id)


def _case_context(official: Official, case: DuplicateCase, **forms: object) -> dict[str, object]:
    actions = workflow.officer_actions(case.status)
    can_act = official.role == Role.LOCAL_BODY_OFFICER
    return {
        "case": case,
        "can_act": can_act,
        "objections": case.objections.all(),
        "decision": forms.get("decision") or f.DecisionForm(actions=actions),
        "actions": actions,
        "can_object": can_act and Action.OBJECT in workflow.allowed_actions(case.status),
        "objection": forms.get("objection") or f.ObjectionForm(),
        # A citizen's report may name a member of another local body: its ID only, then.
        "other_visible": case.other is not None
        and jurisdiction.scope(official, Member.objects.filter(pk=case.other_id)).exists(),
    }


@officials_only(*READERS)
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    case = selectors.case_for_official(official, case_id)
    return render(request, "duplicates/case_detail.html", _case_context(official, case))


@require_POST
@officials_only(Role.LOCAL_BODY_OFFICER)
def case_object_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The family's objection, made at the office and recorded by the officer."""
    official: Official = request.user  # type: ignore[assignment]
    case = selectors.case_for_official(official, case_id)
    form = f.ObjectionForm(request.POST)
    if form.is_valid():
        try:
            objection = services.deactivation_object(
                actor=official, case=case, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _objection_message(objection.in_time))
            return redirect("duplicates:case_detail", case.pk)
    context = _case_context(official, case, objection=form)
    return render(request, "duplicates/case_detail.html", context, status=400)


def _objection_message(in_time: bool) -> str:
    if in_time:
        return _("The objection is recorded: the member stays active and the officer decides.")
    return _(
        "The objection is recorded. It came after the objection period, so the case is not "
        "reopened: the officer can reactivate the member."
    )


@require_POST
@officials_only(Role.LOCAL_BODY_OFFICER)
def case_decide_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The officer's decision: withdraw or deactivate (after an objection), undo a merge,
    reactivate a deactivated member."""
    official: Official = request.user  # type: ignore[assignment]
    case = selectors.case_for_official(official, case_id)
    form = f.DecisionForm(request.POST, actions=workflow.officer_actions(case.status))
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == Action.UNDO:
                services.duplicate_merge_undo(actor=official, case=case, reason=reason)
            elif action == Action.DISMISS:
                reports.report_dismiss(actor=official, case=case, reason=reason)
            elif action == Action.REACTIVATE:
                services.member_reactivate(actor=official, member=case.member, reason=reason)
            else:
                services.deactivation_decide(
                    actor=official, case=case, action=action, reason=reason
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("duplicates:case_detail", case.pk)
    context = _case_context(official, case, decision=form)
    return render(request, "duplicates/case_detail.html", context, status=400)


@citizens_only
def citizen_object_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The signed-in family objects to the deactivation of one of its members."""
    citizen: Citizen = request.citizen  # type: ignore[attr-defined]
    case = selectors.open_case_of_citizen(citizen.family_id, case_id)
    if case is None:
        raise Http404
    form = f.ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection = services.deactivation_object(
                actor=citizen, case=case, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _objection_message(objection.in_time))
            return redirect("identity:citizen_family")
    return render(request, "duplicates/citizen_object.html", {"case": case, "form": form})


def _reported(request: HttpRequest, case: DuplicateCase) -> None:
    messages.success(
        request,
        _(
            "Reported as case %(case)s: the local body officer will check whether Member IDs "
            "%(a)s and %(b)s are one person."
        )
        % {"case": case, "a": case.member.member_id, "b": case.other.member_id},  # type: ignore[union-attr]
    )


@officials_only(*reports.REPORTERS)
def report_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """A field official or the local body officer reports that the member and another Member
    ID of their areas are one person."""
    official, member = _acting_on(request, member_id)
    form = f.ReportForm(request.POST or None)
    open_case = None
    if request.method == "POST" and form.is_valid():
        try:
            case = reports.duplicate_report(
                actor=official,
                member=member,
                other_id=form.cleaned_data["other"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            open_case = getattr(exc, "case", None)
        else:
            _reported(request, case)
            if official.role == Role.LOCAL_BODY_OFFICER:
                return redirect("duplicates:case_detail", case.pk)
            return redirect("registry:family_detail", member.family.family_id)
    context = {
        "member": member,
        "form": form,
        "open_case": open_case,
        "can_open_case": official.role in READERS,
    }
    return render(request, "duplicates/report.html", context, status=400 if form.errors else 200)


@citizens_only
def citizen_report_view(request: HttpRequest) -> HttpResponse:
    """A citizen signed in to their family reports that one of its members has another Member
    ID (registered twice, here or elsewhere)."""
    citizen: Citizen = request.citizen  # type: ignore[attr-defined]
    members = {m.member_id: m for m in selectors.family_members_to_report(citizen.family_id)}
    choices = [(i, f"{m.name} ({i})") for i, m in members.items()]
    initial = {"member": request.GET.get("member", "")}
    form = f.CitizenReportForm(request.POST or None, members=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = reports.duplicate_report(
                actor=citizen,
                member=members[form.cleaned_data["member"]],
                other_id=form.cleaned_data["other"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _reported(request, case)
            return redirect("identity:citizen_family")
    status = 400 if form.errors else 200
    return render(request, "duplicates/citizen_report.html", {"form": form}, status=status)
