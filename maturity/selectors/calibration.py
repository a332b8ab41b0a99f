"""Reads of calibration (DOMAIN.md §3, "Calibration"): sessions, the score matrix with its
outliers, the scores under discussion and who may see them."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    DocumentCheck,
    Exclusion,
    Interview,
    ManagementPrinciple,
)
from maturity.constants import (
    OUTLIER_DISTANCE,
    SPREAD_FLAG_DISTANCE,
    ScoreStatus,
    SessionStatus,
)
from maturity.models import CalibrationClosure, CalibrationSession, Score, ScoreChange
from maturity.rules import CalibrationScore, OutlierReason, principle_outliers
from maturity.selectors.blind import CellBlind, cycle_blind_cells
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role


def is_calibration_frozen(cycle: AuditCycle) -> bool:
    """Whether calibration of `cycle` is closed: its scores are frozen until reopened."""
    return CalibrationClosure.objects.filter(cycle=cycle, reopened_at__isnull=True).exists()


def require_calibration_access(user: User) -> None:
    """403 unless `user` is on the coordination team, which runs calibration (DOMAIN.md §1)."""
    if not has_any_role(user, Role.COORDINATIETEAM):
        raise PermissionDenied


# --- sessions -------------------------------------------------------------------------------


def open_session(cycle: AuditCycle) -> CalibrationSession | None:
    """The calibration session of `cycle` that is open now, if any (at most one)."""
    return CalibrationSession.objects.filter(cycle=cycle, status=SessionStatus.OPEN).first()


def sessions_of(cycle: AuditCycle) -> QuerySet[CalibrationSession]:
    """The calibration sessions of `cycle`, round 1 first, with who took part and who opened
    and closed them. Two queries."""
    return (
        CalibrationSession.objects.filter(cycle=cycle)
        .select_related("opened_by", "closed_by")
        .prefetch_related("participants")
        .order_by("number")
    )


def session_get(*, cycle: AuditCycle, number: int) -> CalibrationSession:
    try:
        return (
            CalibrationSession.objects.select_related("cycle", "opened_by", "closed_by")
            .prefetch_related("participants")
            .get(cycle=cycle, number=number)
        )
    except CalibrationSession.DoesNotExist as exc:
        raise Http404 from exc


def session_adjustments(session: CalibrationSession) -> QuerySet[ScoreChange]:
    """What was changed in `session`: calibrated levels and scores reopened for the auditor."""
    return session.adjustments.select_related(
        "changed_by", "score__unit", "score__principle"
    ).order_by("changed_at", "id")


def closures_of(cycle: AuditCycle) -> QuerySet[CalibrationClosure]:
    """Every closing (freeze) of calibration of `cycle` and its reopening, newest first."""
    return CalibrationClosure.objects.filter(cycle=cycle).select_related("closed_by", "reopened_by")


# --- the matrix -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    """One unit × principle of the calibration matrix."""

    principle: ManagementPrinciple
    assessed: bool
    score: Score | None
    reasons: tuple[OutlierReason, ...]
    median: Fraction | None
    # Blind scoring (issue 21 part 2): the team's count while open, the spread once closed.
    blind: CellBlind | None = None

    @property
    def state(self) -> str:
        """absent ("niet getoetst") | missing ("geen score") | concept | submitted."""
        if not self.assessed:
            return "absent"
        if self.score is None:
            return "missing"
        return "submitted" if self.score.status == ScoreStatus.INGEDIEND else "concept"

    @property
    def far_from_median(self) -> bool:
        return OutlierReason.FAR_FROM_MEDIAN in self.reasons

    @property
    def no_evidence(self) -> bool:
        return OutlierReason.NO_EVIDENCE in self.reasons

    @property
    def median_display(self) -> int | Decimal | None:
        return None if self.median is None else _decimal(self.median)

    @property
    def distance(self) -> int | Decimal | None:
        """How many levels the score lies from the median (for the explanation)."""
        if self.score is None or self.score.level is None or self.median is None:
            return None
        return _decimal(abs(self.score.level - self.median))


@dataclass(frozen=True)
class MatrixRow:
    unit: BusinessUnit
    exclusion: Exclusion | None
    cells: list[MatrixCell]


@dataclass(frozen=True)
class MatrixColumn:
    principle: ManagementPrinciple
    median: Fraction | None
    submitted: int
    assessed: int
    outliers: int

    @property
    def median_display(self) -> int | Decimal | None:
        return None if self.median is None else _decimal(self.median)


@dataclass(frozen=True)
class CalibrationMatrix:
    """Units × principles of a cycle with every score side by side and the outliers flagged
    (`maturity.rules.principle_outliers`)."""

    cycle: AuditCycle
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    distance: int = OUTLIER_DISTANCE
    blind_on: bool = False
    spread_distance: int = SPREAD_FLAG_DISTANCE

    @property
    def outlier_count(self) -> int:
        return sum(column.outliers for column in self.columns)

    @property
    def spread_flag_count(self) -> int:
        """Cells where the auditors' own levels differed by two or more (blind scoring)."""
        return sum(
            1 for row in self.rows for cell in row.cells if cell.blind and cell.blind.flagged
        )


