"""The maturity report of a cycle (DOMAIN.md §5, chapter 4 "Volwassenheid KMS"): one view-model,
one template, shared by the HTML page and the PDF."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audits.models import AuditCycle, DistrictDraw, Exclusion, ManagementPrinciple
from audits.selectors import current_draws, exclusions_of
from findings.report.chart import BarChart, bar_chart
from findings.report.cover import Cover
from findings.report.uwv.texts import AUTHOR
from maturity.rules import mean_change
from maturity.selectors import (
    EMPTY_ROLLUP,
    CalibrationRound,
    PrincipleFigures,
    PrincipleRollup,
    calibration_rounds,
    rollup_by_principle,
    rollup_of_earlier_cycles,
)
from uwvkms.branding import report_branding


@dataclass(frozen=True)
class PrincipleRow:
    principle: ManagementPrinciple
    overall: PrincipleFigures
    execution: PrincipleFigures
    other: PrincipleFigures


@dataclass(frozen=True)
class RoundColumn:
    """A moment of calibration: before round n, or after it."""

    session_number: int
    moment: str  # "before" | "after"


@dataclass(frozen=True)
class RoundRow:
    """A principle's overall figures at each moment of calibration, and the change from the
    first moment to the last (unrounded; None when either has no score)."""

    principle: ManagementPrinciple
    cells: list[PrincipleFigures]
    change: Decimal | None


@dataclass(frozen=True)
class EarlierRow:
    """A principle's overall figures in this cycle and in each earlier cycle; None where the
    principle was not assessed that year."""

    principle: ManagementPrinciple
    cells: list[PrincipleFigures | None]


@dataclass(frozen=True)
class MaturityReport:
    """Mean maturity per principle in scope over the assessed units (DOMAIN.md §3), with and
    without execution processes, how calibration changed it, how it compares with earlier
    cycles, the units left out as not representative, and the method: the draw of the places
    visited."""

    cycle: AuditCycle
    generated_at: datetime
    rows: list[PrincipleRow]
    chart: BarChart
    round_columns: list[RoundColumn]
    round_rows: list[RoundRow]
    earlier_years: list[int]
    earlier_rows: list[EarlierRow]
    exclusions: list[Exclusion]
    draws: list[DistrictDraw]


def build_maturity_report(cycle: AuditCycle) -> MaturityReport:
    principles = list(cycle.principles.all())
    figures = rollup_by_principle(cycle)
    rows = [
        PrincipleRow(
            principle=p,
            overall=figures.get(p.id, EMPTY_ROLLUP).all,
            execution=figures.get(p.id, EMPTY_ROLLUP).execution,
            other=figures.get(p.id, EMPTY_ROLLUP).other,
        )
        for p in principles
    ]
    rounds = calibration_rounds(cycle)
    earlier = rollup_of_earlier_cycles(cycle)
    return MaturityReport(
        cycle=cycle,
        generated_at=timezone.now(),
        rows=rows,
        chart=bar_chart([(row.principle, row.overall) for row in rows]),
        round_columns=[RoundColumn(r.session_number, r.moment) for r in rounds],
        round_rows=_round_rows(principles, rounds),
        earlier_years=[cycle.year, *earlier],
        earlier_rows=_earlier_rows(principles, figures, earlier),
        exclusions=list(exclusions_of(cycle)),
        draws=list(current_draws(cycle)),
    )


def _round_rows(
    principles: list[ManagementPrinciple], rounds: list[CalibrationRound]
) -> list[RoundRow]:
    if not rounds:
        return []
    rows = []
    for principle in principles:
        cells = [r.figures.get(principle.id, EMPTY_ROLLUP).all for r in rounds]
        first, last = cells[0].mean, cells[-1].mean
        change = mean_change(first, last) if first and last and len(cells) > 1 else None
        rows.append(RoundRow(principle=principle, cells=cells, change=change))
    return rows


def _earlier_rows(
    principles: list[ManagementPrinciple],
    current: dict[int, PrincipleRollup],
    earlier: dict[int, dict[int, PrincipleRollup]],
) -> list[EarlierRow]:
    return [
        EarlierRow(
            principle=p,
            cells=[
                current.get(p.id, EMPTY_ROLLUP).all,
                *(figures[p.id].all if p.id in figures else None for figures in earlier.values()),
            ],
        )
        for p in principles
    ]


def maturity_cover(report: MaturityReport) -> Cover:
    """The PDF's cover: the title, the page's status line as subtitle, the cycle's status; the
    maturity report has no version number, so the footer names that status."""
    generated = timezone.localtime(report.generated_at)
    status = str(report.cycle.get_status_display())
    return Cover(
        title=_("Volwassenheid KMS %(year)s") % {"year": report.cycle.year},
        subtitle=_("Status cyclus: %(status)s · gegenereerd op %(date)s")
        % {"status": status, "date": formats.date_format(generated, "j F Y H:i")},
        status=status,
        version="",
        date=formats.date_format(generated, "j F Y"),
        author=AUTHOR,
    )


def render_maturity_report_html(report: MaturityReport, *, for_pdf: bool, request=None) -> str:
    return render_to_string(
        "findings/report/maturity_report.html",
        {
            "report": report,
            "for_pdf": for_pdf,
            "cover": maturity_cover(report),
            "branding": report_branding(),
        },
        request=request,
    )
