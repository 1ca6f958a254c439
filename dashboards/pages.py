"""The dashboard part of a supervisor's home page (portal.views.home_view): reads the filters,
asks the selector, draws the charts. Filters are GET values: ``in`` (a district's or local
body's LGD code inside the officer's area) and ``period`` (month or week)."""

from typing import Any

from django.http import HttpRequest
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from dashboards import charts
from dashboards.selectors import PERIODS, FilterError, dashboard_for
from officials.models import Official

PERIOD_CHOICES = [("month", _("By month")), ("week", _("By week"))]


def dashboard_context(request: HttpRequest, official: Official) -> dict[str, Any]:
    within = request.GET.get("in", "")
    period = request.GET.get("period", "month")
    problems = []
    if period not in PERIODS:
        problems.append(str(_("Show the trend by month or by week.")))
        period = "month"
    try:
        dashboard = dashboard_for(official, within=within, period=period)
    except FilterError as error:
        problems.append(str(error.args[0]))
        dashboard = dashboard_for(official, period=period)
    label = "n/y" if dashboard.period == "month" else "j/n"
    trend = dashboard.trend
    return {
        "dashboard": dashboard,
        "dashboard_problems": problems,
        "period_choices": PERIOD_CHOICES,
        "within": within if dashboard.drilled else "",
        "members_chart": charts.bars([(r.name, r.members) for r in dashboard.rows]),
        "ekyc_chart": charts.bars([(r.name, r.ekyc_percent) for r in dashboard.rows]),
        "trend_chart": charts.trend(
            [formats.date_format(p.start, label) for p in trend],
            {"births": [p.births for p in trend], "deaths": [p.deaths for p in trend]},
        ),
    }
