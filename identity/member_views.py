"""Member e-KYC and mobile linking, for an official (a member of a family in their areas) and
for the signed-in citizen (a member of their own family). One flow, two doors.

The Aadhaar number never travels further than the first POST: the session keeps the vault
token and UIDAI's transaction id, the pages show only ``XXXX-XXXX-1234``."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.authz import citizens_only, officials_only
from core.forms import add_service_errors
from core.net import client_address
from core.pdf import render_pdf
from identity.actors import Actor, Citizen
from identity.citizen import mask_mobile
from identity.ekyc import (
    BiometricProof,
    EkycMismatch,
    OtpProof,
    member_ekyc_complete,
    member_ekyc_request_otp,
    member_ekyc_start_biometric,
    sandbox_device_capture,
)
from identity.forms import (
    EkycBiometricForm,
    EkycOtpForm,
    EkycStartForm,
    MobileChangeCodesForm,
    MobileLinkForm,
)
from identity.mobile import mobile_link_confirm, mobile_link_request, pending_change
from identity.models import MemberEkyc, MobileChange, MobileLink
from identity.vault import MASK_PREFIX
from officials import jurisdiction
from officials.forms import OtpForm
from officials.models import Official
from registry.card_verify import family_card_context
from registry.models import Family, Member
from registry.selectors import refuse_retired

EKYC_PENDING = "samagra_ekyc"
MOBILE_PENDING = "samagra_mobile_link"


@dataclass(frozen=True)
class Flow:
    """Who acts on which member, and where their pages are (URL names differ by door)."""

    actor: Actor
    member: Member
    prefix: str  # "identity:" or "identity:citizen_"
    back: str

    def url(self, step: str) -> str:
        return reverse(f"{self.prefix}{step}", kwargs={"member_id": self.member.member_id})

    @property
    def url_start(self) -> str:
        return self.url("ekyc_start")

    @property
    def url_mobile(self) -> str:
        return self.url("mobile_link")

    @property
    def is_citizen(self) -> bool:
        return isinstance(self.actor, Citizen)


MEMBERS = Member.objects.select_related("family__area__local_body__district")


def _official_flow(request: HttpRequest, member_id: str) -> Flow:
    official: Official = request.user  # type: ignore[assignment]
    member = jurisdiction.get_or_404(jurisdiction.scope(official, MEMBERS), member_id=member_id)
    refuse_retired(member)
    back = reverse("registry:family_detail", kwargs={"family_id": member.family.family_id})
    return Flow(official, member, "identity:", back)


def _citizen_flow(request: HttpRequest, member_id: str) -> Flow:
    citizen: Citizen = request.citizen  # type: ignore[attr-defined]
    member = get_object_or_404(MEMBERS, member_id=member_id, family__family_id=citizen.family_id)
    refuse_retired(member)
    return Flow(citizen, member, "identity:citizen_", reverse("identity:citizen_family"))


def _ekyc_of(member: Member) -> MemberEkyc | None:
    return (
        MemberEkyc.objects.select_related("vault_entry", "verified_by")
        .filter(member=member)
        .first()
    )


def _mobile_of(member: Member) -> MobileLink | None:
    return MobileLink.objects.filter(member=member).first()


def _context(flow: Flow, **extra: object) -> dict[str, object]:
    return {"flow": flow, "member": flow.member, "ekyc": _ekyc_of(flow.member), **extra}


def _pending(request: HttpRequest, key: str, flow: Flow) -> dict[str, str] | None:
    pending = request.session.get(key)
    if not pending or pending.get("member_id") != flow.member.member_id:
        return None
    return pending  # type: ignore[no-any-return]


def _typed_mask(raw: str) -> str:
    digits = "".join(c for c in raw or "" if c.isdigit())
    return MASK_PREFIX + digits[-4:] if len(digits) == 12 else ""


# --- e-KYC ------------------------------------------------------------------------------------


def _ekyc_start(request: HttpRequest, flow: Flow) -> HttpResponse:
    form = EkycStartForm(request.POST or None)
    typed = ""
    if request.method == "POST" and form.is_valid():
        aadhaar, method = form.cleaned_data["aadhaar"], form.cleaned_data["method"]
        try:
            if method == "otp":
                sent = member_ekyc_request_otp(
                    actor=flow.actor, member=flow.member, aadhaar=aadhaar
                )
                token, txn, masked = sent.vault_token, sent.txn, sent.masked_aadhaar
            else:
                started = member_ekyc_start_biometric(
                    actor=flow.actor, member=flow.member, aadhaar=aadhaar
                )
                token, txn, masked = started.vault_token, "", started.masked_aadhaar
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[EKYC_PENDING] = {
                "member_id": flow.member.member_id,
                "token": token,
                "txn": txn,
                "masked": masked,
                "method": method,
            }
            return redirect(flow.url("ekyc_otp" if method == "otp" else "ekyc_biometric"))
    if request.method == "POST":
        typed = _typed_mask(request.POST.get("aadhaar", ""))
    return render(request, "identity/ekyc_start.html", _context(flow, form=form, typed=typed))


def _complete(
    request: HttpRequest, flow: Flow, pending: dict[str, str], proof: OtpProof | BiometricProof
) -> HttpResponse | ValidationError:
    """Ask UIDAI; the page to show, or the error for the form."""
    try:
        member_ekyc_complete(
            actor=flow.actor, member=flow.member, vault_token=pending["token"], proof=proof
        )
    except EkycMismatch as mismatch:
        request.session.pop(EKYC_PENDING, None)
        return render(
            request,
            "identity/ekyc_mismatch.html",
            _context(
                flow,
                comparison=mismatch.comparison,
                message=mismatch.messages[0],
                masked=pending["masked"],
                correction_url=_correction_url(flow),
            ),
        )
    except ValidationError as exc:
        return exc
    request.session.pop(EKYC_PENDING, None)
    messages.success(request, _("The member's Aadhaar e-KYC is complete."))
    return redirect(flow.url("ekyc_done"))


def _correction_url(flow: Flow) -> str:
    """The correction request for this member, where that feature exists."""
    name = "updates:citizen_correction_new" if flow.is_citizen else "updates:correction_new"
    try:
        return reverse(name, kwargs={"member_id": flow.member.member_id})
    except NoReverseMatch:
        return ""


def _ekyc_otp(request: HttpRequest, flow: Flow) -> HttpResponse:
    pending = _pending(request, EKYC_PENDING, flow)
    if pending is None or pending["method"] != "otp":
        return redirect(flow.url("ekyc_start"))
    form = EkycOtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proof = OtpProof(txn=pending["txn"], otp=form.cleaned_data["otp"])
        outcome = _complete(request, flow, pending, proof)
        if isinstance(outcome, HttpResponse):
            return outcome
        add_service_errors(form, outcome)
    return render(
        request, "identity/ekyc_otp.html", _context(flow, form=form, masked=pending["masked"])
    )


def _ekyc_biometric(request: HttpRequest, flow: Flow) -> HttpResponse:
    pending = _pending(request, EKYC_PENDING, flow)
    if pending is None or pending["method"] != "biometric":
        return redirect(flow.url("ekyc_start"))
    sandbox = settings.UIDAI_ADAPTER == "sandbox"
    form = EkycBiometricForm(request.POST or None, sandbox=sandbox)
    if request.method == "POST" and form.is_valid():
        modality = form.cleaned_data["modality"]
        device = form.cleaned_data.get("sandbox_device", "")
        try:
            capture = (
                sandbox_device_capture(
                    actor=flow.actor,
                    member=flow.member,
                    vault_token=pending["token"],
                    modality=modality,
                    matching=device == "enrolled",
                )
                if device
                else form.cleaned_data["biometric"].encode()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            outcome = _complete(request, flow, pending, BiometricProof(modality, capture))
            if isinstance(outcome, HttpResponse):
                return outcome
            add_service_errors(form, outcome)
    return render(
        request,
        "identity/ekyc_biometric.html",
        _context(flow, form=form, masked=pending["masked"]),
    )


def _ekyc_done(request: HttpRequest, flow: Flow) -> HttpResponse:
    return render(
        request, "identity/ekyc_done.html", _context(flow, mobile=_mobile_of(flow.member))
    )


# --- Mobile linking ---------------------------------------------------------------------------


def _mobile_start(request: HttpRequest, flow: Flow) -> HttpResponse:
    link = _mobile_of(flow.member)
    # An official replacing a linked number only asks, with a reason the officer verifies.
    form = MobileLinkForm(request.POST or None, ask_reason=bool(link) and not flow.is_citizen)
    ekyc = _ekyc_of(flow.member)
    if request.method == "POST" and ekyc is not None and form.is_valid():
        try:
            challenge = mobile_link_request(
                actor=flow.actor,
                member=flow.member,
                mobile=form.cleaned_data["mobile"],
                client=client_address(request),
                language=get_language() or "hi",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[MOBILE_PENDING] = {
                "member_id": flow.member.member_id,
                "token": challenge.token,
                "masked_mobile": challenge.masked_mobile,
                "old_token": challenge.old_token,
                "masked_old": challenge.masked_old,
                "reason": form.cleaned_data.get("reason", ""),
            }
            return redirect(flow.url("mobile_link_verify"))
    return render(
        request,
        "identity/mobile_link.html",
        _context(
            flow,
            form=form,
            current=mask_mobile(link.mobile) if link else "",
            waiting=pending_change(flow.member),
        ),
    )


def _mobile_verify(request: HttpRequest, flow: Flow) -> HttpResponse:
    pending = _pending(request, MOBILE_PENDING, flow)
    if pending is None:
        return redirect(flow.url("mobile_link"))
    both = bool(pending.get("old_token"))
    form = (MobileChangeCodesForm if both else OtpForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = mobile_link_confirm(
                actor=flow.actor,
                member=flow.member,
                token=pending["token"],
                code=form.cleaned_data["code"],
                old_token=pending.get("old_token", ""),
                old_code=form.cleaned_data.get("old_code", ""),
                reason=pending.get("reason", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session.pop(MOBILE_PENDING, None)
            _tell_outcome(request, flow, change, pending["masked_mobile"])
            return redirect(flow.back)
    return render(
        request,
        "identity/mobile_link_verify.html",
        _context(
            flow,
            form=form,
            masked_mobile=pending["masked_mobile"],
            masked_old=pending.get("masked_old", ""),
        ),
    )


def _tell_outcome(request: HttpRequest, flow: Flow, change: MobileChange, masked: str) -> None:
    if change.status == MobileChange.Status.PENDING:
        messages.info(
            request,
            _(
                "The change to %(mobile)s waits for the local body officer's verification "
                "(request %(number)s). The number linked now has been told by SMS."
            )
            % {"mobile": masked, "number": change.number},
        )
    else:
        messages.success(
            request,
            _("The mobile number %(mobile)s is now linked to %(name)s.")
            % {"mobile": masked, "name": flow.member.name},
        )


# --- The doors --------------------------------------------------------------------------------


@officials_only()
def ekyc_start_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_start(request, _official_flow(request, member_id))


@officials_only()
def ekyc_otp_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_otp(request, _official_flow(request, member_id))


@officials_only()
def ekyc_biometric_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_biometric(request, _official_flow(request, member_id))


@officials_only()
def ekyc_done_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_done(request, _official_flow(request, member_id))


@officials_only()
def mobile_link_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _mobile_start(request, _official_flow(request, member_id))


@officials_only()
def mobile_link_verify_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _mobile_verify(request, _official_flow(request, member_id))


@citizens_only
def citizen_ekyc_start_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_start(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_ekyc_otp_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_otp(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_ekyc_biometric_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_biometric(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_ekyc_done_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _ekyc_done(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_mobile_link_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _mobile_start(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_mobile_link_verify_view(request: HttpRequest, member_id: str) -> HttpResponse:
    return _mobile_verify(request, _citizen_flow(request, member_id))


@citizens_only
def citizen_family_card_view(request: HttpRequest) -> HttpResponse:
    """The family card PDF of the citizen's own family (the officials' card, same template)."""
    citizen: Citizen = request.citizen  # type: ignore[attr-defined]
    family = Family.objects.select_related("area__local_body__district", "village").get(
        family_id=citizen.family_id
    )
    pdf = render_pdf("pdf/family_card.html", family_card_context(request, family))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="samagra-family-{family.family_id}.pdf"'
    )
    return response
