"""The maturity report of a cycle: one view-model, one template, shared by HTML and PDF."""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from audits.models import AuditCycle, DistrictDraw, Exclusion, ManagementPrinciple
from audits.selectors import current_draws, exclusions_of
from maturity.selectors import PrincipleFigures, rollup_by_principle


@dataclass(frozen=True)
class PrincipleRow:
    principle: ManagementPrinciple
    overall: PrincipleFigures
    execution: PrincipleFigures
    other: PrincipleFigures


@dataclass(frozen=True)
class MaturityReport:
    """Mean maturity per principle in scope over the assessed units (DOMAIN.md §3), with the
    units left out as not representative and the method: the draw of the places visited."""

    cycle: AuditCycle
    generated_at: datetime
    rows: list[PrincipleRow]
    exclusions: list[Exclusion]
    draws: list[DistrictDraw]


def build_maturity_report(cycle: AuditCycle) -> MaturityReport:
    figures = rollup_by_principle(cycle)
    empty = PrincipleFigures(0, None, None, None, (0, 0, 0, 0, 0))
    rows = [
        PrincipleRow(
            principle=p,
            overall=figures.get(p.id, {}).get("all", empty),
            execution=figures.get(p.id, {}).get("execution", empty),
            other=figures.get(p.id, {}).get("other", empty),
        )
        for p in cycle.principles.all()
    ]
    return MaturityReport(
        cycle=cycle,
        generated_at=timezone.now(),
        rows=rows,
        exclusions=list(exclusions_of(cycle)),
        draws=list(current_draws(cycle)),
    )


def render_maturity_report_html(report: MaturityReport, *, for_pdf: bool, request=None) -> str:
    return render_to_string(
        "findings/report/maturity_report.html",
        {"report": report, "for_pdf": for_pdf},
        request=request,
    )
