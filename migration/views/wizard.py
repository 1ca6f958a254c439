"""The citizen's request, step by step, without JavaScript (SOP steps 3-6). The draft lives in
the session: choices, the proof's document tokens, UIDAI's txn and the e-authentication's id;
never the Aadhaar number."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.authz import citizens_only
from core.forms import add_service_errors
from documents.models import Document
from geography.models import Area, District, LocalBody, Village
from identity.actors import Citizen
from identity.ekyc import BiometricProof, OtpProof
from migration import rules
from migration.eauth import migration_eauth_complete, migration_eauth_request_otp
from migration.forms import AadhaarOtpForm, AddressForm, BiometricForm, PlaceForm, TypeForm
from migration.models import AadhaarAuthentication, MigrationRequest, MigrationType
from migration.selectors import open_migration_for
from migration.services import (
    MigrationDetails,
    address_line,
    migration_proof_upload,
    migration_request_submit,
)
from registry.models import Family

DRAFT = "samagra_migration_draft"
# Each step's own keys; choosing again at a step clears the later steps' keys.
STEP_KEYS = ["type", "district", "local_body", "area", "village", "address", "aadhaar"]
KEYS_OF = {
    "type": ["type"],
    "district": ["district_id"],
    "local_body": ["local_body_id"],
    "area": ["to_area_id"],
    "village": ["to_village_id"],
    "address": [],
    "aadhaar": ["auth_id", "otp_txn"],
}


def _citizen(request: HttpRequest) -> Citizen:
    return request.citizen  # type: ignore[attr-defined,no-any-return]


def _family(request: HttpRequest) -> Family:
    return Family.objects.select_related("area__local_body__district", "village").get(
        family_id=_citizen(request).family_id
    )


def draft_of(request: HttpRequest) -> dict[str, Any]:
    """This citizen's draft (a draft left by another member in this browser is dropped)."""
    citizen = _citizen(request)
    draft = request.session.get(DRAFT) or {}
    if draft.get("member_id") != citizen.member_id or draft.get("family_id") != citizen.family_id:
        draft = {"member_id": citizen.member_id, "family_id": citizen.family_id}
    return dict(draft)


def draft_save(request: HttpRequest, draft: dict[str, Any], *, step: str = "") -> None:
    """Keep the draft; with ``step``, what later steps chose is cleared (it may no longer fit)
    and so is any e-authentication (it signs what was reviewed)."""
    if step:
        for later in STEP_KEYS[STEP_KEYS.index(step) + 1 :]:
            for key in KEYS_OF[later]:
                draft.pop(key, None)
        if step != "aadhaar":
            draft.pop("auth_id", None)
    request.session[DRAFT] = draft


def _place(model: type[models.Model], pk: object) -> Any:
    return model._default_manager.filter(pk=pk).first() if pk else None


def _village_needed(draft: dict[str, Any]) -> bool:
    return Village.objects.filter(area_id=draft.get("to_area_id")).exists()


def next_step(draft: dict[str, Any]) -> str:
    """The first step the draft has not done yet."""
    kind = draft.get("type")
    if kind not in MigrationType.values:
        return "migration:new"
    if kind == MigrationType.INTER_DISTRICT and not draft.get("district_id"):
        return "migration:new_district"
    if kind != MigrationType.WITHIN_LOCAL_BODY and not draft.get("local_body_id"):
        return "migration:new_local_body"
    if not draft.get("to_area_id"):
        return "migration:new_area"
    if _village_needed(draft) and not draft.get("to_village_id"):
        return "migration:new_village"
    if not (draft.get("locality") and draft.get("pin_code") and draft.get("documents")):
        return "migration:new_address"
    if not draft.get("auth_id"):
        return "migration:new_aadhaar"
    return "migration:new_review"


def _go_on(draft: dict[str, Any]) -> HttpResponse:
    return redirect(next_step(draft))


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    draft = draft_of(request)
    return render(request, template, {"draft_summary": summary(request, draft), **context})


def summary(request: HttpRequest, draft: dict[str, Any]) -> dict[str, Any]:
    """What the draft says so far, as objects for the pages."""
    kind = draft.get("type")
    return {
        "type": MigrationType(kind).label if kind in MigrationType.values else "",
        "district": _place(District, draft.get("district_id")),
        "local_body": _place(LocalBody, draft.get("local_body_id")),
        "area": _place(Area, draft.get("to_area_id")),
        "village": _place(Village, draft.get("to_village_id")),
        "house_number": draft.get("house_number", ""),
        "locality": draft.get("locality", ""),
        "pin_code": draft.get("pin_code", ""),
        "remarks": draft.get("remarks", ""),
        "address": address_line(
            draft.get("house_number", ""),
            draft.get("locality", ""),
            None,
            draft.get("pin_code", ""),
        ),
        "documents": list(Document.objects.filter(token__in=draft.get("documents", []))),
        "previous": draft.get("previous", ""),
    }


