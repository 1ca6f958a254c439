from django import forms
from django.utils.translation import gettext_lazy as _

from geography.models import Area, District, LocalBody
from officials.models import DESIGNATIONS_BY_ROLE, Designation, Role


class LoginForm(forms.Form):
    user_id = forms.CharField(
        label=_("User ID"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Sign-in code from SMS, if you were sent one"),
        required=False,
        max_length=6,
        help_text=_(
            "When many wrong passwords are tried on an account, its official is sent a code by "
            "SMS. With it you can sign in at once instead of waiting."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def __init__(self, *args: object, offer_code: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not offer_code:
            del self.fields["code"]


class NewPasswordForm(forms.Form):
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        help_text=_("At least 10 characters, not only digits, not a common word."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", _("The two passwords differ."))
        return data


class PasswordChangeForm(NewPasswordForm):
    """A signed-in official's change: the current password first."""

    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current_password", "new_password1", "new_password2"]


class PasswordResetRequestForm(forms.Form):
    user_id = forms.CharField(label=_("User ID"), max_length=30)


class OtpForm(forms.Form):
    code = forms.CharField(
        label=_("OTP received by SMS"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class OfficialForm(forms.Form):
    """Register or change an official. The choices offered are already scoped to the officer's
    jurisdiction; the service checks them again."""

    name = forms.CharField(label=_("Name"), max_length=150)
    name_hi = forms.CharField(
        label=_("Name in Devanagari"),
        max_length=150,
        required=False,
        help_text=_("Optional. Shown on Hindi pages instead of the name above."),
        widget=forms.TextInput(attrs={"lang": "hi"}),
    )
    designation = forms.ChoiceField(
        label=_("Designation"),
        error_messages={"required": _("Choose the designation.")},
    )
    mobile = forms.CharField(
        label=_("Mobile number"), max_length=14, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    local_body = forms.ModelChoiceField(
        label=_("Local body"), queryset=LocalBody.objects.none(), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas (Gram Panchayats or Wards)"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language for SMS"), choices=[("hi", "हिन्दी"), ("en", "English")]
    )

    def __init__(
        self,
        *args: object,
        roles: list[str],
        districts: object,
        local_bodies: object,
        areas: object,
        editing: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]  # type: ignore[attr-defined]
        # Only the designations that fit a role offered, under their role, and none chosen
        # beforehand: the first of all designations fitted no role the officer could choose.
        self.fields["designation"].choices = [  # type: ignore[attr-defined]
            ("", _("— choose —")),
            *(
                (Role(r).label, [(d, Designation(d).label) for d in DESIGNATIONS_BY_ROLE[r]])
                for r in roles
            ),
        ]
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["local_body"].queryset = local_bodies  # type: ignore[attr-defined]
        self.fields["areas"].queryset = areas  # type: ignore[attr-defined]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]
        if editing:
            for name in ("role", "district", "local_body", "language"):
                del self.fields[name]
