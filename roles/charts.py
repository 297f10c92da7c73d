"""Salary charts drawn on the server: geometry for an SVG the template writes out.

Each bar spans a range's minimum to maximum on a shared axis from 0 to a round
number above the largest figure. Labels sit above their bars, so the chart reads
at a phone's width too; the template adds a table with the same figures.
"""

from dataclasses import dataclass

from .models import money_short

WIDTH = 480
LEFT = 8
RIGHT = 16
ROW = 46
TOP = 8
AXIS = 28
BAR_HEIGHT = 16
STEPS = (1, 2, 2.5, 4, 5)


@dataclass
class Bar:
    label: str
    value_label: str
    x: float
    width: float
    y: float
    text_y: float
    series: int


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "middle"  # SVG text-anchor: the end ticks stay inside the drawing


@dataclass
class Chart:
    width: int
    height: int
    bars: list
    ticks: list
    axis_y: float
    plot_left: float
    plot_right: float


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 4, 5 × 10^n at or above value (400,000 for 380,486)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (*STEPS, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def range_chart(rows, currency="USD"):
    """rows: (label, minimum, maximum, series number 1–5). None when there is nothing to draw."""
    rows = list(rows)
    if not rows:
        return None
    top = nice_ceiling(max(maximum for _, _, maximum, _ in rows))
    plot_width = WIDTH - LEFT - RIGHT

    def x_of(value):
        return round(LEFT + plot_width * value / top, 1)

    bars = []
    for index, (label, minimum, maximum, series) in enumerate(rows):
        y = TOP + index * ROW
        start, end = x_of(minimum), x_of(maximum)
        bars.append(
            Bar(
                label=label,
                value_label=f"{money_short(minimum, currency)}–{money_short(maximum, currency)}",
                x=start,
                width=max(end - start, 3),
                y=y + 20,
                text_y=y + 14,
                series=series,
            )
        )
    axis_y = TOP + len(rows) * ROW + 4
    anchors = ("start", "middle", "middle", "middle", "end")
    ticks = [Tick(x_of(top * i / 4), money_short(round(top * i / 4), currency), anchors[i]) for i in range(5)]
    return Chart(
        width=WIDTH,
        height=int(axis_y + AXIS),
        bars=bars,
        ticks=ticks,
        axis_y=axis_y,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
    )
