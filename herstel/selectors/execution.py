"""Reads of step 3 (execution) and step 4 (evaluation) of one action. Callers pass an action
they got through an access-checked getter (selectors/actions.py); objects inside an action are
fetched only within that action."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from herstel.constants import DossierStatus, GoOutcome
from herstel.models import (
    ControlMeasure,
    Dossier,
    Evaluation,
    ExecutionPlan,
    GoDecision,
    Herstelactie,
    MeasureEvaluation,
)
from herstel.rules import (
    EvaluationState,
    ExecutionFacts,
    evaluation_due_on,
    evaluation_overdue,
)


def execution_plan_of(action: Herstelactie) -> ExecutionPlan | None:
    return ExecutionPlan.objects.filter(herstelactie=action).first()


def go_decisions_of(action: Herstelactie) -> list[GoDecision]:
    """Every go/no-go record, oldest first; the last one counts."""
    return list(
        GoDecision.objects.filter(herstelactie=action)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )


def latest_go_decision(action: Herstelactie) -> GoDecision | None:
    return GoDecision.objects.filter(herstelactie=action).order_by("-recorded_at", "-id").first()


def has_go(action: Herstelactie) -> bool:
    """Whether the latest go/no-go says "go": dossier work may start (or go on)."""
    latest = latest_go_decision(action)
    return latest is not None and latest.outcome == GoOutcome.GO


def execution_facts(action: Herstelactie) -> ExecutionFacts:
    """What the moves out of steps 3 and 4 look at (three queries)."""
    dossiers = Dossier.objects.filter(herstelactie=action).aggregate(
        total=Count("id"), unhandled=Count("id", filter=~Q(status=DossierStatus.AFGEHANDELD))
    )
    evaluations = Evaluation.objects.filter(herstelactie=action).aggregate(
        completed=Count("id", filter=Q(completed_on__isnull=False)),
        planned=Count("id", filter=Q(completed_on__isnull=True)),
    )
    latest = latest_go_decision(action)
    return ExecutionFacts(
        go=latest is not None and latest.outcome == GoOutcome.GO,
        no_go=latest is not None and latest.outcome == GoOutcome.NO_GO,
        dossiers=dossiers["total"],
        unhandled=dossiers["unhandled"],
        evaluations_completed=evaluations["completed"],
        evaluations_planned=evaluations["planned"],
    )


# --- Evaluation -------------------------------------------------------------------------------


def evaluations_of(action: Herstelactie) -> list[Evaluation]:
    """Every evaluation in order, each with its judged measures (two queries)."""
    return list(
        Evaluation.objects.filter(herstelactie=action)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=MeasureEvaluation.objects.select_related("measure").order_by(
                    "measure__due_on", "measure_id"
                ),
            )
        )
        .order_by("number")
    )


def evaluation_get(*, action: Herstelactie, number: int) -> Evaluation:
    evaluation = Evaluation.objects.filter(herstelactie=action, number=number).first()
    if evaluation is None:
        raise Http404
    return evaluation


def evaluation_states(evaluations: list[Evaluation]) -> list[EvaluationState]:
    """The evaluations as the rules see them (from prefetched measures: no query)."""
    return [
        EvaluationState(
            number=e.number,
            completed=e.is_completed,
            measures_not_implemented=sum(1 for m in e.measures.all() if m.implemented is False),
        )
        for e in evaluations
    ]


def evaluation_period_days() -> int:
    return settings.HERSTEL_EVALUATION_DUE_DAYS


def first_evaluation_due(action: Herstelactie):
    """When the first evaluation is due (None while execution runs)."""
    if action.execution_ended_on is None:
        return None
    return evaluation_due_on(action.execution_ended_on, evaluation_period_days())


def first_evaluation_overdue(action: Herstelactie, evaluations: list[Evaluation]) -> bool:
    first = next((e for e in evaluations if e.number == 1), None)
    return evaluation_overdue(
        execution_ended_on=action.execution_ended_on,
        first_completed_on=first.completed_on if first else None,
        today=timezone.localdate(),
        period_days=evaluation_period_days(),
    )


def measures_of(action: Herstelactie) -> list[ControlMeasure]:
    return list(ControlMeasure.objects.filter(herstelactie=action).order_by("due_on", "id"))
