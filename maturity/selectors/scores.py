"""Reads of the maturity scores: access checks, the evidence a score may cite, the auditor's work
list and a score's history."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import AUDIT_TEAM, DocumentStatus, InterviewStatus
from audits.models import AuditCycle, DocumentCheck, Interview, InterviewNote, ManagementPrinciple
from audits.selectors import (
    assessed_principle_ids_by_unit,
    assignments_of_auditor,
    require_audit_capacity,
)
from maturity.constants import ScoreStatus
from maturity.events import SCORE_REOPENED
from maturity.models import Score, ScoreChange
from maturity.score_rules import ScoreLock, score_lock
from maturity.selectors.calibration import is_calibration_frozen
from uwvkms.events import event_label
from uwvkms.history import EMPTY, Change, HistoryEntry, code_label, display_value
from uwvkms.models import BusinessUnit, User


def require_scoring_access(*, user: User, cycle: AuditCycle, unit: BusinessUnit) -> None:
    """403 unless `user` is an auditor on the audit team of `unit` in `cycle`."""
    require_audit_capacity(user, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)


def _scores_with_evidence():
    return Score.objects.select_related("updated_by").prefetch_related(
        Prefetch("cited_interviews", queryset=Interview.objects.select_related("location", "unit")),
        Prefetch(
            "cited_documents",
            queryset=DocumentCheck.objects.select_related("document_type", "unit"),
        ),
    )


def scores_of_unit(*, cycle: AuditCycle, unit: BusinessUnit) -> dict[int, Score]:
    """principle id → the score of `unit` in `cycle`, with the evidence each cites. Three
    queries, whatever the number of principles."""
    return {
        score.principle_id: score
        for score in _scores_with_evidence().filter(cycle=cycle, unit=unit)
    }


def score_for(
    *, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple
) -> Score | None:
    """The score of `unit` for `principle` in `cycle`, with the evidence it cites, or None."""
    return _scores_with_evidence().filter(cycle=cycle, unit=unit, principle=principle).first()


def score_history(score: Score | None) -> QuerySet[ScoreChange]:
    """Every change of `score`, newest first."""
    if score is None:
        return ScoreChange.objects.none()
    return score.changes.select_related("changed_by", "session")


def score_history_rows(score: Score | None) -> list[HistoryEntry]:
    """Every change of `score`, newest first, ready for the history component: the event in
    words (with its calibration round), status and level old → new, and the reason. One query.

    A score's history is read from `ScoreChange` (its source of truth, see the model)."""
    statuses = dict(ScoreStatus.choices)
    return [
        HistoryEntry(
            occurred_at=change.changed_at,
            actor=change.changed_by,
            event=change.event,
            label=_score_change_label(change),
            changes=[
                Change(
                    _("status"),
                    code_label(statuses, change.old_status) if change.old_status else EMPTY,
                    code_label(statuses, change.new_status) if change.new_status else EMPTY,
                ),
                Change(
                    _("niveau"), display_value(change.old_level), display_value(change.new_level)
                ),
            ],
            reason=change.reason,
        )
        for change in score_history(score)
    ]


def _score_change_label(change: ScoreChange) -> str:
    label = event_label(change.event)
    if change.session is None:
        return label
    return _("%(label)s (kalibratieronde %(number)s)") % {
        "label": label,
        "number": change.session.number,
    }


def sent_back_change(score: Score | None) -> ScoreChange | None:
    """The coordination team's sending back of `score` to its auditor in calibration (event
    `maturity.score.reopened`, with its reason and round), while the score is not yet
    re-submitted; else None. One query for a concept score, none otherwise."""
    if score is None or score.status != ScoreStatus.CONCEPT:
        return None
    return (
        score.changes.filter(event=SCORE_REOPENED)
        .select_related("session", "changed_by")
        .order_by("-changed_at", "-id")
        .first()
    )


def ever_submitted(score: Score | None) -> bool:
    """Whether `score` is or once was submitted (a reopened score is a concept again, but others
    have relied on its level). Scores from before scores had a status count as submitted."""
    if score is None:
        return False
    if score.status == ScoreStatus.INGEDIEND or score.submitted_at is not None:
        return True
    return score.changes.filter(
        Q(new_status=ScoreStatus.INGEDIEND) | Q(old_status=ScoreStatus.INGEDIEND)
    ).exists()


