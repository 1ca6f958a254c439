"""The local body officer's side of a change of a member's linked mobile asked for by an
official (identity/mobile.py): the requests waiting in their local body, and the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.authz import officials_only
from core.forms import add_service_errors
from identity.citizen import mask_mobile
from identity.forms import MobileChangeDecisionForm
from identity.mobile import mobile_change_approve, mobile_change_reject
from identity.models import MemberEkyc, MobileChange
from officials import jurisdiction
from officials.models import Official, Role

WAITING = MobileChange.objects.filter(status=MobileChange.Status.PENDING).select_related(
    "member__family__area", "requested_by"
)


@officials_only(Role.LOCAL_BODY_OFFICER)
def mobile_change_list_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    changes = jurisdiction.scope(official, WAITING).order_by("created_at", "pk")[:200]
    return render(request, "identity/mobile_change_list.html", {"changes": changes})


@officials_only(Role.LOCAL_BODY_OFFICER)
def mobile_change_view(request: HttpRequest, member_id: str) -> HttpResponse:
    """The request waiting for a member of the officer's local body: approve or reject it."""
    official: Official = request.user  # type: ignore[assignment]
    change = jurisdiction.get_or_404(
        jurisdiction.scope(official, WAITING), member__member_id=member_id
    )
    form = MobileChangeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("action") == "approve"
        try:
            if approve:
                mobile_change_approve(
                    actor=official, change=change, reason=form.cleaned_data["reason"]
                )
            else:
                mobile_change_reject(
                    actor=official,
                    change=change,
                    reason=form.cleaned_data["reason"],
                    reason_code=form.cleaned_data["reason_code"],
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The member's sign-in now goes to the new number.")
                if approve
                else _("The request has been rejected; the number stays as it was."),
            )
            return redirect("identity:mobile_change_list")
    return render(
        request,
        "identity/mobile_change.html",
        {
            "change": change,
            "member": change.member,
            "ekyc": MemberEkyc.objects.select_related("vault_entry")
            .filter(member=change.member)
            .first(),
            "old": mask_mobile(change.old_mobile),
            "new": mask_mobile(change.new_mobile),
            "form": form,
        },
    )
