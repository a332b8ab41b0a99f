"""The multi-year view (issue 6): per principle its mean per year, per unit its trajectory, and
which principles each year of the three-year plan covered; the RvB sees published cycles only,
the coordination team every cycle with those not published yet marked provisional. A fixed
number of queries however many cycles and units there are."""

from dataclasses import dataclass
from decimal import Decimal

from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import management_principles
from audits.selectors.cycles import PlanWindow, three_year_plan
from maturity.rules import MeanLevel
from maturity.selectors import (
    FINAL_FIGURES,
    PrincipleFigures,
    figures_statuses_for,
    rollup_by_year,
    unit_means_by_year,
)
from uwvkms.models import BusinessUnit, User

# Chart geometry (SVG user units); presentation attributes only, for the strict CSP.
WIDTH = 640
LEFT = 12
RIGHT = 70
TOP = 8
LABEL = 18  # the principle's name above its bars
BAR = 12
GAP = 3
GROUP_GAP = 12
AXIS = 44
MAX_LEVEL = 5
# One colour per year, readable on white and distinguishable in greyscale print.
YEAR_COLOURS = ("#0b3d91", "#d4691e", "#2e7d32", "#7b1fa2", "#5d4037", "#00838f")


def _num(value) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class YearCell:
    year: int
    figures: PrincipleFigures | None  # None: the principle was not assessed that year


@dataclass(frozen=True)
class PrincipleTrend:
    principle: ManagementPrinciple
    cells: list[YearCell]


@dataclass(frozen=True)
class UnitCell:
    year: int
    mean: MeanLevel | None
    excluded: bool = False


@dataclass(frozen=True)
class UnitTrajectory:
    unit: BusinessUnit
    cells: list[UnitCell]


@dataclass(frozen=True)
class ChartBar:
    year: int
    colour: str
    y: str
    width: str
    value_x: str
    value_y: str
    mean: Decimal


@dataclass(frozen=True)
class ChartGroup:
    principle: ManagementPrinciple
    label_y: str
    bars: list[ChartBar]


@dataclass(frozen=True)
class LegendItem:
    year: int
    colour: str
    x: str
    text_x: str


@dataclass(frozen=True)
class TrendChart:
    width: str
    height: str
    left: str
    right_edge: str
    plot_top: str
    axis_y: str
    tick_end_y: str
    tick_label_y: str
    legend_y: str
    legend_text_y: str
    bar_height: str
    groups: list[ChartGroup]
    ticks: list[tuple[int, str]]
    legend: list[LegendItem]


@dataclass(frozen=True)
class MultiYearView:
    years: list[int]
    # The years whose cycle is not published yet: its figures may still change (voorlopig).
    provisional_years: frozenset[int]
    # The reader sees published cycles only (the RvB).
    published_only: bool
    cycles: list[AuditCycle]
    principles: list[PrincipleTrend]
    units: list[UnitTrajectory]
    plan: list[PlanWindow]
    chart: TrendChart

    @property
    def enough_years(self) -> bool:
        return len(self.years) >= 2


def multiyear_view(user: User) -> MultiYearView:
    """Everything the multi-year page shows `user`: the cycles whose figures they read (the
    maturity report's rule, `figures_statuses_for`). Seven queries: the cycles, the principles,
    the units, two for the roll-up of every year, one for the units' means, and the plan's
    three."""
    statuses = figures_statuses_for(user)
    readable = AuditCycle.objects.filter(status__in=statuses)
    cycles = list(readable.order_by("year"))
    years = [cycle.year for cycle in cycles]
    principles = list(management_principles())
    by_year = rollup_by_year(readable)
    trends = [
        PrincipleTrend(
            principle=p,
            cells=[
                YearCell(year, by_year[year][p.id].all if p.id in by_year.get(year, {}) else None)
                for year in years
            ],
        )
        for p in principles
    ]
    trends = [t for t in trends if any(c.figures and c.figures.mean for c in t.cells)]
    means: dict[int, dict[int, UnitCell]] = {}
    for row in unit_means_by_year(readable):
        means.setdefault(row.unit_id, {})[row.year] = UnitCell(row.year, row.mean, row.excluded)
    units = [
        UnitTrajectory(
            unit=unit,
            cells=[means[unit.id].get(year, UnitCell(year, None)) for year in years],
        )
        for unit in BusinessUnit.objects.filter(id__in=means.keys()).order_by("name")
    ]
    return MultiYearView(
        years=years,
        provisional_years=frozenset(c.year for c in cycles if c.status not in FINAL_FIGURES),
        published_only=statuses <= FINAL_FIGURES,
        cycles=cycles,
        principles=trends,
        units=units,
        plan=three_year_plan(),
        chart=trend_chart(trends, years),
    )


def trend_chart(trends: list[PrincipleTrend], years: list[int]) -> TrendChart:
    """Grouped horizontal bars: per principle one bar per year it was scored, its length the
    unrounded mean on the 0–5 scale, the value printed after it. Pure geometry, no queries."""
    colours = {year: YEAR_COLOURS[i % len(YEAR_COLOURS)] for i, year in enumerate(years)}
    plot_width = WIDTH - LEFT - RIGHT
    unit = Decimal(plot_width) / MAX_LEVEL
    y = TOP
    groups = []
    for trend in trends:
        label_y = y + 12
        y += LABEL
        bars = []
        for cell in trend.cells:
            if not (cell.figures and cell.figures.mean):
                continue
            mean = cell.figures.mean.unrounded
            length = mean * unit
            bars.append(
                ChartBar(
                    year=cell.year,
                    colour=colours[cell.year],
                    y=_num(y),
                    width=_num(length),
                    value_x=_num(LEFT + length + 6),
                    value_y=_num(y + BAR - 2),
                    mean=mean,
                )
            )
            y += BAR + GAP
        groups.append(ChartGroup(principle=trend.principle, label_y=_num(label_y), bars=bars))
        y += GROUP_GAP
    axis_y = y
    legend_y = axis_y + 30
    legend = [
        LegendItem(
            year=year, colour=colours[year], x=_num(LEFT + i * 80), text_x=_num(LEFT + i * 80 + 16)
        )
        for i, year in enumerate(years)
    ]
    return TrendChart(
        width=_num(WIDTH),
        height=_num(legend_y + 20),
        left=_num(LEFT),
        right_edge=_num(LEFT + plot_width),
        plot_top=_num(TOP),
        axis_y=_num(axis_y),
        tick_end_y=_num(axis_y + 4),
        tick_label_y=_num(axis_y + 16),
        legend_y=_num(legend_y),
        legend_text_y=_num(legend_y + 10),
        bar_height=_num(BAR),
        groups=groups,
        ticks=[(level, _num(LEFT + unit * level)) for level in range(0, MAX_LEVEL + 1)],
        legend=legend,
    )
