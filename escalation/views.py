"""A supervisor's escalated work: what went up to them, what has nobody to act on it, and
giving such work to an official who can act on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.authz import officials_only
from escalation import rules, selectors
from escalation.forms import AssignForm
from escalation.services import SUPERVISORS, area_of, assign_candidates, work_assign
from officials import jurisdiction
from officials.models import Official, Role


@officials_only(*SUPERVISORS)
def escalated_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    context = {
        "escalated": selectors.escalated_to(official),
        "unowned": selectors.unowned_in(official),
        "bare_areas": (
            selectors.areas_without_field_official(official)
            if official.role == Role.LOCAL_BODY_OFFICER
            else []
        ),
    }
    return render(request, "escalation/list.html", context)


@officials_only(*SUPERVISORS)
def assign_view(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    work_kind = rules.kind_for(kind)
    if work_kind is None or work_kind.escalated_by_itself:
        raise Http404
    item = jurisdiction.get_or_404(
        jurisdiction.scope(official, work_kind.open_items().select_related("holder")), pk=pk
    )
    held = item.holder is not None and item.holder.is_active
    candidates = [] if held else assign_candidates(work_kind, item, area_of(work_kind, item))
    form = AssignForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and not held and form.is_valid():
        try:
            work_assign(actor=official, kind=work_kind, pk=item.pk, to=form.cleaned_data["to"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(record)s is now held by %(official)s.")
                % {"record": str(item), "official": form.cleaned_data["to"]},
            )
            return redirect("escalation:list")
    return render(
        request,
        "escalation/assign.html",
        {
            "kind": work_kind,
            "row": work_kind.row(item),
            "item": item,
            "held": held,
            "form": form,
            "candidates": candidates,
        },
    )
