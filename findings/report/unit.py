"""The report of one unit (DOMAIN.md §4): one view-model, one template, shared by the HTML page
and the PDF. Scope, method, the unit's submitted scores per principle with their justification,
observations, good practices, quotes (attributed to the unit's report, never to a person) and
recommendations, and once submitted the board's management response."""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from audits.constants import LocationKind
from audits.models import AuditCycle, Exclusion, ManagementPrinciple
from audits.selectors import current_draws, exclusions_of
from findings.constants import UnitReportStatus
from findings.models import (
    Finding,
    ManagementResponse,
    Quote,
    Recommendation,
    RecommendationResponse,
    UnitReport,
)
from findings.selectors.findings import findings_by_principle
from findings.selectors.unit_reports import answers_of, submitted_response_of
from maturity.constants import ScoreStatus
from maturity.models import Score
from maturity.selectors import citable_documents, citable_interviews, scores_of_unit
from uwvkms.models import BusinessUnit


@dataclass(frozen=True)
class RecommendationLine:
    """A recommendation with the board's answer once the response is submitted (else None)."""

    recommendation: Recommendation
    answer: RecommendationResponse | None


@dataclass(frozen=True)
class PrincipleSection:
    """One principle assessed at the unit. `score` is the submitted score only: a concept
    score is the auditor's work in progress and shows as "nog geen score"."""

    principle: ManagementPrinciple
    assessed: bool
    score: Score | None
    observations: list[Finding]
    good_practices: list[Finding]
    quotes: list[Quote]
    recommendations: list[RecommendationLine]


@dataclass(frozen=True)
class DrawnPlace:
    name: str
    kind: str


@dataclass(frozen=True)
class Method:
    """How the unit was audited: documents delivered, interviews confirmed, places drawn."""

    delivered_documents: int
    confirmed_interviews: int
    drawn_places: list[DrawnPlace]


@dataclass(frozen=True)
class UnitReportDocument:
    cycle: AuditCycle
    unit: BusinessUnit
    report: UnitReport | None
    generated_at: datetime
    principles: list[ManagementPrinciple]  # assessed at the unit
    exclusion: Exclusion | None
    method: Method
    sections: list[PrincipleSection]
    response: ManagementResponse | None  # only once submitted

    @property
    def status(self) -> str:
        return self.report.status if self.report else UnitReportStatus.CONCEPT

    @property
    def status_label(self) -> str:
        return UnitReportStatus(self.status).label

    @property
    def is_concept(self) -> bool:
        return self.status == UnitReportStatus.CONCEPT

    @property
    def recommendation_count(self) -> int:
        return sum(len(section.recommendations) for section in self.sections)

    @property
    def good_practice_count(self) -> int:
        return sum(len(section.good_practices) for section in self.sections)


def build_unit_report(
    *,
    cycle: AuditCycle,
    unit: BusinessUnit,
    report: UnitReport | None,
    principles: list[ManagementPrinciple],
) -> UnitReportDocument:
    """The report of `unit` in `cycle` as it stands now, in a fixed number of queries whatever
    the number of principles and findings."""
    response = submitted_response_of(report)
    answers = answers_of(response)
    scores = scores_of_unit(cycle=cycle, unit=unit)
    sections = []
    for part in findings_by_principle(cycle=cycle, unit=unit, principles=principles):
        score = scores.get(part.principle.id) if part.assessed else None
        sections.append(
            PrincipleSection(
                principle=part.principle,
                assessed=part.assessed,
                score=score if score and score.status == ScoreStatus.INGEDIEND else None,
                observations=part.observations,
                good_practices=part.good_practices,
                quotes=part.quotes,
                recommendations=[
                    RecommendationLine(recommendation=rec, answer=answers.get(rec.pk))
                    for rec in part.recommendations
                ],
            )
        )
    return UnitReportDocument(
        cycle=cycle,
        unit=unit,
        report=report,
        generated_at=timezone.now(),
        principles=principles,
        exclusion=exclusions_of(cycle).filter(unit=unit).first(),
        method=_method(cycle, unit),
        sections=sections,
        response=response,
    )


def _method(cycle: AuditCycle, unit: BusinessUnit) -> Method:
    draw = current_draws(cycle).filter(unit=unit).first()
    kinds = dict(LocationKind.choices)
    return Method(
        delivered_documents=citable_documents(cycle=cycle, unit=unit).count(),
        confirmed_interviews=citable_interviews(cycle=cycle, unit=unit).count(),
        drawn_places=[
            DrawnPlace(name=name, kind=str(kinds.get(kind, kind))) for name, kind in draw.drawn
        ]
        if draw
        else [],
    )


def render_unit_report_html(document: UnitReportDocument, *, for_pdf: bool, request=None) -> str:
    """The report as a standalone HTML document (for the PDF); the page includes its body."""
    return render_to_string(
        "findings/unit/report.html",
        {"document": document, "for_pdf": for_pdf},
        request=request,
    )
