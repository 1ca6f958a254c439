"""The forms of the change requests. They only parse what was typed; every rule is the kind's
(updates.kinds), checked by the service and shown on these fields."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import AadhaarField
from documents.forms import DocumentField
from officials import jurisdiction
from officials.models import Official
from registry.models import CasteCategory, Family, Gender, MaritalStatus, Member, Relation
from registry.selectors import is_living
from sms.reasons import CHANGE_REASONS, SmsReason, reason_choices
from updates.kinds import aadhaar, merge_families, relations, split
from updates.kinds.birth import CHILD_RELATIONS
from updates.kinds.marriage import MARRIED_IN_RELATIONS

BLANK = [("", "—")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _choices(enum: Any, only: Sequence[str] | None = None) -> list[tuple[str, str]]:
    return BLANK + [(v, label) for v, label in enum.choices if only is None or v in only]


def _members(members: list[Member]) -> list[tuple[str, str]]:
    return BLANK + [(m.member_id, f"{m.name} ({m.member_id})") for m in members]


class ChangeForm(forms.Form):
    def payload(self) -> dict[str, Any]:
        """The cleaned values as plain JSON (dates as ISO text)."""
        return {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in self.cleaned_data.items()
            if value is not None and value != ""
        }


class PersonForm(ChangeForm):
    name_hi = forms.CharField(label=_("Name in Devanagari"), max_length=150, required=False)
    name_en = forms.CharField(label=_("Name in Latin letters"), max_length=150, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=_choices(Gender), required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput(), required=False)
    age_years = forms.IntegerField(
        label=_("Age in years"),
        help_text=_("Only when the date of birth is not known."),
        min_value=0,
        max_value=150,
        required=False,
    )
    relation = forms.ChoiceField(
        label=_("Relation to the head"), choices=_choices(Relation), required=False
    )
    father_or_husband_name = forms.CharField(
        label=_("Father's or husband's name"), max_length=150, required=False
    )
    marital_status = forms.ChoiceField(
        label=_("Marital status"), choices=_choices(MaritalStatus), required=False
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=14,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric"}),
    )
    caste_category = forms.ChoiceField(
        label=_("Caste category"), choices=_choices(CasteCategory), required=False
    )
    has_disability = forms.BooleanField(label=_("Person with disability"), required=False)
    disability_kind = forms.CharField(label=_("Kind of disability"), max_length=100, required=False)


class NewPersonForm(PersonForm):
    aadhaar = AadhaarField(
        label=_("Aadhaar number"),
        help_text=_(
            "Optional. Its check digit is verified; the request keeps only the last four digits."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Back from the preview: the request kept only the last four digits, not the number.
        widget = self.fields["aadhaar"].widget
        widget.entered = self.is_bound and bool(aadhaar.last4(self.data))  # type: ignore[attr-defined]


class MarriageForm(NewPersonForm):
    spouse = forms.ChoiceField(label=_("Married to"), required=False)
    date_of_marriage = forms.DateField(
        label=_("Date of marriage"), widget=DateInput(), required=False
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["marital_status"]
        self.fields["relation"].choices = _choices(Relation, MARRIED_IN_RELATIONS)  # type: ignore[attr-defined]
        living = [m for m in family.members.all() if is_living(m)]
        self.fields["spouse"].choices = _members(living)  # type: ignore[attr-defined]


class BirthForm(ChangeForm):
    name_hi = PersonForm.base_fields["name_hi"]
    name_en = PersonForm.base_fields["name_en"]
    gender = PersonForm.base_fields["gender"]
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput(), required=False)
    mother = forms.ChoiceField(label=_("Mother"), required=False)
    relation = forms.ChoiceField(
        label=_("Relation to the head"),
        choices=_choices(Relation, CHILD_RELATIONS),
        required=False,
    )
    father_or_husband_name = forms.CharField(
        label=_("Father's name"), max_length=150, required=False
    )
    caste_category = PersonForm.base_fields["caste_category"]

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        women = [m for m in family.members.all() if m.gender == Gender.FEMALE]
        self.fields["mother"].choices = _members(women)  # type: ignore[attr-defined]


class DeathForm(ChangeForm):
    date_of_death = forms.DateField(label=_("Date of death"), widget=DateInput(), required=False)


class FamilyForm(ChangeForm):
    village = forms.ChoiceField(label=_("Village"), required=False)
    house_number = forms.CharField(label=_("House number"), max_length=30, required=False)
    locality = forms.CharField(label=_("Locality"), max_length=150, required=False)
    pin_code = forms.CharField(
        label=_("PIN code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = family.area.villages.order_by("name_en")
        self.fields["village"].choices = BLANK + [(str(v.pk), v.name) for v in villages]  # type: ignore[attr-defined]


class RelationsForm(ChangeForm):
    """Each living member's relation to the head of the family, as it will be."""

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for m in relations.living(family):
            self.fields[relations.field(m)] = forms.ChoiceField(
                label=f"{m.name} ({m.member_id})",
                help_text=_("Relation to the head of the family"),
                choices=_choices(Relation),
                required=False,
            )


