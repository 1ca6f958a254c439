"""Change requests: a form per kind → preview (old → new) → submitted; the local body
officer's list of pending requests and the decision page. No JavaScript: the validated data
travels from the preview to the confirmation in a signed hidden field (signed, not encrypted:
so without the Aadhaar number, updates.kinds.aadhaar)."""

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.selectors import subject_events
from core.authz import officials_only
from core.forms import add_service_errors
from core.pagination import paginate
from documents.services import document_response
from officials import jurisdiction
from officials.models import Official, Role
from registration.accountability import choice_label
from registry.models import Family, Member
from registry.selectors import family_for_official, refuse_retired
from updates import forms as f
from updates.kinds import (
    aadhaar,
    correct_family,
    correct_member,
    merge_families,
    relations,
    split,
    transfer,
)
from updates.models import ChangeKind, ChangeRequest
from updates.selectors import change_request_for_official, change_requests_to_verify
from updates.services import change_request_approve, change_request_reject, change_request_submit
from updates.views_support import (
    TITLES,
    Preview,
    form_for,
    payload_rows,
    preview,
    transfer_offer,
)

SALT = "updates.preview"
PREVIEW_SECONDS = 60 * 60
PROPOSERS = (Role.FIELD_OFFICIAL, Role.LOCAL_BODY_OFFICER)


def _member_for_official(official: Official, member_id: str) -> Member:
    member = jurisdiction.get_or_404(
        jurisdiction.scope(
            official,
            Member.objects.select_related("family__area__local_body__district", "mother"),
        ),
        member_id=member_id,
    )
    return refuse_retired(member)


def _signed(family: Family, member: Member | None, kind: str, payload: dict[str, Any]) -> str:
    target = {"family": family.family_id, "member": member.member_id if member else None}
    return signing.dumps({**target, "kind": kind, "payload": payload}, salt=SALT)


def _unsigned(
    request: HttpRequest, family: Family, member: Member | None, kind: str
) -> dict[str, Any] | None:
    try:
        data = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=PREVIEW_SECONDS)
    except signing.BadSignature:
        return None
    target = (family.family_id, member.member_id if member else None, kind)
    if (data.get("family"), data.get("member"), data.get("kind")) != target:
        return None
    payload: dict[str, Any] = data["payload"]
    return payload


def _change(
    request: HttpRequest, family: Family, member: Member | None, kind: str, initial: dict[str, Any]
) -> HttpResponse:
    """The three steps of every kind: form, preview, confirmation."""
    actor: Official = request.user  # type: ignore[assignment]
    step = request.POST.get("step", "")
    context: dict[str, Any] = {"family": family, "member": member, "title": TITLES[kind]}
    if step in ("confirm", "edit"):
        payload = _unsigned(request, family, member, kind)
        if payload is None:
            messages.error(request, _("The preview has expired. Enter the change again."))
            return redirect(request.path)
        if step == "confirm":
            documents = f.DocumentForm(request.POST, request.FILES)
            if documents.is_valid():
                upload = documents.cleaned_data.get("document")
                try:
                    change = change_request_submit(
                        actor=actor,
                        family=family,
                        kind=kind,
                        member=member,
                        data=payload,
                        documents=[upload] if upload else [],
                    )
                except ValidationError as exc:
                    form = form_for(kind, family, actor, data=payload)
                    form.is_valid()
                    add_service_errors(form, exc)
                    return render(request, "updates/form.html", {**context, "form": form})
                messages.success(request, _submitted_message(change))
                return redirect("updates:change_detail", change_number=change.number)
            shown = preview(kind, family, member, payload)
            token = request.POST["token"]
            return render(
                request,
                "updates/preview.html",
                {
                    **context,
                    "preview": shown,
                    "token": token,
                    "documents": documents,
                    "offer": transfer_offer(kind, payload),
                },
            )
        form = form_for(kind, family, actor, data=payload)
        form.is_valid()
        return render(request, "updates/form.html", {**context, "form": form})
    if step == "preview":
        form = form_for(kind, family, actor, data=request.POST)
        if form.is_valid():
            payload = form.payload()
            shown = preview(kind, family, member, payload)
            if shown.error is None:
                # Checked: from here on the request carries no Aadhaar number, only its last 4.
                return render(
                    request,
                    "updates/preview.html",
                    {
                        **context,
                        "preview": shown,
                        "token": _signed(family, member, kind, aadhaar.kept(payload)),
                        "documents": f.DocumentForm(),
                        "offer": transfer_offer(kind, payload),
                    },
                )
            add_service_errors(form, shown.error)
        return render(request, "updates/form.html", {**context, "form": form})
    form = form_for(kind, family, actor, initial=initial)
    return render(request, "updates/form.html", {**context, "form": form})


def _submitted_message(change: ChangeRequest) -> str:
    if change.is_pending:
        return _(
            "Change request %(number)s is submitted. It applies once the local body approves it."
        ) % {"number": change.number}
    return _("Change request %(number)s is applied.") % {"number": change.number}


@officials_only(*PROPOSERS)
def correction_new_view(request: HttpRequest, member_id: str) -> HttpResponse:
    member = _member_for_official(request.user, member_id)  # type: ignore[arg-type]
    return _change(
        request, member.family, member, ChangeKind.CORRECT_MEMBER, correct_member.initial(member)
    )


