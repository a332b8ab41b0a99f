"""Chapter 10 of the UWV-wide report and the appendices: the counted units' management responses
and how their boards recognised the recommendations, the audit's own rating, the maturity model
(Bijlage 1) and the management principles (Bijlage 2). An excluded unit's response and answers
stay out (DOMAIN.md §5)."""

from django.db.models import Count, Q
from django.utils.formats import number_format

from audits.models import AuditCycle
from findings.constants import Recognition
from findings.models import RecommendationResponse, UnitReport
from findings.report.uwv.model import (
    FrameworkItem,
    FrameworkLevel,
    PrincipleSummary,
    RecognitionCounts,
    paragraphs_of,
)
from findings.selectors.ratings import rating_summary
from maturity.selectors import LevelMeanings, level_descriptors


def counted_unit_reports(cycle: AuditCycle, *, excluded: set[int]) -> list[UnitReport]:
    """The reports of the counted units, with their responses, by unit name (chapter 3's table
    and chapter 10). One query."""
    return list(
        UnitReport.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .select_related("response")
        .order_by("unit__name")
    )


def recognition_of(cycle: AuditCycle, *, excluded: set[int], board) -> RecognitionCounts:
    """How the counted units' boards recognised their recommendations in submitted responses,
    and how many of the counted recommendations have no answer yet. One query."""
    recognition = (
        RecommendationResponse.objects.filter(
            recommendation__cycle=cycle, response__submitted_at__isnull=False
        )
        .exclude(recommendation__unit_id__in=excluded)
        .aggregate(
            herkend=Count("id", filter=Q(recognition=Recognition.HERKEND)),
            deels=Count("id", filter=Q(recognition=Recognition.DEELS_HERKEND)),
            niet=Count("id", filter=Q(recognition=Recognition.NIET_HERKEND)),
        )
    )
    total_recommendations = sum(1 for row in board.recommendations if not row.excluded)
    return RecognitionCounts(
        herkend=recognition["herkend"],
        deels=recognition["deels"],
        niet=recognition["niet"],
        unanswered=max(
            total_recommendations
            - recognition["herkend"]
            - recognition["deels"]
            - recognition["niet"],
            0,
        ),
    )


def ratings_of(cycle: AuditCycle, *, excluded: set[int]) -> dict:
    """The audit's own rating by its participants, without their comments; the ratings given
    at an excluded unit left out."""
    ratings = rating_summary(cycle, with_comments=False, excluded_units=excluded)
    return {
        "rating_count": ratings.count,
        "rating_average": number_format(ratings.average, decimal_pos=1)
        if ratings.average is not None
        else None,
        "rating_by_role": [
            (
                r.label,
                r.count,
                number_format(r.average, decimal_pos=1) if r.average is not None else None,
            )
            for r in ratings.by_role
        ],
    }


def appendices_of(
    *, principles, every_principle, frameworks: dict, meanings: LevelMeanings, introduction: str
) -> dict:
    """Bijlage 1 (the generic levels and each framework's levels, named and meant as the
    reference data says: `meanings`) and Bijlage 2 (`introduction`, then every management
    principle's definition and "UWV specifiek" from the reference data, marked where assessed
    this cycle). No query of its own."""
    return {
        "frameworks": [
            FrameworkItem(
                principle=p.name,
                definition=frameworks[p.id].definition.strip() if p.id in frameworks else "",
                levels=[
                    FrameworkLevel(level=d.level.value, label=meanings[d.level].label, text=d.text)
                    for d in level_descriptors(frameworks[p.id], meanings=meanings)
                ],
            )
            for p in principles
            if p.id in frameworks
        ],
        "generic_levels": [
            FrameworkLevel(level=level.value, label=m.label, text=m.meaning)
            for level, m in meanings.items()
        ],
        "all_principles": [
            PrincipleSummary(
                name=p.name,
                definition=paragraphs_of(p.definition),
                uwv_specific=paragraphs_of(p.uwv_specific),
                in_scope=any(q.id == p.id for q in principles),
            )
            for p in every_principle
            if not p.is_basic
        ],
        "principles_introduction": paragraphs_of(introduction),
    }
