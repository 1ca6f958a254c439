"""The figures a supervisor's dashboard reads, kept per area (and per local body) and day so
that a page sums stored rows instead of counting the whole register (dashboards.compute fills
them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from geography.models import Area, District, LocalBody


class DayFigures(models.Model):
    """One place's figures for one day. ``families``, ``members`` and ``ekyc_done`` are the
    register as it stood when the row was computed; the others are what the change feed
    recorded there on that day."""

    day = models.DateField(_("day"))
    families = models.PositiveIntegerField(default=0)
    members = models.PositiveIntegerField(default=0)
    ekyc_done = models.PositiveIntegerField(default=0)
    families_registered = models.PositiveIntegerField(default=0)
    births = models.PositiveIntegerField(default=0)
    deaths = models.PositiveIntegerField(default=0)
    moved_in = models.PositiveIntegerField(default=0)
    moved_out = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class AreaDayFigures(DayFigures):
    """A Gram Panchayat's or ward's figures: what a local body officer's page reads."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        verbose_name = _("figures of an area for a day")
        verbose_name_plural = _("figures of areas per day")
        constraints = [
            models.UniqueConstraint(fields=["area", "day"], name="areadayfigures_area_day")
        ]
        # A page reads one day (the latest) or a run of days, for all areas in scope.
        indexes = [models.Index(fields=["day", "area"], name="areadayfigures_day_area")]

    def __str__(self) -> str:
        return f"{self.area_id} {self.day}"


class LocalBodyDayFigures(DayFigures):
    """The sum of a local body's areas' figures, so that a district's or the state's page over
    a year reads a few hundred thousand rows rather than every area's every day."""

    local_body = models.ForeignKey(
        LocalBody, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("figures of a local body for a day")
        verbose_name_plural = _("figures of local bodies per day")
        constraints = [
            models.UniqueConstraint(
                fields=["local_body", "day"], name="localbodydayfigures_body_day"
            )
        ]
        indexes = [models.Index(fields=["day", "local_body"], name="localbodydayfigures_day")]

    def __str__(self) -> str:
        return f"{self.local_body_id} {self.day}"


class DistrictDayFigures(DayFigures):
    """The sum of a district's local bodies' figures, so that the state's page over a year
    reads a district's days (52 districts by 365 days), not every local body's."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("figures of a district for a day")
        verbose_name_plural = _("figures of districts per day")
        constraints = [
            models.UniqueConstraint(fields=["district", "day"], name="districtdayfigures_day")
        ]
        indexes = [models.Index(fields=["day", "district"], name="districtdayfigures_day_idx")]

    def __str__(self) -> str:
        return f"{self.district_id} {self.day}"
