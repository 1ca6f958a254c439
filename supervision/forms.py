"""The filters of the supervisors' lists, checked against the official's jurisdiction: a
place or official outside it is told apart from nothing, and never shows another area's rows.

Places are chosen by LGD code. The Gram Panchayat or Ward list offers only the areas of the
chosen local body (a state has tens of thousands); any area of the jurisdiction is accepted.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import EVENT_LABELS
from geography.models import Area, District, LocalBody
from officials import jurisdiction
from officials.models import Official, Role
from registry.models import FamilyStatus, MemberStatus
from supervision.models import ListFormat, ListKind

# The register was not kept on this portal before; an earlier date is a slip of the keyboard.
EARLIEST = date(2000, 1, 1)
PARAMS = ("district", "local_body", "area", "status", "date_from", "date_to", "official")

STATUS_CHOICES: dict[str, list[tuple[str, Any]]] = {
    ListKind.FAMILIES: list(FamilyStatus.choices),
    ListKind.PENDING_EKYC: [
        (MemberStatus.ACTIVE.value, MemberStatus.ACTIVE.label),
        (MemberStatus.TO_BE_DEACTIVATED.value, MemberStatus.TO_BE_DEACTIVATED.label),
    ],
    ListKind.AUDIT: list(EVENT_LABELS.items()),
}
STATUS_LABELS: dict[str, Any] = {
    ListKind.FAMILIES: _("Status"),
    ListKind.PENDING_EKYC: _("Status of the Member ID"),
    ListKind.AUDIT: _("What happened"),
}
DATE_LABELS: dict[str, tuple[Any, Any]] = {
    ListKind.FAMILIES: (_("Registered on or after"), _("Registered on or before")),
    ListKind.PENDING_EKYC: (
        _("Family registered on or after"),
        _("Family registered on or before"),
    ),
    ListKind.AUDIT: (_("On or after"), _("On or before")),
}
OFFICIAL_HELP: dict[str, Any] = {
    ListKind.FAMILIES: _("The user ID of a field official: the families of their areas."),
    ListKind.PENDING_EKYC: _("The user ID of a field official: the members of their areas."),
    ListKind.AUDIT: _("The user ID of the official who acted."),
}


@dataclass(frozen=True)
class ListFilters:
    """Checked filters: the places and official are records of the jurisdiction."""

    kind: str
    district: District | None = None
    local_body: LocalBody | None = None
    area: Area | None = None
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None
    official: Official | None = None

    def params(self) -> dict[str, str]:
        """The filters as the query string gives them (only those set)."""
        values = {
            "district": self.district.lgd_code if self.district else "",
            "local_body": self.local_body.lgd_code if self.local_body else "",
            "area": self.area.lgd_code if self.area else "",
            "status": self.status,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "official": self.official.user_id if self.official else "",
        }
        return {k: v for k, v in values.items() if v}

    def key(self, export_format: str) -> str:
        text = json.dumps([self.kind, export_format, self.params()], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def scope_key(official: Official) -> str:
    """The official's place: a file is given only while it is the same."""
    return f"{official.role}:{official.district_id or ''}:{official.local_body_id or ''}"


class ListFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    local_body = forms.ChoiceField(label=_("Local body"), required=False)
    area = forms.ChoiceField(label=_("Gram Panchayat or Ward"), required=False)
    status = forms.ChoiceField(required=False)
    date_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    official = forms.CharField(label=_("Official (user ID)"), required=False, max_length=30)

    def __init__(self, *args: Any, official: Official, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer, self.kind = official, kind
        data = self.data
        fields: dict[str, Any] = self.fields  # ChoiceFields: their choices are set below
        # Each choice is checked in its clean method (against the whole jurisdiction); the
        # lists offered are what fits on a page.
        for name in ("district", "local_body", "area"):
            self.fields[name].validate = lambda value: None  # type: ignore[method-assign]
        if official.role == Role.STATE_ADMIN:
            fields["district"].choices = _choices(jurisdiction.districts(official))
        else:
            del self.fields["district"]
        if official.role == Role.LOCAL_BODY_OFFICER:
            del self.fields["local_body"]
            offered = jurisdiction.areas(official)
        else:
            local_bodies = jurisdiction.local_bodies(official)
            if data.get("district"):
                local_bodies = local_bodies.filter(district__lgd_code=data.get("district"))
            fields["local_body"].choices = _choices(local_bodies)
            offered = jurisdiction.areas(official).filter(
                local_body__lgd_code=data.get("local_body") or "-"
            )
            self.fields["area"].help_text = _(
                "Choose a local body and press Show to pick one of its Gram Panchayats or Wards."
            )
        fields["area"].choices = _choices(offered)
        self.fields["status"].label = STATUS_LABELS[kind]
        # Sorted in the reader's language.
        statuses = sorted(STATUS_CHOICES[kind], key=lambda item: str(item[1]))
        fields["status"].choices = [("", _("Any")), *statuses]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "%(value)s is not one of the choices."
        )
        self.fields["date_from"].label, self.fields["date_to"].label = DATE_LABELS[kind]
        self.fields["official"].help_text = OFFICIAL_HELP[kind]

    def clean_district(self) -> District | None:
        return self._place("district", jurisdiction.districts(self.viewer))

    def clean_local_body(self) -> LocalBody | None:
        return self._place("local_body", jurisdiction.local_bodies(self.viewer))

    def clean_area(self) -> Area | None:
        return self._place("area", jurisdiction.areas(self.viewer).select_related("local_body"))

    def _place(self, name: str, within: Any) -> Any:
        code = self.cleaned_data.get(name) or ""
        if not code:
            return None
        # An LGD code is digits: anything else (a NUL byte PostgreSQL refuses, a probe) is no
        # place, answered as an outside one is.
        found = within.filter(lgd_code=code[:20]).first() if code.isdigit() else None
        if found is None:
            raise forms.ValidationError(
                _("No place with the code %(code)s is in your jurisdiction."),
                code="outside",
                params={"code": code[:20]},
            )
        return found

    def clean_date_from(self) -> date | None:
        return self._date("date_from")

    def clean_date_to(self) -> date | None:
        return self._date("date_to")

    def _date(self, name: str) -> date | None:
        value: date | None = self.cleaned_data.get(name)
        if value is None:
            return None
        if value < EARLIEST:
            raise forms.ValidationError(
                _("Give a date from %(earliest)s onwards."),
                code="too_early",
                params={"earliest": EARLIEST.strftime("%d-%m-%Y")},
            )
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."), code="future")
        return value

    def clean_official(self) -> Official | None:
        user_id = (self.cleaned_data.get("official") or "").strip()
        if not user_id:
            return None
        found = jurisdiction.scope_supervised(self.viewer, Official.objects.all())
        official = found.filter(user_id__iexact=user_id).first()
        if official is None:
            raise forms.ValidationError(
                _("No official with the user ID %(user_id)s is in your jurisdiction."),
                code="outside",
                params={"user_id": user_id},
            )
        return official

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        district, local_body, area = (data.get(k) for k in ("district", "local_body", "area"))
        if local_body and district and local_body.district_id != district.pk:
            self.add_error("local_body", _("This local body is not in the district chosen."))
        if area and local_body and area.local_body_id != local_body.pk:
            self.add_error("area", _("This Gram Panchayat or Ward is not in the local body."))
        if area and district and area.local_body.district_id != district.pk:
            self.add_error("area", _("This Gram Panchayat or Ward is not in the district."))
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The second date is before the first."))
        return data

    def filters(self) -> ListFilters:
        data = self.cleaned_data
        return ListFilters(
            kind=self.kind,
            district=data.get("district"),
            local_body=data.get("local_body"),
            area=data.get("area"),
            status=data.get("status") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            official=data.get("official"),
        )


def _choices(places: Any) -> list[tuple[str, str]]:
    return [("", _("All")), *((p.lgd_code, p.name) for p in places)]


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("File format"), choices=ListFormat.choices, initial=ListFormat.CSV
    )


def filter_words(kind: str, params: dict[str, str]) -> list[tuple[str, str]]:
    """An export's filters as (label, value) pairs, in the order of the form."""
    labels = {
        "district": _("District"),
        "local_body": _("Local body"),
        "area": _("Gram Panchayat or Ward"),
        "status": STATUS_LABELS[kind],
        "date_from": DATE_LABELS[kind][0],
        "date_to": DATE_LABELS[kind][1],
        "official": _("Official (user ID)"),
    }
    return [(str(labels[k]), params[k]) for k in PARAMS if params.get(k)]


def filters_from_params(official: Official, kind: str, params: dict[str, str]) -> ListFilters:
    """The filters an export was asked with, checked again (by the worker): ValueError when
    they no longer hold (a place or official left the jurisdiction)."""
    form = ListFilterForm(params, official=official, kind=kind)
    if not form.is_valid():
        raise ValueError("filters no longer valid")
    return form.filters()
