"""Writes of step 4 (DOMAIN.md §6, "Evalueren"): the lead division records how clients
experienced the action and the communication (with any survey figures), how the internal
process went, and per control measure of step 1 whether it was implemented and works; it
completes the evaluation, and plans a second or third one when measures were not yet in place.
Every change is recorded old → new on the action."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import Effectiveness, Operation
from herstel.events import (
    EVALUATION_CANCELLED,
    EVALUATION_COMPLETED,
    EVALUATION_PLANNED,
    EVALUATION_SAVED,
)
from herstel.models import ControlMeasure, Evaluation, Herstelactie, MeasureEvaluation
from herstel.rules import (
    MeasureJudgement,
    evaluation_gaps,
    follow_up_blockers,
    measure_judgement_problems,
)
from herstel.selectors.execution import evaluation_states, evaluations_of
from herstel.services.guards import locked, require_operation
from uwvkms.changes import changes_between, plain
from uwvkms.dates import not_in_future
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check

EVALUATION_FIELDS = (
    "client_experience",
    "survey_invited",
    "survey_responses",
    "survey_satisfied",
    "survey_score",
    "internal_process",
    "lessons",
)
EVALUATION_EVENTS = (EVALUATION_SAVED, EVALUATION_COMPLETED)


def evaluation_plan_first(
    *, actor: User, herstelactie: Herstelactie, planned_on: date
) -> Evaluation:
    """Plan the first evaluation when execution ends (called by the step move to step 4, inside
    its transaction), with every control measure of step 1 still to judge."""
    require_operation(actor, herstelactie, Operation.EDIT_EVALUATION)
    return _plan(actor=actor, herstelactie=herstelactie, number=1, planned_on=planned_on)


def _plan(
    *, actor: User, herstelactie: Herstelactie, number: int, planned_on: date | None, reason=""
) -> Evaluation:
    evaluation = Evaluation(
        herstelactie=herstelactie,
        number=number,
        planned_on=planned_on,
        planned_reason=reason,
        created_by=actor,
        updated_by=actor,
    )
    evaluation.full_clean()
    evaluation.save()
    MeasureEvaluation.objects.bulk_create(
        MeasureEvaluation(evaluation=evaluation, measure=measure)
        for measure in ControlMeasure.objects.filter(herstelactie=herstelactie)
    )
    audit_event_record(
        event=EVALUATION_PLANNED,
        actor=actor,
        target=herstelactie,
        changes={
            "evaluation": [None, number],
            "planned_on": [None, planned_on.isoformat() if planned_on else None],
        },
        reason=reason,
    )
    return evaluation


def _locked_evaluation(actor: User, evaluation: Evaluation) -> tuple[Herstelactie, Evaluation]:
    herstelactie = locked(evaluation.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_EVALUATION)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    return herstelactie, evaluation


def _require_open(evaluation: Evaluation) -> None:
    if evaluation.is_completed:
        raise ValidationError(
            _("Evaluatie %s is afgerond en ligt vast; plan zo nodig een volgende evaluatie.")
            % evaluation.number
        )


def _open_judgements(evaluation: Evaluation) -> list[MeasureEvaluation]:
    """The measures an open evaluation judges: those not withdrawn meanwhile."""
    return list(
        MeasureEvaluation.objects.filter(evaluation=evaluation, measure__withdrawn_at__isnull=True)
        .select_related("measure")
        .order_by("measure__due_on", "measure_id")
    )


def _measure_key(measure: ControlMeasure, part: str) -> str:
    """The event log's name for one part of a measure's judgement, readable as it stands in
    the timeline (e.g. "maatregel “Extra controle”: werkt")."""
    return _("maatregel “%(measure)s”: %(part)s") % {
        "measure": measure.description[:60],
        "part": part,
    }


def _snapshot(evaluation: Evaluation, judged: list[MeasureEvaluation]) -> dict:
    snapshot = {name: plain(getattr(evaluation, name)) for name in EVALUATION_FIELDS}
    for item in judged:
        measure = item.measure
        snapshot[_measure_key(measure, _("geïmplementeerd"))] = item.implemented
        snapshot[_measure_key(measure, _("werkt"))] = (
            str(Effectiveness(item.effective).label) if item.effective else None
        )
        snapshot[_measure_key(measure, _("bewijs"))] = item.evidence or None
    return snapshot


@transaction.atomic
def evaluation_save(
    *,
    actor: User,
    evaluation: Evaluation,
    expected_version: int,
    client_experience: str,
    internal_process: str,
    lessons: str = "",
    survey_invited: int | None = None,
    survey_responses: int | None = None,
    survey_satisfied: int | None = None,
    survey_score: Decimal | None = None,
    measures: Mapping[int, MeasureJudgement] | None = None,
) -> Evaluation:
    """Save an open evaluation (advisers of the lead division, step 4): the client experience
    with the survey figures, the internal process, the lessons, and per control measure
    (`measures`: measure id → judgement) implemented, effective and the evidence. May be
    incomplete; completing it is `evaluation_complete`. A stale save is refused with
    EditConflict."""
    herstelactie, evaluation = _locked_evaluation(actor, evaluation)
    _require_open(evaluation)
    version_check(evaluation, expected_version=expected_version, what=_("Deze evaluatie"))
    judged = _open_judgements(evaluation)
    old = _snapshot(evaluation, judged)
    evaluation.client_experience = (client_experience or "").strip()
    evaluation.internal_process = (internal_process or "").strip()
    evaluation.lessons = (lessons or "").strip()
    evaluation.survey_invited = survey_invited
    evaluation.survey_responses = survey_responses
    evaluation.survey_satisfied = survey_satisfied
    evaluation.survey_score = survey_score
    errors = {}
    for item in judged:
        judgement = (measures or {}).get(item.measure_id)
        if judgement is None:
            continue
        problems = measure_judgement_problems(judgement)
        if problems:
            errors[f"measure_{item.measure_id}"] = problems
        item.implemented = judgement.implemented
        item.effective = judgement.effective or ""
        item.evidence = (judgement.evidence or "").strip()
    if errors:
        raise ValidationError(errors)
    evaluation.full_clean(exclude=["herstelactie", "created_by"])
    changes = changes_between(old, _snapshot(evaluation, judged))
    if not changes:
        return evaluation
    evaluation.touch(actor)
    evaluation.save()
    MeasureEvaluation.objects.bulk_update(judged, ["implemented", "effective", "evidence"])
    audit_event_record(
        event=EVALUATION_SAVED,
        actor=actor,
        target=herstelactie,
        changes={"evaluation": [evaluation.number, evaluation.number], **changes},
    )
    return evaluation


@transaction.atomic
def evaluation_complete(
    *, actor: User, evaluation: Evaluation, expected_version: int, completed_on: date
) -> Evaluation:
    """Complete an evaluation: refused with what is missing (rules.evaluation_gaps) until the
    client experience, the internal process and every control measure are recorded. Once
    completed it is read-only; the action may then close, or a next evaluation be planned when
    measures were not yet in place."""
    herstelactie, evaluation = _locked_evaluation(actor, evaluation)
    _require_open(evaluation)
    version_check(evaluation, expected_version=expected_version, what=_("Deze evaluatie"))
    if problem := not_in_future(completed_on, today=timezone.localdate()):
        raise ValidationError({"completed_on": problem})
    judged = _open_judgements(evaluation)
    gaps = evaluation_gaps(
        client_experience=evaluation.client_experience,
        internal_process=evaluation.internal_process,
        measures={
            item.measure.description[:80]: MeasureJudgement(
                item.implemented, item.effective, item.evidence
            )
            for item in judged
        },
    )
    if gaps:
        raise ValidationError(gaps)
    evaluation.completed_on = completed_on
    evaluation.save(update_fields=["completed_on", *evaluation.touch(actor)])
    audit_event_record(
        event=EVALUATION_COMPLETED,
        actor=actor,
        target=herstelactie,
        changes={
            "evaluation": [evaluation.number, evaluation.number],
            "completed_on": [None, completed_on.isoformat()],
        },
    )
    return evaluation


@transaction.atomic
def evaluation_plan(
    *, actor: User, herstelactie: Herstelactie, planned_on: date, reason: str
) -> Evaluation:
    """Plan a second or third evaluation (the process guide, step 4: when the measures were not
    yet in place at the previous one), with a date and why. Refused with the reason from
    rules.follow_up_blockers otherwise."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_EVALUATION)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom een volgende evaluatie nodig is.")})
    evaluations = evaluations_of(herstelactie)
    blockers = follow_up_blockers(evaluation_states(evaluations))
    if blockers:
        raise ValidationError(blockers)
    latest = max(e.number for e in evaluations)
    if latest and planned_on <= max(e.completed_on for e in evaluations if e.completed_on):
        raise ValidationError({"planned_on": _("Een volgende evaluatie ligt na de vorige.")})
    return _plan(
        actor=actor,
        herstelactie=herstelactie,
        number=latest + 1,
        planned_on=planned_on,
        reason=reason,
    )


@transaction.atomic
def evaluation_cancel(*, actor: User, evaluation: Evaluation, reason: str) -> None:
    """Call off a planned second or third evaluation, with a reason (the first one always takes
    place). The event log keeps what was planned, and the action may close again."""
    herstelactie, evaluation = _locked_evaluation(actor, evaluation)
    _require_open(evaluation)
    if evaluation.number == 1:
        raise ValidationError(_("De eerste evaluatie vindt altijd plaats."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom de evaluatie vervalt.")})
    audit_event_record(
        event=EVALUATION_CANCELLED,
        actor=actor,
        target=herstelactie,
        changes={
            "evaluation": [evaluation.number, None],
            "planned_on": [plain(evaluation.planned_on), None],
        },
        reason=reason,
    )
    evaluation.delete()