def calibration_matrix(cycle: AuditCycle, *, spreads: bool = True) -> CalibrationMatrix:
    """The calibration matrix of `cycle`: every unit with a principle in scope × every principle
    of the cycle (Basic Kwaliteitsmanagement included when in the cycle), with the spread of the
    auditors' own levels where the cycle scores blind (`cycle_blind_cells`). Five queries (eight
    with blind scoring), whatever the number of units, principles and auditors; four without
    `spreads` (a reader that needs only the outliers, such as the work queue)."""
    principles = list(cycle.principles.order_by("order", "name"))
    scope = list(
        AssessedPrinciple.objects.filter(cycle=cycle)
        .select_related("unit")
        .only("unit", "principle_id")
    )
    units = sorted({a.unit for a in scope}, key=lambda unit: unit.name.lower())
    assessed = {(a.unit_id, a.principle_id) for a in scope}
    exclusions = {
        e.unit_id: e for e in Exclusion.objects.filter(cycle=cycle).only("unit_id", "reason")
    }
    scores = {
        (s.unit_id, s.principle_id): s
        for s in _scores_with_evidence_flag(Score.objects.filter(cycle=cycle)).only(
            "id", "unit_id", "principle_id", "level", "status", "version"
        )
    }

    blind = cycle_blind_cells(cycle) if spreads else None

    outliers = {}
    columns = []
    for principle in principles:
        calibration_scores = [
            CalibrationScore(
                unit_id=unit.id,
                level=score.level,
                submitted=score.status == ScoreStatus.INGEDIEND,
                has_evidence=score.has_evidence,
                counted=(unit.id, principle.id) in assessed and unit.id not in exclusions,
            )
            for unit in units
            if (score := scores.get((unit.id, principle.id))) is not None
            and (unit.id, principle.id) in assessed
        ]
        found = principle_outliers(calibration_scores)
        outliers[principle.id] = found
        columns.append(
            MatrixColumn(
                principle=principle,
                median=found.median,
                submitted=sum(s.submitted and s.counted for s in calibration_scores),
                assessed=sum(
                    (u.id, principle.id) in assessed and u.id not in exclusions for u in units
                ),
                outliers=len(found.reasons),
            )
        )
    rows = [
        MatrixRow(
            unit=unit,
            exclusion=exclusions.get(unit.id),
            cells=[
                MatrixCell(
                    principle=principle,
                    assessed=(unit.id, principle.id) in assessed,
                    score=scores.get((unit.id, principle.id)),
                    reasons=outliers[principle.id].reasons.get(unit.id, ()),
                    median=outliers[principle.id].median,
                    blind=blind.get((unit.id, principle.id)) if blind is not None else None,
                )
                for principle in principles
            ],
        )
        for unit in units
    ]
    return CalibrationMatrix(cycle=cycle, columns=columns, rows=rows, blind_on=blind is not None)


