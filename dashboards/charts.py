"""Charts drawn on the server as inline SVG (no JavaScript; the CSP forbids inline styles, so
colours come from classes in samagra.css). Each chart sits beside a table with its numbers:
the SVG is a picture of the table, not the only place a number is said.

Widths are in the SVG's own units on a 320-wide viewBox, which a 360 px phone shows at about
its natural size."""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 320
ROW = 34  # a unit's name on one line, its bar under it
TREND_HEIGHT = 150
TREND_TOP = 24  # room for the legend
TREND_BOTTOM = 130  # the bars' baseline; the period labels go under it


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int


def bars(items: Sequence[tuple[str, int]]) -> BarChart:
    """One horizontal bar per unit, the longest the largest value."""
    top = max((v for _, v in items), default=0) or 1
    return BarChart(
        bars=[
            Bar(label, value, n * ROW + 13, n * ROW + 18, round(WIDTH * value / top, 1))
            for n, (label, value) in enumerate(items)
        ],
        height=max(len(items) * ROW, ROW),
    )


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    height: float
    width: float
    series: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TrendChart:
    columns: list[Column]
    ticks: list[Tick]
    top: int
    height: int = TREND_HEIGHT
    baseline: int = TREND_BOTTOM


def trend(labels: Sequence[str], series: dict[str, Sequence[int]]) -> TrendChart:
    """Columns side by side per period, one per series, on one scale."""
    top = max((v for values in series.values() for v in values), default=0)
    scale = (TREND_BOTTOM - TREND_TOP) / (top or 1)
    slot = WIDTH / max(len(labels), 1)
    bar = (slot - 4) / max(len(series), 1)
    columns = []
    for s, (name, values) in enumerate(series.items()):
        for n, value in enumerate(values):
            height = round(value * scale, 1)
            x = round(n * slot + 2 + s * bar, 1)
            columns.append(Column(x, round(TREND_BOTTOM - height, 1), height, round(bar, 1), name))
    # Every other period is labelled, so that labels fit a phone; the table names them all.
    ticks = [
        Tick(round(n * slot + slot / 2, 1), label)
        for n, label in enumerate(labels)
        if (len(labels) - 1 - n) % 2 == 0
    ]
    return TrendChart(columns=columns, ticks=ticks, top=top)