@citizens_only
def new_type_view(request: HttpRequest) -> HttpResponse:
    """Step 3: the type of migration."""
    family = _family(request)
    pending = open_migration_for(family)
    draft = draft_of(request)
    form = TypeForm(request.POST or None, initial={"type": draft.get("type")})
    if pending is None and request.method == "POST" and form.is_valid():
        changed = draft.get("type") != form.cleaned_data["type"]
        draft["type"] = form.cleaned_data["type"]
        if changed:
            draft_save(request, draft, step="type")
            if draft["type"] == MigrationType.WITHIN_LOCAL_BODY:
                draft["local_body_id"] = family.area.local_body_id
        draft_save(request, draft)
        return _go_on(draft)
    return _render(
        request, "migration/new_type.html", {"form": form, "family": family, "pending": pending}
    )


def _choice_step(
    request: HttpRequest,
    *,
    step: str,
    key: str,
    queryset: models.QuerySet[Any],
    label: str,
    heading: str,
) -> HttpResponse:
    draft = draft_of(request)
    form = PlaceForm(
        request.POST or None, queryset=queryset, label=label, initial={"place": draft.get(key)}
    )
    if request.method == "POST" and form.is_valid():
        changed = draft.get(key) != form.cleaned_data["place"].pk
        draft[key] = form.cleaned_data["place"].pk
        draft_save(request, draft, step=step if changed else "")
        return _go_on(draft)
    return _render(request, "migration/new_place.html", {"form": form, "heading": heading})


def _before(draft: dict[str, Any], step: str) -> HttpResponse | None:
    """A redirect to an earlier step the draft still lacks."""
    wanted = next_step(draft)
    order = [
        "migration:new",
        "migration:new_district",
        "migration:new_local_body",
        "migration:new_area",
        "migration:new_village",
        "migration:new_address",
        "migration:new_aadhaar",
        "migration:new_review",
    ]
    return redirect(wanted) if order.index(wanted) < order.index(step) else None


@citizens_only
def new_district_view(request: HttpRequest) -> HttpResponse:
    """Step 4a (inter-district only): the new district."""
    draft = draft_of(request)
    if draft.get("type") != MigrationType.INTER_DISTRICT:
        return _go_on(draft)
    return _choice_step(
        request,
        step="district",
        key="district_id",
        queryset=rules.district_choices(_family(request), draft["type"]),
        label=_("New district"),
        heading=_("The new district"),
    )


@citizens_only
def new_local_body_view(request: HttpRequest) -> HttpResponse:
    """Step 4b: the new local body (not for a move within the local body)."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_local_body")) is not None:
        return early
    if draft.get("type") == MigrationType.WITHIN_LOCAL_BODY:
        return _go_on(draft)
    return _choice_step(
        request,
        step="local_body",
        key="local_body_id",
        queryset=rules.local_body_choices(
            _family(request), draft["type"], _place(District, draft.get("district_id"))
        ),
        label=_("New local body"),
        heading=_("The new local body"),
    )


@citizens_only
def new_area_view(request: HttpRequest) -> HttpResponse:
    """Step 4c: the new Gram Panchayat or ward."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_area")) is not None:
        return early
    return _choice_step(
        request,
        step="area",
        key="to_area_id",
        queryset=rules.area_choices(
            _family(request), draft["type"], _place(LocalBody, draft.get("local_body_id"))
        ),
        label=_("New Gram Panchayat or ward"),
        heading=_("The new Gram Panchayat or ward"),
    )


