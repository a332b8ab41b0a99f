"""The bar chart of mean maturity per principle (DOMAIN.md §5, chapter 4): the geometry is worked
out here, the template draws it as inline SVG with presentation attributes only (strict CSP: no
style attributes), so the same markup works in the browser and in the WeasyPrint PDF."""

from dataclasses import dataclass
from decimal import Decimal

from audits.models import ManagementPrinciple
from maturity.selectors import PrincipleFigures

# Geometry in SVG user units (px).
WIDTH = 560
LEFT = 12
RIGHT = 92  # room for the printed value after the longest bar
TOP = 8
ROW = 40  # a row: the principle's name, then its bar
BAR = 16
AXIS = 44  # the axis with its labels and title
MAX_LEVEL = 5


def _num(value: float | Decimal) -> str:
    """A coordinate as SVG wants it: a dot, never a decimal comma, at most two decimals."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Bar:
    principle: ManagementPrinciple
    figures: PrincipleFigures
    label_y: str
    bar_y: str
    bar_width: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Tick:
    level: int
    x: str


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars of the unrounded mean per principle on a 0–5 scale."""

    width: str
    height: str
    left: str
    right_edge: str
    plot_top: str
    axis_y: str
    tick_end_y: str
    tick_label_y: str
    axis_title_x: str
    axis_title_y: str
    bars: list[Bar]
    ticks: list[Tick]
    bar_height: str = _num(BAR)


def bar_chart(rows: list[tuple[ManagementPrinciple, PrincipleFigures]]) -> BarChart:
    """Lay out one bar per principle: its name above, the bar's length the unrounded mean,
    the value printed after it. A principle without scores gets no bar (the template says
    "geen score")."""
    plot_width = WIDTH - LEFT - RIGHT
    unit = Decimal(plot_width) / MAX_LEVEL
    axis_y = TOP + ROW * len(rows) + 4
    bars = []
    for index, (principle, figures) in enumerate(rows):
        label_y = TOP + ROW * index + 13
        bar_y = label_y + 6
        length = figures.mean.unrounded * unit if figures.mean else Decimal(0)
        bars.append(
            Bar(
                principle=principle,
                figures=figures,
                label_y=_num(label_y),
                bar_y=_num(bar_y),
                bar_width=_num(length),
                value_x=_num(LEFT + length + 6),
                value_y=_num(bar_y + BAR - 3),
            )
        )
    return BarChart(
        width=_num(WIDTH),
        height=_num(axis_y + AXIS),
        left=_num(LEFT),
        right_edge=_num(LEFT + plot_width),
        plot_top=_num(TOP),
        axis_y=_num(axis_y),
        tick_end_y=_num(axis_y + 4),
        tick_label_y=_num(axis_y + 17),
        axis_title_x=_num(LEFT + plot_width / 2),
        axis_title_y=_num(axis_y + 36),
        bars=bars,
        ticks=[Tick(level=level, x=_num(LEFT + unit * level)) for level in range(1, MAX_LEVEL + 1)],
    )