def score_lock_for(*, cycle: AuditCycle, score: Score | None) -> ScoreLock | None:
    """What keeps the assigned auditor from changing `score` now (see
    `maturity.score_rules.score_lock`), or None."""
    return score_lock(
        cycle_status=cycle.status,
        calibration_frozen=is_calibration_frozen(cycle),
        score_status=score.status if score else None,
    )


# --- The evidence a score may cite (DOMAIN.md §2, "Evidence") -------------------------------


def citable_interviews(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[Interview]:
    """The interviews a score of `unit` in `cycle` may cite: only those the interviewees
    confirmed count as evidence. With the place and the principles their notes cover."""
    return (
        Interview.objects.filter(cycle=cycle, unit=unit, status=InterviewStatus.BEVESTIGD)
        .select_related("location")
        .prefetch_related(
            Prefetch("notes", queryset=InterviewNote.objects.select_related("principle"))
        )
        .order_by("held_on", "id")
    )


def citable_documents(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[DocumentCheck]:
    """The documents a score of `unit` in `cycle` may cite: only delivered ones count as
    evidence. With their item of the documentation list and the principles they evidence."""
    return (
        DocumentCheck.objects.filter(cycle=cycle, unit=unit, status=DocumentStatus.GELEVERD)
        .select_related("document_type")
        .prefetch_related("principles")
        .order_by("document_type__order", "document_type__name")
    )


# --- The auditor's work list ----------------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """One assessed unit × principle on the auditor's teams, with its score if any."""

    unit: BusinessUnit
    principle: ManagementPrinciple
    score: Score | None

    @property
    def status(self) -> str | None:
        """The score's status, None while not scored."""
        return self.score.status if self.score else None

    @property
    def sent_back(self) -> bool:
        """Sent back to the auditor in calibration and not yet re-submitted (the auditor sees
        "Teruggestuurd", not "concept")."""
        return bool(self.score and getattr(self.score, "is_sent_back", False))


def auditor_work(*, auditor: User, cycle: AuditCycle) -> list[WorkItem]:
    """Every assessed unit × principle on the auditor's teams in `cycle`, with its score if any
    (Basic Kwaliteitsmanagement last, as its principle order puts it). Four queries, whatever the
    number of units."""
    units = [a.unit for a in assignments_of_auditor(auditor=auditor, cycle=cycle)]
    scope = assessed_principle_ids_by_unit(cycle)
    principles = list(cycle.principles.all())
    scores = {
        (s.unit_id, s.principle_id): s
        for s in Score.objects.filter(cycle=cycle, unit__in=units).annotate(
            is_sent_back=Q(status=ScoreStatus.CONCEPT)
            & Exists(ScoreChange.objects.filter(score=OuterRef("pk"), event=SCORE_REOPENED))
        )
    }
    return [
        WorkItem(unit=unit, principle=p, score=scores.get((unit.id, p.id)))
        for unit in units
        for p in principles
        if p.id in scope.get(unit.id, set())
    ]


def recorded_work(cycle: AuditCycle, principle_ids) -> list[str]:
    """Scoring's recorded work in `cycle` (on `principle_ids` only, when given), for
    `audits.selectors.recorded_work`: the scores, concept or submitted. One query."""
    scores = Score.objects.filter(cycle=cycle)
    if principle_ids is not None:
        scores = scores.filter(principle_id__in=principle_ids)
    count = scores.count()
    return [ngettext("%(n)s score", "%(n)s scores", count) % {"n": count}] if count else []


def submitted_levels(cycle: AuditCycle, *, excluded: set[int]) -> list[tuple[int, int, int]]:
    """(unit id, principle id, level) of every submitted score of `cycle` with a level, the
    `excluded` units left out (the UWV-wide report's areas of attention). One query."""
    return list(
        Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND, level__isnull=False)
        .exclude(unit_id__in=excluded)
        .values_list("unit_id", "principle_id", "level")
    )
