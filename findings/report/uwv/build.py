"""Building the UWV-wide report of a cycle (DOMAIN.md §5): the reference data read once, then
the chapters in reading order (the numbering hands out chapter and section numbers as they come).
An excluded unit's material stays out of every chapter: only the exclusion facts and their
footnote name it."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from audits.models import AssessedPrinciple, AuditCycle, ManagementPrinciple
from audits.selectors import exclusions_of
from findings.report.uwv.front import (
    chart_of,
    examples_and_attention,
    front_headings,
    maturity_lines_of,
    method_facts,
    threads_of,
    unit_statuses_of,
)
from findings.report.uwv.model import ExclusionItem, Numbering, UwvReport
from findings.report.uwv.principles import (
    findings_chapter,
    items_by_principle,
    principle_chapter,
    themes_of_recommendations,
)
from findings.report.uwv.responses import (
    appendices_of,
    closing_headings,
    counted_unit_reports,
    ratings_of,
    recognition_of,
    responses_of,
)
from findings.report.uwv.texts import AUTHOR, footnotes_of, front_matter_values, narratives_of
from findings.selectors.rollup import BoardReference, rollup_board
from maturity.selectors import frameworks_of_cycle
from maturity.selectors import rollup_by_principle as maturity_rollup
from uwvkms.models import BusinessUnit


def build_uwv_report(
    cycle: AuditCycle,
    *,
    status: str = "Concept",
    version: str = "",
    generated_at: datetime | None = None,
    published_at: datetime | None = None,
) -> UwvReport:
    """The UWV-wide report of `cycle`. A constant number of queries, whatever the number of
    units, principles and findings. Its date is the team's report date, or else the day of
    `published_at` (when the version was published), or else the day it is generated (the live
    concept)."""
    generated_at = generated_at or timezone.now()
    front = front_matter_values(cycle, dated=timezone.localdate(published_at or generated_at))
    # Read once, shared with the roll-up board and the appendices.
    every_principle = list(ManagementPrinciple.objects.order_by("order", "name"))
    in_cycle = set(cycle.principles.values_list("id", flat=True))
    principles = [p for p in every_principle if p.id in in_cycle]
    regular = [p for p in principles if not p.is_basic]
    basic_principle = next((p for p in principles if p.is_basic), None)
    units = {u.id: u for u in BusinessUnit.objects.order_by("name")}
    exclusions = list(exclusions_of(cycle))
    excluded = {e.unit_id for e in exclusions}
    scope = list(
        AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", "principle_id")
    )
    assessed_unit_ids = {u for u, _p in scope}
    counted_ids = sorted(assessed_unit_ids - excluded, key=lambda u: units[u].name)
    figures = maturity_rollup(cycle)

    n = Numbering()
    h = front_headings(n)
    board = rollup_board(
        cycle,
        reference=BoardReference(
            units=units,
            principles={p.id: p for p in every_principle},
            in_cycle=in_cycle,
            excluded=excluded,
        ),
    )
    h["hoofdbevindingen"], main_findings = findings_chapter(n, board)
    items = items_by_principle(
        cycle, units=units, excluded=excluded, recommendations=board.recommendations
    )
    frameworks = {
        entry.principle.id: entry.framework
        for entry in frameworks_of_cycle(cycle, principles=principles)
    }
    themes_of_recommendation = themes_of_recommendations(board)

    def chapter(principle):
        return principle_chapter(
            principle,
            n=n,
            figures=figures,
            items=items,
            frameworks=frameworks,
            units=units,
            themes_of_recommendation=themes_of_recommendation,
        )

    chapters = [chapter(p) for p in regular]
    basic = chapter(basic_principle) if basic_principle else None
    if basic is None:
        h["basic"] = n.chapter_heading(_("Basic Kwaliteitsmanagement"), "basic")
    h.update(closing_headings(n, chapter_10_title=front.chapter_10_title))

    examples, attention = examples_and_attention(
        cycle, units=units, excluded=excluded, principles=principles, items=items
    )
    unit_reports = counted_unit_reports(cycle, excluded=excluded)
    recognition = recognition_of(cycle, excluded=excluded, board=board)
    ratings = ratings_of(cycle)
    narratives = narratives_of(
        cycle,
        status=status,
        principles=[p.name for p in regular],
        main_findings=[m.title for m in main_findings],
        examples=examples,
        unit_count=len(counted_ids),
        addressees=front.addressees,
    )

    return UwvReport(
        year=cycle.year,
        title=_("Interne Toets KMS %(year)s") % {"year": cycle.year},
        status=status,
        version=version,
        date=front.date,
        generated_at=generated_at,
        author=AUTHOR,
        addressees=front.addressees,
        toc=n.toc,
        h=h,
        narratives=narratives,
        principles_in_scope=[p.name for p in principles],
        units_assessed=[units[u].name for u in counted_ids],
        units_with_execution=sum(1 for u in counted_ids if units[u].has_execution_processes),
        units_without_execution=sum(1 for u in counted_ids if not units[u].has_execution_processes),
        exclusions=[ExclusionItem(unit=e.unit.name, reason=e.reason) for e in exclusions],
        **method_facts(cycle, excluded=excluded),
        unit_statuses=unit_statuses_of(unit_reports, units=units),
        thread_threshold=board.threshold,
        threads=threads_of(board),
        chart=chart_of(principles, figures),
        maturity=maturity_lines_of(principles, figures),
        examples_execution=examples["execution"],
        examples_other=examples["other"],
        attention=attention,
        main_findings=main_findings,
        chapters=chapters,
        basic=basic,
        recognition=recognition,
        responses=responses_of(unit_reports, units=units),
        **ratings,
        **appendices_of(
            principles=principles, every_principle=every_principle, frameworks=frameworks
        ),
        footnotes=footnotes_of(exclusions),
    )