@officials_only(*PROPOSERS)
def death_new_view(request: HttpRequest, member_id: str) -> HttpResponse:
    member = _member_for_official(request.user, member_id)  # type: ignore[arg-type]
    return _change(request, member.family, member, ChangeKind.DEATH, {})


@officials_only(*PROPOSERS)
def family_correction_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.CORRECT_FAMILY, correct_family.initial(family))


@officials_only(*PROPOSERS)
def birth_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.BIRTH, {})


@officials_only(*PROPOSERS)
def missed_member_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.MISSED_MEMBER, {})


@officials_only(*PROPOSERS)
def marriage_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.MARRIAGE, {})


@officials_only(*PROPOSERS)
def relations_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.RELATIONS, relations.initial(family))


@officials_only(*PROPOSERS)
def transfer_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    """A member of another family moves into this one (asked for by its area's official)."""
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.TRANSFER, transfer.initial(request.GET))


@officials_only(*PROPOSERS)
def split_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    """Some members leave to form a new family in one of the official's areas."""
    family = family_for_official(request.user, family_id)  # type: ignore[arg-type]
    return _change(request, family, None, ChangeKind.SPLIT, split.initial(family))


@officials_only(*PROPOSERS)
def merge_new_view(request: HttpRequest, family_id: str) -> HttpResponse:
    """Another family of the official's areas joins this one, whose Family ID stays: first
    which family (its members' relations are asked for next), then the change's own steps."""
    official: Official = request.user  # type: ignore[assignment]
    family = family_for_official(official, family_id)
    if request.method != "POST":
        choose = f.MergeChooseForm(request.GET or None, family=family, official=official)
        if not choose.is_valid():
            context = {"family": family, "form": choose, "title": TITLES[ChangeKind.MERGE_FAMILIES]}
            return render(request, "updates/merge_choose.html", context)
        initial = merge_families.initial(family, choose.other)
    else:
        initial = {}
    return _change(request, family, None, ChangeKind.MERGE_FAMILIES, initial)


@officials_only()
def change_list_view(request: HttpRequest) -> HttpResponse:
    """Pending change requests of the official's jurisdiction, oldest first."""
    official: Official = request.user  # type: ignore[assignment]
    page = paginate(request, change_requests_to_verify(official), count_with_rows=True)
    for change in page:
        # get_kind_display() builds and hashes every kind's translated label on each call.
        change.kind_label = choice_label(ChangeKind, change.kind)
    return render(request, "updates/list.html", {"page": page})


def _can_decide(official: Official, change: ChangeRequest) -> bool:
    return (
        change.is_pending
        and official.role == Role.LOCAL_BODY_OFFICER
        and change.family.area.local_body_id == official.local_body_id
    )


def _detail(request: HttpRequest, change: ChangeRequest, reject_form: f.RejectForm) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    shown = (
        preview(change.kind, change.family, change.member, change.payload)
        if change.is_pending
        else Preview(payload_rows(change))
    )
    # Seen from the other family's side (the family a member left, in another local body):
    # for information only, with the way back to that family.
    other_side = not jurisdiction.scope(
        official, Family.objects.filter(pk=change.family_id)
    ).exists()
    return render(
        request,
        "updates/detail.html",
        {
            "change": change,
            "preview": shown,
            "can_decide": _can_decide(official, change),
            "reject_form": reject_form,
            "other_side": other_side,
            "back_to": change.other_family if other_side else change.family,
            "events": subject_events(change),
        },
    )


@officials_only()
def change_detail_view(request: HttpRequest, change_number: str) -> HttpResponse:
    change = change_request_for_official(request.user, change_number)  # type: ignore[arg-type]
    return _detail(request, change, f.RejectForm())


@require_POST
@officials_only(Role.LOCAL_BODY_OFFICER)
def change_approve_view(request: HttpRequest, change_number: str) -> HttpResponse:
    change = change_request_for_official(request.user, change_number)  # type: ignore[arg-type]
    try:
        change_request_approve(actor=request.user, change=change)  # type: ignore[arg-type]
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The change is approved and applied."))
    return redirect("updates:change_detail", change_number=change.number)


@require_POST
@officials_only(Role.LOCAL_BODY_OFFICER)
def change_reject_view(request: HttpRequest, change_number: str) -> HttpResponse:
    change = change_request_for_official(request.user, change_number)  # type: ignore[arg-type]
    form = f.RejectForm(request.POST)
    if form.is_valid():
        try:
            change_request_reject(
                actor=request.user,  # type: ignore[arg-type]
                change=change,
                reason=form.cleaned_data["reason"],
                reason_code=form.cleaned_data["reason_code"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The change request is rejected."))
            return redirect("updates:change_detail", change_number=change.number)
    return _detail(request, change, form)


@officials_only()  # type: ignore[arg-type]  # a file, streamed (FileResponse)
def change_document_view(
    request: HttpRequest, change_number: str, document_token: str
) -> HttpResponseBase:
    change = change_request_for_official(request.user, change_number)  # type: ignore[arg-type]
    document = change.documents.filter(token=document_token).first()
    if document is None:
        raise Http404
    return document_response(document)