class TransferForm(ChangeForm):
    """The person who moves in, named by both IDs as on their present family's card."""

    member_id = forms.CharField(
        label=_("Member ID of the person who moves"),
        max_length=9,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    from_family = forms.CharField(
        label=_("Family ID of the family they are in now"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    relation = forms.ChoiceField(
        label=_("Relation to the head of this family"),
        choices=_choices(Relation),
        required=False,
    )
    spouse = forms.ChoiceField(
        label=_("Married to"),
        help_text=_("Only when they join this family by marriage."),
        required=False,
    )

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        living = [m for m in family.members.all() if is_living(m)]
        self.fields["spouse"].choices = _members(living)  # type: ignore[attr-defined]


class SplitForm(ChangeForm):
    """Who leaves for the new family, each living member's relation to the head of the family
    they will be in, and the new family's address in one of the official's areas."""

    area = forms.ChoiceField(label=_("Gram Panchayat or ward of the new family"), required=False)
    village = forms.ChoiceField(label=_("Village"), required=False)
    house_number = forms.CharField(label=_("House number"), max_length=30, required=False)
    locality = forms.CharField(label=_("Locality"), max_length=150, required=False)
    pin_code = forms.CharField(
        label=_("PIN code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(
        self, *args: Any, family: Family, official: Official | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        areas = (
            list(jurisdiction.areas(official).prefetch_related("villages").order_by("name_en"))
            if official is not None
            else []
        )
        self.fields["area"].choices = BLANK + [(str(a.pk), a.name) for a in areas]  # type: ignore[attr-defined]
        villages = [(str(v.pk), f"{v.name} ({a.name})") for a in areas for v in a.villages.all()]
        self.fields["village"].choices = BLANK + villages  # type: ignore[attr-defined]
        moves = [
            (split.STAY, _("Stays in this family")),
            (split.LEAVE, _("Goes to the new family")),
        ]
        for m in relations.living(family):
            self.fields[split.move_field(m)] = forms.ChoiceField(
                label=f"{m.name} ({m.member_id})",
                choices=moves,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[split.relation_field(m)] = forms.ChoiceField(
                label=_("Relation of %(name)s to the head of their family after the split")
                % {"name": m.name},
                choices=_choices(Relation),
                required=False,
            )


FAMILY_ID_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class MergeChooseForm(forms.Form):
    """The first step of a merge: which family joins this one (found in the official's areas
    only), so that the next step can ask for its members' relations."""

    from_family = forms.CharField(
        label=_("Family ID of the family to merge into this one"),
        help_text=_("As on that family's card. This family's ID stays; the other one is retired."),
        max_length=8,
        widget=FAMILY_ID_WIDGET,
    )

    def __init__(self, *args: Any, family: Family, official: Official, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family, self.official = family, official
        self.other: Family | None = None

    def clean_from_family(self) -> str:
        raw: str = self.cleaned_data["from_family"]
        try:
            self.other = merge_families.find_other(
                self.family, raw, jurisdiction.areas(self.official)
            )
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["from_family"]) from None
        return raw


class MergeForm(ChangeForm):
    """The family merged in, and each living member's relation (of both families) to the head
    of the merged family. The family merged in is looked for in the official's areas only, so
    that nobody sees the members of a family outside them."""

    from_family = forms.CharField(
        label=MergeChooseForm.base_fields["from_family"].label,
        max_length=8,
        required=False,
        widget=FAMILY_ID_WIDGET,
    )

    def __init__(
        self, *args: Any, family: Family, official: Official | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.other: Family | None = None
        self.other_errors: list[str] = []
        raw = str((self.data if self.is_bound else self.initial).get("from_family") or "")
        if official is not None:
            try:
                self.other = merge_families.find_other(family, raw, jurisdiction.areas(official))
            except ValidationError as exc:
                self.other_errors = exc.message_dict["from_family"]
        for m in relations.living(family):
            self._relation(m, family)
        if self.other is not None:
            for m in relations.living(self.other):
                self._relation(m, self.other)

    def _relation(self, m: Member, of: Family) -> None:
        self.fields[merge_families.relation_field(m)] = forms.ChoiceField(
            label=_("%(name)s (%(member)s), now of family %(family)s")
            % {"name": m.name, "member": m.member_id, "family": of.family_id},
            help_text=_("Relation to the head of the merged family"),
            choices=_choices(Relation),
            required=False,
        )

    def clean(self) -> dict[str, Any] | None:
        for message in self.other_errors:
            self.add_error("from_family", message)
        return super().clean()


# --- The family's own reports (updates.family_reports) -----------------------------------------

NOT_A_MEMBER = _("Choose a member of your family.")


class CitizenPersonForm(PersonForm):
    """A member's details as the family corrects them: everything but the mobile number, which
    is linked with an OTP sent to it (identity.mobile), never typed into a correction."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["mobile"]


class CitizenBirthForm(BirthForm):
    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, family=family, **kwargs)
        self.fields["mother"].error_messages["invalid_choice"] = _(
            "Choose the mother among the women of your family."
        )


class CitizenDeathForm(DeathForm):
    """Whose death, among the family's living members, and when."""

    member = forms.ChoiceField(
        label=_("Member who died"), error_messages={"invalid_choice": NOT_A_MEMBER}
    )
    field_order = ["member", "date_of_death"]

    def __init__(self, *args: Any, family: Family, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        living = [m for m in family.members.all() if is_living(m)]
        self.fields["member"].choices = _members(living)  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    document = DocumentField(label=_("Supporting document"), required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        help_text=_("The official who asked for the change will see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )
    reason_code = forms.ChoiceField(
        label=_("Reason told to the family by SMS"),
        choices=reason_choices(CHANGE_REASONS),
        initial=SmsReason.OTHER,
        required=False,
        help_text=_("The reason above stays on the portal."),
    )
