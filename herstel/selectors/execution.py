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
        .select_related("recorded_by", "document_file")
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
    return execution_facts_of([action.pk])[action.pk]


def execution_facts_of(action_ids: list[int]) -> dict[int, ExecutionFacts]:
    """`execution_facts` for many actions at once (three queries, none without actions): the
    latest go/no-go, the dossiers (handled or not) and the evaluations (completed, planned)."""
    if not action_ids:
        return {}
    go = dict(
        GoDecision.objects.filter(herstelactie_id__in=action_ids)
        .order_by("recorded_at", "id")
        .values_list("herstelactie_id", "outcome")
    )  # ordered, so the latest wins
    dossiers = {
        row["herstelactie_id"]: row
        for row in Dossier.objects.filter(herstelactie_id__in=action_ids)
        .values("herstelactie_id")
        .annotate(
            total=Count("id"), unhandled=Count("id", filter=~Q(status=DossierStatus.AFGEHANDELD))
        )
        .order_by()
    }
    evaluations = {
        row["herstelactie_id"]: row
        for row in Evaluation.objects.filter(herstelactie_id__in=action_ids)
        .values("herstelactie_id")
        .annotate(
            completed=Count("id", filter=Q(completed_on__isnull=False)),
            planned=Count("id", filter=Q(completed_on__isnull=True)),
        )
        .order_by()
    }
    return {
        action_id: ExecutionFacts(
            go=go.get(action_id) == GoOutcome.GO,
            no_go=go.get(action_id) == GoOutcome.NO_GO,
            dossiers=dossiers.get(action_id, {}).get("total", 0),
            unhandled=dossiers.get(action_id, {}).get("unhandled", 0),
            evaluations_completed=evaluations.get(action_id, {}).get("completed", 0),
            evaluations_planned=evaluations.get(action_id, {}).get("planned", 0),
        )
        for action_id in action_ids
    }


# --- Evaluation -------------------------------------------------------------------------------


def evaluations_of(action: Herstelactie) -> list[Evaluation]:
    """Every evaluation in order, each with its judged measures (two queries). A measure
    withdrawn meanwhile leaves the evaluations still open; a completed one keeps its judgement."""
    return list(
        Evaluation.objects.filter(herstelactie=action)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=MeasureEvaluation.objects.filter(
                    Q(measure__withdrawn_at__isnull=True)
                    | Q(evaluation__completed_on__isnull=False)
                )
                .select_related("measure")
                .order_by("measure__due_on", "measure_id"),
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
