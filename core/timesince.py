"""The words of Django's `timesince` ("1 week, 3 days"), which Django ships no Hindi for
(django/conf/locale/hi has no such msgids), so waiting times showed in English on Hindi pages.
Declared here with Django's own msgids so that makemessages keeps them in the project's
catalogue, whose Hindi then serves every `|timesince` on every page."""

from django.utils.translation import ngettext_lazy

TIME_STRINGS = {
    "year": ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    "month": ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    "week": ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    "day": ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    "hour": ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    "minute": ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
}
