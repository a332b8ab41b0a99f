"""The material of the UWV-wide report's hoofdbevindingen and principle chapters: the main
findings, and per assessed principle (and Basic Kwaliteitsmanagement) its figures and the counted
units' observations, good practices, quotes and recommendations. The excluded units' material stays out (DOMAIN.md §5)."""

from collections import defaultdict

from django.utils.translation import gettext as _

from audits.models import AuditCycle
from findings.constants import FindingKind
from findings.models import Finding, Quote
from findings.report.uwv.model import (
    Heading,
    MainFindingItem,
    PrincipleData,
    RecommendationItem,
    UnitItem,
    figures_of,
)
from findings.selectors.rollup import BoardRecommendation
from maturity.selectors import EMPTY_ROLLUP
from uwvkms.models import BusinessUnit


def main_findings_of(board) -> list[MainFindingItem]:
    """The confirmed hoofdbevindingen, naming the counted units only (the roll-up board leaves
    the excluded out of every verdict). Their headings get numbers where the report places
    them (`build.place_main_findings`)."""
    items: list[MainFindingItem] = []
    for row in board.themes:
        if row.main_finding is None:
            continue
        n = len(items) + 1
        items.append(
            MainFindingItem(
                heading=Heading(
                    number="",
                    title=_("Hoofdbevinding %(n)s: %(title)s")
                    % {"n": n, "title": row.main_finding.title},
                    anchor=f"hoofdbevinding-{n}",
                    level=2,
                ),
                title=row.main_finding.title,
                description=row.theme.description,
                advice=row.main_finding.advice,
                units=[u.name for u in row.units],
                principles=[p.name for p in row.principles],
            )
        )
    return items


def themes_of_recommendations(board) -> dict[int, list[str]]:
    """recommendation id → the titles of the themes it is grouped into."""
    themes: dict[int, list[str]] = defaultdict(list)
    for board_row in board.recommendations:
        themes[board_row.recommendation.pk] = [t.title for t in board_row.themes]
    return themes


def principle_data(
    principle,
    *,
    figures,
    items: dict[int, dict[str, list]],
    frameworks: dict,
    units: dict[int, BusinessUnit],
    themes_of_recommendation: dict[int, list[str]],
) -> PrincipleData:
    """What the blocks of one principle's chapter (or Basic Kwaliteitsmanagement's) show: its
    definition from the cycle's framework, its figures and the counted units' items."""
    rollup = figures.get(principle.id, EMPTY_ROLLUP)
    found = items.get(principle.id, {})
    framework = frameworks.get(principle.id)
    return PrincipleData(
        code=principle.code,
        is_basic=principle.is_basic,
        name=principle.name,
        definition=framework.definition.strip() if framework else "",
        figures=figures_of(rollup.all),
        execution=figures_of(rollup.execution),
        other=figures_of(rollup.other),
        observations=found.get("observations", []),
        good_practices=found.get("good_practices", []),
        recommendations=[
            RecommendationItem(
                unit=units[r.unit_id].name,
                title=r.title,
                text=r.text,
                priority=str(r.get_priority_display()),
                themes=themes_of_recommendation.get(r.pk, []),
            )
            for r in found.get("recommendations", [])
        ],
        quotes=found.get("quotes", []),
    )


def items_by_principle(
    cycle: AuditCycle,
    *,
    units: dict[int, BusinessUnit],
    excluded: set[int],
    recommendations: list[BoardRecommendation],
) -> dict[int, dict[str, list]]:
    """principle id → observations, good practices, quotes (as UnitItems) and recommendations of
    the counted units. Two queries; the recommendations come from the roll-up board, whose
    order (unit name, principle, id) is the chapters' order within each principle."""
    items: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for principle_id, unit_id, kind, text in (
        Finding.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .order_by("principle__order", "unit__name", "id")
        .values_list("principle_id", "unit_id", "kind", "text")
    ):
        key = "good_practices" if kind == FindingKind.GOEDE_PRAKTIJK else "observations"
        items[principle_id][key].append(UnitItem(unit=units[unit_id].name, text=text))
    for principle_id, unit_id, text in (
        Quote.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .order_by("principle__order", "unit__name", "id")
        .values_list("principle_id", "unit_id", "text")
    ):
        items[principle_id]["quotes"].append(UnitItem(unit=units[unit_id].name, text=text))
    for row in recommendations:
        if not row.excluded:
            recommendation = row.recommendation
            items[recommendation.principle_id]["recommendations"].append(recommendation)
    return items