def _scores_with_evidence_flag(scores: QuerySet[Score]) -> QuerySet[Score]:
    interviews = Score.cited_interviews.through.objects.filter(score_id=OuterRef("pk"))
    documents = Score.cited_documents.through.objects.filter(score_id=OuterRef("pk"))
    return scores.annotate(has_evidence=Exists(interviews) | Exists(documents))


def _decimal(value: Fraction) -> int | Decimal:
    """A median or distance for display: a whole number as such, a half as 2.5."""
    if value.denominator == 1:
        return value.numerator
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"))


# --- one score under discussion -------------------------------------------------------------


def scores_visible_to(user: User) -> QuerySet[Score]:
    """The scores `user` may see (the rule of `can_see_score`, as a queryset): every score for
    the coordination team; for an auditor the scores of the units on their audit teams; none
    for anyone else."""
    if has_any_role(user, Role.COORDINATIETEAM):
        return Score.objects.all()
    if has_any_role(user, Role.TOETSER):
        return Score.objects.filter(
            Exists(
                Assignment.objects.filter(
                    auditor=user, cycle=OuterRef("cycle"), unit=OuterRef("unit")
                )
            )
        )
    return Score.objects.none()


def can_see_score(*, user: User, score: Score) -> bool:
    """Whether `user` may see `score` (see `scores_visible_to`, the one copy of the rule)."""
    if has_any_role(user, Role.COORDINATIETEAM):
        return True
    return scores_visible_to(user).filter(pk=score.pk).exists()


def score_get_for_user(*, user: User, cycle: AuditCycle, score_id: int) -> Score:
    """The score `score_id` of `cycle` with its evidence, for someone allowed to see it: 404 when
    there is no such score in the cycle, 403 when `user` may not see it."""
    try:
        score = (
            _scores_with_evidence_flag(Score.objects.filter(cycle=cycle))
            .select_related("cycle", "unit", "principle", "updated_by")
            .prefetch_related(
                Prefetch(
                    "cited_interviews",
                    queryset=_interviews().order_by("held_on", "id"),
                ),
                Prefetch(
                    "cited_documents",
                    queryset=_documents().order_by("document_type__order", "id"),
                ),
            )
            .get(pk=score_id)
        )
    except Score.DoesNotExist as exc:
        raise Http404 from exc
    if not can_see_score(user=user, score=score):
        raise PermissionDenied
    return score


def _interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related("location", "unit", "cycle")


def _documents() -> QuerySet[DocumentCheck]:
    return DocumentCheck.objects.select_related("document_type", "unit")


def score_changes(score: Score) -> QuerySet[ScoreChange]:
    """The history of `score`, newest first, with the calibration session of each change."""
    return score.changes.select_related("changed_by", "session")


def phase_facts(cycle: AuditCycle, counted: dict[int, str]) -> dict:
    """Scoring's facts for the readiness of the cycle's next phase (`audits.selectors.readiness`):
    the counted units with a principle in scope still without a submitted score, and whether
    calibration is closed. Two queries."""
    submitted = set(
        Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND).values_list(
            "unit_id", "principle_id"
        )
    )
    missing = {
        unit_id
        for unit_id, principle_id in AssessedPrinciple.objects.filter(
            cycle=cycle, unit_id__in=counted
        ).values_list("unit_id", "principle_id")
        if (unit_id, principle_id) not in submitted
    }
    return {
        "units_with_scores_missing": tuple(
            name for unit_id, name in counted.items() if unit_id in missing
        ),
        "calibration_closed": is_calibration_frozen(cycle),
    }


def calibration_session_count(cycle: AuditCycle) -> int:
    """How many calibration sessions `cycle` held (the UWV-wide report's method facts). One
    query."""
    return CalibrationSession.objects.filter(cycle=cycle).count()
