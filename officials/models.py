"""Officials are the portal's users: state admins, district officers, local body officers and
field officials. Each has a role and the part of the geography that role covers."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.choices import choice_label
from geography.models import Area, District, LocalBody


class Role(models.TextChoices):
    STATE_ADMIN = "STATE", _("State admin")
    DISTRICT_OFFICER = "DISTRICT", _("District officer")
    LOCAL_BODY_OFFICER = "LB", _("Local body officer")
    FIELD_OFFICIAL = "FIELD", _("Field official")


class Designation(models.TextChoices):
    MISSION_OFFICER = "MISSION", _("Mission office")
    COLLECTOR = "COLLECTOR", _("Collector")
    CEO_ZILA_PANCHAYAT = "CEO_ZP", _("CEO, Zila Panchayat")
    MUNICIPAL_COMMISSIONER = "MC", _("Municipal Commissioner")
    CEO_JANPAD_PANCHAYAT = "CEO_JP", _("CEO, Janpad Panchayat")
    CHIEF_MUNICIPAL_OFFICER = "CMO", _("Chief Municipal Officer")
    WARD_INCHARGE = "WARD_INCHARGE", _("Ward In-charge")
    GP_SECRETARY = "GP_SECRETARY", _("Gram Panchayat Secretary")
    GRAM_ROZGAR_SAHAYAK = "GRS", _("Gram Rozgar Sahayak")


DESIGNATIONS_BY_ROLE: dict[str, list[str]] = {
    Role.STATE_ADMIN: [Designation.MISSION_OFFICER],
    Role.DISTRICT_OFFICER: [
        Designation.COLLECTOR,
        Designation.CEO_ZILA_PANCHAYAT,
        Designation.MUNICIPAL_COMMISSIONER,
    ],
    Role.LOCAL_BODY_OFFICER: [
        Designation.CEO_JANPAD_PANCHAYAT,
        Designation.CHIEF_MUNICIPAL_OFFICER,
    ],
    Role.FIELD_OFFICIAL: [
        Designation.WARD_INCHARGE,
        Designation.GP_SECRETARY,
        Designation.GRAM_ROZGAR_SAHAYAK,
    ],
}


def name_in_page_script(name: str, name_hi: str) -> str:
    """An official's name as Hindi pages show it (in Devanagari, when known), else as given."""
    return name_hi if name_hi and get_language() == "hi" else name


class OfficialManager(BaseUserManager["Official"]):
    def get_by_natural_key(self, username: str | None) -> "Official":
        return self.get(user_id__iexact=username)


class Official(AbstractBaseUser):
    user_id = models.CharField(_("user ID"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    # Optional: shown on Hindi pages instead of the name in Latin letters (`display_name`).
    name_hi = models.CharField(_("name in Devanagari"), max_length=150, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=10, unique=True)
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    designation = models.CharField(_("designation"), max_length=16, choices=Designation.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="officials"
    )
    local_body = models.ForeignKey(
        LocalBody, on_delete=models.PROTECT, null=True, blank=True, related_name="officials"
    )
    areas = models.ManyToManyField(Area, blank=True, related_name="officials")
    language = models.CharField(_("language for SMS"), max_length=2, default="hi")
    is_active = models.BooleanField(_("active"), default=True)
    must_change_password = models.BooleanField(default=True)
    # When the official was last told by SMS that their account reached the ceiling of failed
    # sign-ins (officials/throttle.py): once per window, however long the guessing goes on.
    sign_in_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OfficialManager()

    USERNAME_FIELD = "user_id"
    REQUIRED_FIELDS = ["name", "mobile"]

    class Meta:
        verbose_name = _("official")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="official_role_has_its_place",
                condition=(
                    models.Q(role="STATE", district__isnull=True, local_body__isnull=True)
                    | models.Q(role="DISTRICT", district__isnull=False, local_body__isnull=True)
                    | models.Q(
                        role__in=["LB", "FIELD"], district__isnull=False, local_body__isnull=False
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user_id})"

    def get_designation_display(self) -> str:  # type: ignore[no-redef]  # on every page
        return choice_label(Designation, self.designation)

    @property
    def display_name(self) -> str:
        """The name in the page's script: in Devanagari on Hindi pages when it is known."""
        return name_in_page_script(self.name, self.name_hi)

    @property
    def masked_mobile(self) -> str:
        return "******" + self.mobile[-4:]


class LoginFailure(models.Model):
    """A failed sign-in: from which client address, for which account (officials/throttle.py).
    The account is a keyed hash of the user ID as typed, so that an unknown user ID is counted
    exactly like a real one and no typed text (a password in the wrong box) is kept."""

    client_address = models.CharField(max_length=45)
    account = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)
    # No longer held against the account (a later sign-in from that client, a new password);
    # still counted against the client, which may have guessed at other accounts too.
    forgiven = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["client_address", "at"]),
            models.Index(fields=["account", "at"]),
        ]

    def __str__(self) -> str:
        return f"failed sign-in from {self.client_address} at {self.at:%Y-%m-%d %H:%M}"


class HeldWork(models.Model):
    """Work that waits on one official at a time (an application, a change request, a migration
    request): who has to act on it now, and since when (circular ¶4: who sat on it). The
    overdue lists and the work lists read these two fields of every such model."""

    holder = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by"),
    )
    held_since = models.DateTimeField(_("held since"), default=timezone.now)

    class Meta:
        abstract = True
