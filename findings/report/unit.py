"""The report of one unit (DOMAIN.md §4): one view-model, one template, shared by the HTML page
and the PDF. Scope, method, the unit's submitted scores per principle with their justification,
observations, good practices, quotes (attributed to the unit's report, never to a person) and
recommendations, and once submitted the board's management response."""

from dataclasses import dataclass
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

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
from findings.report.cover import Cover
from findings.selectors.findings import findings_by_principle
from findings.selectors.unit_reports import answers_of, submitted_response_of
from maturity.constants import ScoreStatus
from maturity.models import Score
from maturity.selectors import citable_documents, citable_interviews, scores_of_unit
from uwvkms.branding import report_branding
from uwvkms.models import BusinessUnit

AUTHOR = "Interne Toets KMS"


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


def long_date(value: date | datetime) -> str:
    """As the template's |date:"j F Y": a moment in local time, in Dutch ("7 december 2026")."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y")


def unit_cover(document: UnitReportDocument) -> Cover:
    """The cover of the PDF and the Word file: the title, the page's status line as subtitle;
    a unit report has no version number, so the footer names its status."""
    subtitle = _("Status: %(status)s · gegenereerd op %(date)s") % {
        "status": document.status_label,
        "date": long_date(document.generated_at),
    }
    report = document.report
    if report and report.agreed_on:
        subtitle += " · " + _("afgestemd op %(date)s met %(who)s") % {
            "date": long_date(report.agreed_on),
            "who": report.agreed_with,
        }
    if report and report.finalised_at:
        subtitle += " · " + _("definitief sinds %(date)s") % {
            "date": long_date(report.finalised_at)
        }
    return Cover(
        title=_("Rapport %(unit)s · Interne Toets KMS %(year)s")
        % {"unit": document.unit.name, "year": document.cycle.year},
        subtitle=subtitle,
        status=document.status_label,
        version="",
        date=long_date(document.generated_at),
        author=AUTHOR,
    )


def render_unit_report_html(document: UnitReportDocument, *, for_pdf: bool, request=None) -> str:
    """The report as a standalone HTML document (for the PDF); the page includes its body."""
    return render_to_string(
        "findings/unit/report.html",
        {
            "document": document,
            "for_pdf": for_pdf,
            "cover": unit_cover(document),
            "branding": report_branding(),
        },
        request=request,
    )
