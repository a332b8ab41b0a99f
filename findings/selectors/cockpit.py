"""The cycle cockpit (coördinatieteam): where every unit of a cycle stands per stage of the
audit, with totals per stage and what still blocks the cycle's next phase (DOMAIN.md §2–§4).

Counting is done by the database, one grouped query per source, then `findings.cockpit_rules`
reads the stages: a fixed number of queries whatever the number of units and principles."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse

from audits.constants import NEXT_STATUS, CycleStatus, DocumentStatus, InterviewStatus
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    DistrictDraw,
    DocumentCheck,
    DocumentType,
    Exclusion,
    Interview,
)
from audits.rules import ReadinessRule
from audits.selectors.readiness import cycle_readiness
from audits.selectors.requests import open_request_items_by_unit
from findings.cockpit_rules import (
    STAGE_LABELS,
    BlockerKind,
    PhaseBlocker,
    Stage,
    StageStatus,
    UnitProgress,
    UnitStages,
    blocker_text,
    phase_blockers,
    unit_stages,
)
from findings.models import UnitReport
from findings.selectors.follow_up import cycle_follow_up
from maturity.events import SCORE_CALIBRATED
from maturity.models import ScoreChange
from maturity.selectors import is_calibration_frozen
from maturity.selectors.calibration import calibration_matrix
from uwvkms.models import BusinessUnit
from uwvkms.review import ReviewCounts, review_counts, review_counts_text


@dataclass(frozen=True)
class CockpitCell:
    """One unit × stage: its status and the page where that work is done."""

    stage: Stage
    status: StageStatus
    url: str

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self.stage])


@dataclass(frozen=True)
class CockpitRow:
    unit: BusinessUnit
    exclusion: Exclusion | None
    progress: UnitProgress
    cells: list[CockpitCell]
    # Items of the unit's request list still open (issue 21 §1); None: no list sent.
    open_request_items: int | None = None
    # The review of the unit's fieldwork (issue 21 §3): counts per review status.
    review: ReviewCounts = field(default_factory=ReviewCounts)
    unit_year: int = 0

    @property
    def review_text(self) -> str:
        return review_counts_text(self.review)

    @property
    def review_url(self) -> str:
        return reverse("findings:unit_review", args=[self.unit_year, self.unit.pk])

    @property
    def is_backlog(self) -> bool:
        """Whether any stage of the unit is an achterstand. An excluded unit has none, as it
        never blocks the next phase (`phase_blockers`): its cells still show where it stands."""
        return self.exclusion is None and any(cell.status.is_backlog for cell in self.cells)


@dataclass(frozen=True)
class ColumnTotal:
    """One stage over the shown units that count (excluded units do not, as in the blockers):
    how many finished it, how many have an achterstand there, and the summed counts where the
    stage counts items (documents, interviews, scores, actions)."""

    stage: Stage
    label: str
    finished: int
    backlog: int
    units: int
    done_items: int | None = None
    all_items: int | None = None


@dataclass(frozen=True)
class BlockerLine:
    text: str
    units: tuple[str, ...]


@dataclass(frozen=True)
class CycleCockpit:
    """The cockpit of one cycle, as the page and the XLSX export show it."""

    cycle: AuditCycle
    today: date
    only_backlog: bool
    rows: list[CockpitRow]
    unit_count: int  # all units of the cycle, also those the filter hides
    excluded_shown: int  # excluded units among the rows shown, left out of the totals
    totals: list[ColumnTotal]
    blockers: list[BlockerLine]  # what is still open by now (achterstanden), all units
    readiness: list[ReadinessRule]  # the guarded move's rules: failing ones block the phase
    open_request_items: int = 0  # items of the shown units' request lists still open

    @property
    def stages(self) -> list[tuple[Stage, str]]:
        return [(stage, STAGE_LABELS[stage]) for stage in Stage]

    @property
    def failing_rules(self) -> list[ReadinessRule]:
        return [rule for rule in self.readiness if not rule.holds]

    @property
    def review_waiting(self) -> int:
        """Fieldwork of the units shown that is not yet beoordeeld (issue 21 §3): the sum of the
        rows' review cells, excluded units too (their scores wait for review like any other's),
        as the open request items."""
        return sum(row.review.waiting for row in self.rows)

    @property
    def next_status_label(self) -> str | None:
        following = NEXT_STATUS.get(self.cycle.status)
        return CycleStatus(following).label if following else None


# Per stage the two UnitProgress fields counted as "n of m" in the totals.
_ITEM_COUNTS = {
    Stage.DOCUMENTS: ("documents_judged", "documents_total"),
    Stage.INTERVIEWS: ("interviews_confirmed", "interviews_total"),
    Stage.SCORES: ("scores_submitted", "principles_in_scope"),
    Stage.FOLLOW_UP: ("actions_measured", "actions_due"),
}


def cycle_cockpit(cycle: AuditCycle, *, today: date, only_backlog: bool = False) -> CycleCockpit:
    """Every unit of `cycle` (principles in scope or an audit team) with the status of each
    stage, the totals per stage over the rows shown, and the blockers of the next phase over
    all units. With `only_backlog` only the units with an achterstand somewhere. A fixed number
    of queries, whatever the number of units and principles."""
    closed = is_calibration_frozen(cycle)
    progress = _progress_by_unit(cycle, today=today, calibration_closed=closed)
    unit_ids = list(progress)
    units = BusinessUnit.objects.filter(pk__in=unit_ids).order_by("name")
    exclusions = {e.unit_id: e for e in Exclusion.objects.filter(cycle=cycle)}
    open_requests = open_request_items_by_unit(cycle)
    reviews = review_counts(cycle.pk)
    rows = []
    for unit in units:
        stages = unit_stages(progress[unit.pk], cycle_status=cycle.status)
        rows.append(
            CockpitRow(
                unit=unit,
                exclusion=exclusions.get(unit.pk),
                progress=progress[unit.pk],
                review=reviews.get(unit.pk, ReviewCounts()),
                unit_year=cycle.year,
                cells=[
                    CockpitCell(
                        stage=stage, status=stages[stage], url=_stage_url(stage, cycle, unit)
                    )
                    for stage in Stage
                ],
                open_request_items=open_requests.get(unit.pk),
            )
        )
    blockers = phase_blockers(
        cycle_status=cycle.status,
        period_set=cycle.period_start is not None and cycle.period_end is not None,
        calibration_closed=closed,
        units=[
            UnitStages(
                name=row.unit.name,
                excluded=row.exclusion is not None,
                stages={cell.stage: cell.status for cell in row.cells},
            )
            for row in rows
        ],
    )
    shown = [row for row in rows if row.is_backlog] if only_backlog else rows
    return CycleCockpit(
        cycle=cycle,
        today=today,
        only_backlog=only_backlog,
        rows=shown,
        unit_count=len(rows),
        excluded_shown=sum(row.exclusion is not None for row in shown),
        totals=_totals([row for row in shown if row.exclusion is None]),
        # What the readiness rules do not already say: the other stages still open by now.
        blockers=[_blocker_line(b) for b in blockers if not _said_by_the_rules(b)],
        readiness=cycle_readiness(cycle),
        open_request_items=sum(row.open_request_items or 0 for row in shown),
    )


# The readiness rules of the next phase (`audits.rules.phase_readiness`) already speak of the
# period, the units in scope, calibration, the teams and the scores.
_RULED = {BlockerKind.PERIOD, BlockerKind.NO_UNITS, BlockerKind.CALIBRATION_OPEN}
_RULED_STAGES = {Stage.TEAM, Stage.SCORES}


def _said_by_the_rules(blocker: PhaseBlocker) -> bool:
    return blocker.kind in _RULED or blocker.stage in _RULED_STAGES


def _blocker_line(blocker: PhaseBlocker) -> BlockerLine:
    return BlockerLine(text=blocker_text(blocker), units=blocker.units)


def _totals(rows: list[CockpitRow]) -> list[ColumnTotal]:
    totals = []
    for index, stage in enumerate(Stage):
        statuses = [row.cells[index].status for row in rows]
        fields = _ITEM_COUNTS.get(stage)
        totals.append(
            ColumnTotal(
                stage=stage,
                label=str(STAGE_LABELS[stage]),
                finished=sum(s.finished for s in statuses),
                backlog=sum(s.is_backlog for s in statuses),
                units=len(rows),
                done_items=sum(getattr(r.progress, fields[0]) for r in rows) if fields else None,
                all_items=sum(getattr(r.progress, fields[1]) for r in rows) if fields else None,
            )
        )
    return totals


def _stage_url(stage: Stage, cycle: AuditCycle, unit: BusinessUnit) -> str:
    """The page where the coordination team follows (or does) the work of `stage` at `unit`."""
    year, unit_id = cycle.year, unit.pk
    match stage:
        case Stage.TEAM:
            return reverse("audits:cycle_teams", args=[year])
        case Stage.DISTRICTS:
            return reverse("audits:districts", args=[year, unit_id])
        case Stage.DOCUMENTS:
            return reverse("audits:document_checklist", args=[year, unit_id])
        case Stage.INTERVIEWS:
            return reverse("audits:interview_list", args=[year, unit_id])
        case Stage.SCORES | Stage.CALIBRATION:
            return reverse("maturity:calibration_matrix", args=[year])
        case Stage.REPORT | Stage.RESPONSE:
            return reverse("findings:unit_report", args=[year, unit_id])
        case Stage.FOLLOW_UP:
            return reverse("findings:follow_up_unit", args=[year, unit_id])


def _progress_by_unit(
    cycle: AuditCycle, *, today: date, calibration_closed: bool
) -> dict[int, UnitProgress]:
    """unit id → its counts, for every unit with principles in scope or an audit team."""
    scope: dict[int, int] = {}
    for unit_id in AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", flat=True):
        scope[unit_id] = scope.get(unit_id, 0) + 1
    teams = {
        row["unit_id"]: row
        for row in Assignment.objects.filter(cycle=cycle)
        .values("unit_id")
        .annotate(n=Count("id"), leads=Count("id", filter=Q(is_lead=True)))
        .order_by()
    }
    draws = dict(
        DistrictDraw.objects.filter(cycle=cycle, is_current=True).values_list("unit_id", "count")
    )
    active_types = DocumentType.objects.filter(is_active=True).count()
    documents = {
        row["unit_id"]: row
        for row in DocumentCheck.objects.filter(cycle=cycle)
        .values("unit_id")
        .annotate(
            judged=Count("id", filter=~Q(status=DocumentStatus.OPEN)),
            inactive=Count("id", filter=Q(document_type__is_active=False)),
        )
        .order_by()
    }
    interviews = {
        row["unit_id"]: row
        for row in Interview.objects.filter(cycle=cycle)
        .values("unit_id")
        .annotate(n=Count("id"), confirmed=Count("id", filter=Q(status=InterviewStatus.BEVESTIGD)))
        .order_by()
    }
    matrix = calibration_matrix(cycle)
    submitted = {
        row.unit.pk: sum(cell.state == "submitted" for cell in row.cells) for row in matrix.rows
    }
    outliers = {row.unit.pk: sum(bool(cell.reasons) for cell in row.cells) for row in matrix.rows}
    adjusted = dict(
        ScoreChange.objects.filter(score__cycle=cycle, event=SCORE_CALIBRATED)
        .values("score__unit_id")
        .annotate(n=Count("score_id", distinct=True))
        .values_list("score__unit_id", "n")
        .order_by()
    )
    reports = dict(UnitReport.objects.filter(cycle=cycle).values_list("unit_id", "status"))
    follow_up = {row.unit.pk: row for row in cycle_follow_up(cycle, today=today)}

    progress = {}
    for unit_id in scope.keys() | teams.keys():
        team = teams.get(unit_id, {})
        docs = documents.get(unit_id, {})
        talks = interviews.get(unit_id, {})
        actions = follow_up.get(unit_id)
        progress[unit_id] = UnitProgress(
            team_size=team.get("n", 0),
            has_lead=bool(team.get("leads")),
            districts_drawn=draws.get(unit_id, 0),
            documents_judged=docs.get("judged", 0),
            documents_total=active_types + docs.get("inactive", 0),
            interviews_confirmed=talks.get("confirmed", 0),
            interviews_total=talks.get("n", 0),
            scores_submitted=submitted.get(unit_id, 0),
            principles_in_scope=scope.get(unit_id, 0),
            outliers=outliers.get(unit_id, 0),
            adjusted=adjusted.get(unit_id, 0),
            calibration_closed=calibration_closed,
            report_status=reports.get(unit_id),
            response_status=actions.response_status if actions else None,
            actions_due=actions.counts.due if actions else 0,
            actions_measured=actions.counts.done_with_effect if actions else 0,
            actions_overdue=actions.counts.overdue if actions else 0,
            actions_without_effect=actions.counts.done_without_effect if actions else 0,
            recognised_without_action=actions.without_action if actions else 0,
        )
    return progress
