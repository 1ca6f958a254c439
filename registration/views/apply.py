"""The field official's pages: the registration form (new, draft, returned), the page after
submission, and the acknowledgement PDF."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.authz import officials_only
from core.pdf import qr_svg, render_pdf
from documents.models import DocumentKind
from officials.models import Official, Role
from officials.selectors import area_choices
from registration.attachments import application_document_attach, application_document_remove
from registration.forms import (
    MAX_MEMBERS,
    MEMBERS_PREFIX,
    AddressForm,
    AttachForm,
    MemberForm,
    MemberFormSet,
    show_service_errors,
)
from registration.models import Application, ApplicationStatus
from registration.selectors import application_for_official
from registration.services import (
    application_resubmit,
    application_save_draft,
    application_submit,
)
from registration.transliteration import suggest_names
from registry.models import Relation

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
MEMBER_FIELDS = [n for n in MemberForm.base_fields if n not in ("aadhaar",)]


def _initial(application: Application | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if application is None:
        return {}, [{"relation": Relation.HEAD}]
    address = {
        "area": application.area_id,
        "village": application.village_id,
        "house_number": application.house_number,
        "locality": application.locality,
        "pin_code": application.pin_code,
        "language": application.language,
    }
    members = [
        {name: getattr(m, name) for name in MEMBER_FIELDS} for m in application.members.all()
    ]
    return address, members


def _posted_total(data: QueryDict) -> int:
    """The member rows the page says it holds; a tampered count is read as none, and no more
    than a family may have are ever made (the formset then reports what is wrong)."""
    try:
        total = int(data.get(f"{MEMBERS_PREFIX}-TOTAL_FORMS") or 0)
    except ValueError:
        return 0
    return max(0, min(total, MAX_MEMBERS))


def rebound(data: QueryDict, action: str) -> QueryDict:
    """The posted form again, with one more empty member row or with names suggested."""
    data = data.copy()
    total = _posted_total(data)
    if action == "add":
        data[f"{MEMBERS_PREFIX}-TOTAL_FORMS"] = str(total + 1)
    elif action == "suggest":
        for i in range(total):
            hi, en = f"{MEMBERS_PREFIX}-{i}-name_hi", f"{MEMBERS_PREFIX}-{i}-name_en"
            data[hi], data[en] = suggest_names(data.get(hi, ""), data.get(en, ""))
    return data


def kept_members(members: Any) -> list[MemberForm]:
    """Member rows to save: not ticked for removal, and not left empty."""
    return [
        form
        for form in members.forms
        if not form.cleaned_data.get("DELETE")
        and (form.cleaned_data.get("id") or form.has_changed())
    ]


def error_summary(address: AddressForm, members: Any, attach: AttachForm) -> list[dict[str, str]]:
    """Every error of the page, each with a link to its field, for the summary at the top."""
    found = [{"href": "#address", "text": str(e)} for e in address.non_field_errors()]
    for bf in [*address, *attach]:
        found += [{"href": f"#{bf.auto_id}", "text": f"{bf.label}: {e}"} for e in bf.errors]
    found += [{"href": "#members", "text": str(e)} for e in members.non_form_errors()]
    for number, form in enumerate(members.forms, start=1):
        row = _("Member %(number)s") % {"number": number}
        found += [
            {"href": f"#member-{number}", "text": f"{row}: {e}"} for e in form.non_field_errors()
        ]
        for bf in form:
            found += [
                {"href": f"#{bf.auto_id}", "text": f"{row}, {bf.label}: {e}"} for e in bf.errors
            ]
    return found


def _save(
    official: Official,
    application: Application | None,
    address: AddressForm,
    kept: list[MemberForm],
    attach: AttachForm,
    submit: bool,
) -> Application:
    # One transaction for both steps: a submission refused by the rules saves nothing either.
    with transaction.atomic():
        saved = application_save_draft(
            actor=official,
            address=address.to_data(),
            members=[f.to_data() for f in kept],
            application=application,
            language=address.cleaned_data["language"],
        )
        upload = attach.cleaned_data.get("document")
        if upload:
            try:
                application_document_attach(
                    actor=official,
                    application=saved,
                    upload=upload,
                    kind=attach.cleaned_data["document_kind"] or DocumentKind.SUPPORTING,
                )
            except ValidationError as exc:
                raise ValidationError({"document": exc.messages}) from exc
        if submit and saved.status == ApplicationStatus.RETURNED:
            saved = application_resubmit(actor=official, application=saved)
        elif submit:
            saved = application_submit(actor=official, application=saved)
    return saved


def posted_forms(
    request: HttpRequest, areas: Any, *, mark_required: bool = True
) -> tuple[AddressForm, Any, AttachForm]:
    """The address, members and document forms of a posted registration page (with one more
    member row, or names suggested, when that is what was asked). `mark_required`: the
    members' fields a submission needs are marked so (not on a family's own application)."""
    action = request.POST.get("action", "")
    data = rebound(request.POST, action) if action in ("add", "suggest") else request.POST
    members = MemberFormSet(
        data, prefix=MEMBERS_PREFIX, form_kwargs={"mark_required": mark_required}
    )
    if not members.management_form.is_valid():
        # The page's own hidden counts, altered (no browser sends these): a bad request,
        # answered without echoing what was sent (sqlmap read an echo as an injection).
        raise SuspiciousOperation("registration form: altered member counts")
    return AddressForm(data, areas=areas), members, AttachForm(data, request.FILES)


def _form_page(
    request: HttpRequest, official: Official, application: Application | None
) -> HttpResponse:
    areas = area_choices(official)
    action = request.POST.get("action", "")
    if request.method == "POST":
        address, members, attach = posted_forms(request, areas)
    else:
        initial_address, initial_members = _initial(application)
        address = AddressForm(initial=initial_address, areas=areas)
        members = MemberFormSet(
            initial=initial_members, prefix=MEMBERS_PREFIX, form_kwargs={"mark_required": True}
        )
        attach = AttachForm()
    valid = address.is_valid() and members.is_valid() and attach.is_valid()
    if action in ("save", "submit") and valid:
        kept = kept_members(members)
        try:
            saved = _save(official, application, address, kept, attach, submit=action == "submit")
        except ValidationError as exc:
            show_service_errors(exc, address, members, kept, attach)
        else:
            if action == "submit":
                return redirect("registration:submitted", number=saved.number)
            messages.success(request, _("Draft %(number)s is saved.") % {"number": saved.number})
            return redirect("registration:edit", number=saved.number)
    errors = (
        error_summary(address, members, attach)
        if request.method == "POST" and action in ("save", "submit")
        else []
    )
    return render(
        request,
        "registration/form.html",
        {
            "address": address,
            "members": members,
            "attach": attach,
            "application": application,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@officials_only(Role.FIELD_OFFICIAL)
def application_new_view(request: HttpRequest) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    return _form_page(request, official, None)


@officials_only(Role.FIELD_OFFICIAL)
def application_edit_view(request: HttpRequest, number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    application = application_for_official(official, number)
    if application.status not in EDITABLE:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("registration:detail", number=number)
    return _form_page(request, official, application)


@officials_only(Role.FIELD_OFFICIAL)
def application_submitted_view(request: HttpRequest, number: str) -> HttpResponse:
    official: Official = request.user  # type: ignore[assignment]
    application = application_for_official(official, number)
    return render(request, "registration/submitted.html", {"application": application})


@officials_only()
def acknowledgement_view(request: HttpRequest, number: str) -> HttpResponse:
    """The bilingual acknowledgement of a submitted application, with a QR code of its number."""
    official: Official = request.user  # type: ignore[assignment]
    application = application_for_official(official, number)
    if application.submitted_at is None:
        messages.error(request, _("An acknowledgement is given once the application is submitted."))
        return redirect("registration:detail", number=number)
    pdf = render_pdf(
        "pdf/acknowledgement.html",
        {
            "application": application,
            "members": application.members.all(),
            "qr": qr_svg(application.number),
            "printed_at": timezone.now(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="acknowledgement-{application.number}.pdf"'
    )
    return response


@officials_only(Role.FIELD_OFFICIAL)
def document_remove_view(request: HttpRequest, number: str, document_id: int) -> HttpResponse:
    """Asks, then takes a supporting document off a draft or returned application."""
    official: Official = request.user  # type: ignore[assignment]
    application = application_for_official(official, number)
    attached = application.documents.filter(pk=document_id).select_related("document").first()
    if attached is None:
        raise Http404
    if application.status not in EDITABLE:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("registration:detail", number=number)
    if request.method == "POST":
        try:
            application_document_remove(
                actor=official, application=application, attached_id=attached.pk
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("registration:detail", number=number)
        messages.success(request, _("%(document)s was taken off.") % {"document": attached.label})
        return redirect("registration:edit", number=number)
    return render(
        request,
        "registration/document_remove.html",
        {"application": application, "attached": attached},
    )