@citizens_only
def new_village_view(request: HttpRequest) -> HttpResponse:
    """Step 4d: the village, where the Gram Panchayat has villages."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_village")) is not None:
        return early
    if not _village_needed(draft):
        return _go_on(draft)
    return _choice_step(
        request,
        step="village",
        key="to_village_id",
        queryset=Village.objects.filter(area_id=draft["to_area_id"]),
        label=_("Village"),
        heading=_("The new village"),
    )


@citizens_only
def new_address_view(request: HttpRequest) -> HttpResponse:
    """Step 4e: the address, the compulsory proof of address, and remarks."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_address")) is not None:
        return early
    has_proof = bool(draft.get("documents"))
    form = AddressForm(
        request.POST or None,
        request.FILES or None,
        has_proof=has_proof,
        initial={k: draft.get(k, "") for k in ("house_number", "locality", "pin_code", "remarks")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _cleaned, errors = rules.clean_address(
            rules.Address(data["house_number"], data["locality"], data["pin_code"])
        )
        try:
            if errors:
                raise ValidationError(errors)
            if data.get("proof"):
                document = migration_proof_upload(citizen=_citizen(request), upload=data["proof"])
                draft["documents"] = [document.token]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            for key in ("house_number", "locality", "pin_code", "remarks"):
                draft[key] = data[key]
            draft_save(request, draft, step="address")
            return _go_on(draft)
    return _render(request, "migration/new_address.html", {"form": form, "has_proof": has_proof})


@citizens_only
def new_aadhaar_view(request: HttpRequest) -> HttpResponse:
    """Step 5: Aadhaar e-authentication of the signed-in member, by OTP or biometric."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_aadhaar")) is not None:
        return early
    citizen = _citizen(request)
    action = request.POST.get("action", "")
    otp_form = AadhaarOtpForm(request.POST if action == "verify" else None)
    bio_form = BiometricForm(
        request.POST if action == "biometric" else None,
        request.FILES if action == "biometric" else None,
    )
    error_form = otp_form if action != "biometric" else bio_form
    if action == "send":
        try:
            draft["otp_txn"] = migration_eauth_request_otp(citizen=citizen)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            draft_save(request, draft)
            messages.success(
                request, _("UIDAI has sent an OTP to the mobile number registered with Aadhaar.")
            )
        return redirect("migration:new_aadhaar")
    try:
        if action == "verify" and otp_form.is_valid() and draft.get("otp_txn"):
            proof: OtpProof | BiometricProof = OtpProof(
                txn=draft["otp_txn"], otp=otp_form.cleaned_data["otp"]
            )
        elif action == "biometric" and bio_form.is_valid():
            proof = BiometricProof(
                modality=bio_form.cleaned_data["modality"],
                capture=bio_form.cleaned_data["capture"],
            )
        else:
            proof = None  # type: ignore[assignment]
        if proof is not None:
            authentication = migration_eauth_complete(citizen=citizen, proof=proof)
            draft["auth_id"] = authentication.pk
            draft.pop("otp_txn", None)
            draft_save(request, draft)
            messages.success(request, _("Aadhaar e-authentication is complete."))
            return _go_on(draft)
    except ValidationError as error:
        add_service_errors(error_form, error)
    return _render(
        request,
        "migration/new_aadhaar.html",
        {"otp_form": otp_form, "bio_form": bio_form, "otp_sent": bool(draft.get("otp_txn"))},
    )


@citizens_only
def new_review_view(request: HttpRequest) -> HttpResponse:
    """Step 6: check everything, then submit."""
    draft = draft_of(request)
    if (early := _before(draft, "migration:new_review")) is not None:
        return early
    family = _family(request)
    if request.method == "POST":
        citizen = _citizen(request)
        previous = (
            MigrationRequest.objects.filter(number=draft["previous"], family=family).first()
            if draft.get("previous")
            else None
        )
        try:
            migration = migration_request_submit(
                citizen=citizen,
                details=MigrationDetails(
                    type=draft["type"],
                    to_area_id=draft.get("to_area_id"),
                    to_village_id=draft.get("to_village_id"),
                    house_number=draft.get("house_number", ""),
                    locality=draft.get("locality", ""),
                    pin_code=draft.get("pin_code", ""),
                    remarks=draft.get("remarks", ""),
                ),
                documents=list(Document.objects.filter(token__in=draft.get("documents", []))),
                authentication=AadhaarAuthentication.objects.filter(pk=draft["auth_id"]).first(),
                previous_request=previous,
                language=get_language() or "hi",
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            if hasattr(error, "error_dict") and "aadhaar" in error.error_dict:
                draft.pop("auth_id", None)
                draft_save(request, draft)
                return redirect("migration:new_aadhaar")
        else:
            request.session.pop(DRAFT, None)
            messages.success(
                request,
                _("Your migration request %(number)s has been submitted.")
                % {"number": migration.number},
            )
            return redirect("migration:detail", number=migration.number)
    present = address_line(family.house_number, family.locality, family.village, family.pin_code)
    return _render(request, "migration/new_review.html", {"family": family, "present": present})
