"""The state's administrative geography: State → Division → District → Local body → Area
(Gram Panchayat or Ward) → Village (Gram Panchayats only). Codes follow LGD where known."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class NamedPlace(models.Model):
    lgd_code = models.CharField(_("LGD code"), max_length=20, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_hi = models.CharField(_("name (Hindi)"), max_length=150)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the language of the current request."""
        return self.name_hi if get_language() == "hi" else self.name_en


class State(NamedPlace):
    class Meta:
        verbose_name = _("state")


class Division(NamedPlace):
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="divisions")

    class Meta:
        verbose_name = _("division")
        ordering = ["name_en"]


class District(NamedPlace):
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        verbose_name = _("district")
        ordering = ["name_en"]


class LocalBody(NamedPlace):
    class Kind(models.TextChoices):
        JANPAD_PANCHAYAT = "JP", _("Janpad Panchayat")
        NAGAR_NIGAM = "NN", _("Nagar Nigam")
        NAGAR_PALIKA_PARISHAD = "NPP", _("Nagar Palika Parishad")
        NAGAR_PARISHAD = "NP", _("Nagar Parishad")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="local_bodies")
    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)

    class Meta:
        verbose_name = _("local body")
        verbose_name_plural = _("local bodies")
        ordering = ["name_en"]

    @property
    def is_rural(self) -> bool:
        return self.kind == self.Kind.JANPAD_PANCHAYAT


class Area(NamedPlace):
    """The unit a field official serves and a family's address belongs to."""

    JURISDICTION_AREA_PATH = ""  # see officials.jurisdiction.scope

    class Kind(models.TextChoices):
        GRAM_PANCHAYAT = "GP", _("Gram Panchayat")
        WARD = "WARD", _("Ward")

    local_body = models.ForeignKey(LocalBody, on_delete=models.PROTECT, related_name="areas")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)

    class Meta:
        verbose_name = _("area")
        ordering = ["name_en"]


class Village(NamedPlace):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="villages")

    class Meta:
        verbose_name = _("village")
        ordering = ["name_en"]


class Address(models.Model):
    """A household's address below its village: the one definition of the family's
    (registry.Family), of the application that registers it (registration.Application) and of
    the place a migration moves it to (migration.MigrationRequest, where it is required)."""

    house_number = models.CharField(_("house number"), max_length=30, blank=True)
    locality = models.CharField(_("locality"), max_length=150, blank=True)
    pin_code = models.CharField(_("PIN code"), max_length=6, blank=True)

    class Meta:
        abstract = True

    @property
    def street_line(self) -> str:
        """House number, locality and PIN code on one line, those given."""
        parts = [" ".join(filter(None, [self.house_number, self.locality])), self.pin_code]
        return " ".join(filter(None, parts))
