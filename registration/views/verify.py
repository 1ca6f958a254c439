"""The application page (every official within jurisdiction) and the local body officer's
verification: the queue, possible duplicates side by side, approve, reject, return."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.authz import officials_only
from core.pagination import paginate
from documents.services import document_response
from officials.models import Official, Role
from ops.replicas import replica_reads_on_get
from registration.forms import DecisionReasonForm, ReasonForm
from registration.models import Application, ApplicationStatus, PossibleDuplicate
from registration.selectors import application_events, application_page, applications_queue
from registration.self_application import self_application_send_back
from registration.verification import (
    application_approve,
    application_check_duplicates,
    application_reject,
    application_reject_as_duplicate,
    application_return_for_correction,
    possible_duplicate_mark_not_duplicate,
)

VERIFIER = Role.LOCAL_BODY_OFFICER


@officials_only(VERIFIER)
@replica_reads_on_get
def queue_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, applications_queue(official))
    return render(request, "registration/queue.html", {"page": page})


def _duplicate_forms(
    application: Application, bound: dict[str, ReasonForm]
) -> list[tuple[PossibleDuplicate, ReasonForm]]:
    return [
        (d, bound.get(f"dup{d.pk}") or ReasonForm(prefix=f"dup{d.pk}"))
        for d in application.possible_duplicates.all()
    ]


def _detail(
    request: HttpRequest,
    official: Official,
    application: Application,
    forms: dict[str, ReasonForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or {}
    duplicates = _duplicate_forms(application, forms)
    undecided = [d for d, _f in duplicates if d.decision == PossibleDuplicate.Decision.UNDECIDED]
    deciding = official.role == VERIFIER and application.status == ApplicationStatus.SUBMITTED
    context: dict[str, Any] = {
        "application": application,
        "members": application.members.all(),
        "documents": application.documents.all(),
        "duplicates": duplicates,
        "undecided": undecided,
        "deciding": deciding,
        "editable": official.role == Role.FIELD_OFFICIAL
        and application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED),
        "reject_form": forms.get("reject") or DecisionReasonForm(prefix="reject"),
        "return_form": forms.get("return") or DecisionReasonForm(prefix="return"),
        "send_back_form": (forms.get("send_back") or ReasonForm(prefix="send_back"))
        if official.role == Role.FIELD_OFFICIAL
        and application.by_family
        and application.status == ApplicationStatus.DRAFT
        else None,
        "events": application_events(application),
    }
    return render(request, "registration/detail.html", context, status=status)


@officials_only()
def application_detail_view(request: HttpRequest, number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    return _detail(request, official, application_page(official, number))


def _decision(
    request: HttpRequest,
    number: str,
    prefix: str,
    act: Callable[[Official, Application, dict[str, str]], Any],
    done: str,
    form_class: type[ReasonForm] = DecisionReasonForm,
) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    application = application_page(official, number)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            act(official, application, form.cleaned_data)
        except ValidationError as exc:
            form.add_error("reason" if hasattr(exc, "error_dict") else None, exc.messages)
        else:
            messages.success(request, done % {"number": application.number})
            return redirect("registration:detail", number=application.number)
    return _detail(request, official, application, {prefix: form}, status=400)


@require_POST
@officials_only(VERIFIER)
def application_reject_view(request: HttpRequest, number: str) -> HttpResponse:
    return _decision(
        request,
        number,
        "reject",
        lambda o, a, d: application_reject(
            actor=o, application=a, reason=d["reason"], reason_code=d["reason_code"]
        ),
        _("Application %(number)s is rejected. The field official and the family are told why."),
    )


@require_POST
@officials_only(VERIFIER)
def application_return_view(request: HttpRequest, number: str) -> HttpResponse:
    return _decision(
        request,
        number,
        "return",
        lambda o, a, d: application_return_for_correction(
            actor=o, application=a, reason=d["reason"], reason_code=d["reason_code"]
        ),
        _("Application %(number)s is returned to the field official for correction."),
    )


@require_POST
@officials_only(VERIFIER)
def application_approve_view(request: HttpRequest, number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    application = application_page(official, number)
    try:
        family = application_approve(actor=official, application=application)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "duplicates_undecided":
            # Found only now: keep them, so that they are on the page to be decided.
            application_check_duplicates(actor=official, application=application)
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Approved. The family's Samagra Family ID is %(family_id)s.")
            % {"family_id": family.family_id},
        )
    return redirect("registration:detail", number=application.number)


@require_POST
@officials_only(VERIFIER)
def application_check_duplicates_view(request: HttpRequest, number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    application = application_page(official, number)
    try:
        found = application_check_duplicates(actor=official, application=application)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Looked again: %(count)s possible duplicates.") % {"count": len(found)}
        )
    return redirect("registration:detail", number=application.number)


@officials_only()
def application_document_view(request: HttpRequest, number: str, document_id: int) -> HttpResponse:
    """A supporting document, for officials who may see its application."""
    official: Official = request.user  # type: ignore[assignment]
    application = application_page(official, number)
    for attached in application.documents.all():
        if attached.pk == document_id:
            return document_response(attached.document)  # type: ignore[return-value]
    raise Http404


def _duplicate(application: Application, duplicate_id: int) -> PossibleDuplicate:
    for d in application.possible_duplicates.all():
        if d.pk == duplicate_id:
            return d
    raise Http404


@require_POST
@officials_only(VERIFIER)
def duplicate_decide_view(request: HttpRequest, number: str, duplicate_id: int) -> HttpResponse:
    """One candidate: "not a duplicate" or "reject the application as a duplicate of it"."""
    official: Official = request.user  # type: ignore[assignment]
    application = application_page(official, number)
    duplicate = _duplicate(application, duplicate_id)
    prefix = f"dup{duplicate.pk}"
    form = ReasonForm(request.POST, prefix=prefix)
    decision = request.POST.get("decision")
    if form.is_valid() and decision in ("not_duplicate", "duplicate"):
        reason = form.cleaned_data["reason"]
        try:
            if decision == "duplicate":
                application_reject_as_duplicate(actor=official, duplicate=duplicate, reason=reason)
                done = _("Application %(number)s is rejected as a duplicate.")
            else:
                possible_duplicate_mark_not_duplicate(
                    actor=official, duplicate=duplicate, reason=reason
                )
                done = _("Marked as not a duplicate.")
        except ValidationError as exc:
            form.add_error("reason" if hasattr(exc, "error_dict") else None, exc.messages)
        else:
            messages.success(request, done % {"number": application.number})
            return redirect("registration:detail", number=application.number)
    return _detail(request, official, application, {prefix: form}, status=400)


@require_POST
@officials_only(Role.FIELD_OFFICIAL)
def application_send_back_view(request: HttpRequest, number: str) -> HttpResponse:
    """A family's own application the field official cannot take up, returned with a reason."""
    return _decision(
        request,
        number,
        "send_back",
        lambda o, a, d: self_application_send_back(actor=o, application=a, reason=d["reason"]),
        _("Application %(number)s is returned to the family. They are told why by SMS."),
        ReasonForm,  # its SMS sends the family to the status page for the reason
    )
