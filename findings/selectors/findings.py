"""Reads of the findings of a unit (DOMAIN.md §4): observations, good practices, quotes and
recommendations per principle, and the interviews a quote may come from. Access is checked by
`findings.selectors.unit_reports`; the getters here only find an item within that unit."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils.formats import date_format

from audits.models import AuditCycle, Interview, ManagementPrinciple
from findings.constants import FindingKind
from findings.models import Finding, Quote, Recommendation
from findings.selectors.unit_reports import UnitReportAccess
from maturity.selectors import citable_interviews
from uwvkms.comments import commented
from uwvkms.models import BusinessUnit


@dataclass
class PrincipleFindings:
    """What the auditors wrote about one principle at a unit. `assessed` is False for a
    principle taken out of the unit's scope after something was written about it."""

    principle: ManagementPrinciple
    assessed: bool = True
    observations: list[Finding] = field(default_factory=list)
    good_practices: list[Finding] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.observations or self.good_practices or self.quotes or self.recommendations)


def findings_by_principle(
    *, cycle: AuditCycle, unit: BusinessUnit, principles: list[ManagementPrinciple]
) -> list[PrincipleFindings]:
    """Per assessed principle (in their order) what was written about it at `unit` in
    `cycle`, followed by any principle no longer assessed that still has items. Three queries;
    recommendations come with the board's answer, if any."""
    sections = {p.id: PrincipleFindings(principle=p) for p in principles}

    def section(principle: ManagementPrinciple) -> PrincipleFindings:
        if principle.id not in sections:
            sections[principle.id] = PrincipleFindings(principle=principle, assessed=False)
        return sections[principle.id]

    # `has_thread`: an item with comments is not deleted (`findings_services._delete`).
    for finding in (
        Finding.objects.filter(cycle=cycle, unit=unit)
        .select_related("principle", "updated_by")
        .annotate(has_thread=commented(Finding))
    ):
        target = section(finding.principle)
        if finding.kind == FindingKind.GOEDE_PRAKTIJK:
            target.good_practices.append(finding)
        else:
            target.observations.append(finding)
    for quote in Quote.objects.filter(cycle=cycle, unit=unit).select_related(
        "principle", "interview", "interview__location", "updated_by"
    ):
        section(quote.principle).quotes.append(quote)
    for recommendation in (
        Recommendation.objects.filter(cycle=cycle, unit=unit)
        .select_related("principle", "answer", "updated_by")
        .annotate(has_thread=commented(Recommendation))
    ):
        section(recommendation.principle).recommendations.append(recommendation)
    return list(sections.values())


def _get(queryset: QuerySet, *, access: UnitReportAccess, pk: int):
    item = queryset.filter(cycle=access.cycle, unit=access.unit, pk=pk).first()
    if item is None:
        raise Http404
    return item


def finding_get(*, access: UnitReportAccess, pk: int) -> Finding:
    """An observation or good practice of the unit (404 for one of another unit or cycle)."""
    return _get(Finding.objects.select_related("principle", "updated_by"), access=access, pk=pk)


def recommendation_get(*, access: UnitReportAccess, pk: int) -> Recommendation:
    return _get(
        Recommendation.objects.select_related("principle", "updated_by"), access=access, pk=pk
    )


def quote_get(*, access: UnitReportAccess, pk: int) -> Quote:
    return _get(
        Quote.objects.select_related("principle", "updated_by", "interview__location"),
        access=access,
        pk=pk,
    )


def principle_choices(principles: list[ManagementPrinciple]) -> QuerySet[ManagementPrinciple]:
    """The principles an item may be about: those assessed at the unit, as a queryset."""
    return ManagementPrinciple.objects.filter(pk__in=[p.pk for p in principles])


def quotable_interviews(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[Interview]:
    """The interviews a quote at `unit` may come from: only those the interviewees confirmed
    (DOMAIN.md §2), the same ones a score may cite."""
    return citable_interviews(cycle=cycle, unit=unit)


def interview_label(interview: Interview) -> str:
    """How a quote's interview is named: date and place, never the people interviewed (a quote
    is attributed to the unit's report)."""
    return f"{date_format(interview.held_on, 'SHORT_DATE_FORMAT')} · {interview.location.name}"
