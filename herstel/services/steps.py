"""The one guarded transition of a herstelactie between steps (DOMAIN.md §6; the table is
STEP_TRANSITIONS in constants.py, the guards are rules.move_blockers)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import (
    EXECUTION_MOVES,
    MANDATE_ORDER,
    MOVES_WITH_REASON,
    Mandate,
    StepMove,
)
from herstel.events import STEP_MOVED
from herstel.models import Herstelactie, MandateRaise
from herstel.notifications import notify_sbk_tasks, notify_step_reached, sbk_ready
from herstel.rules import (
    StepMoveNotAllowed,
    advice_gaps,
    criteria_from,
    evaluation_due_on,
    mandate_for,
    move_blockers,
    step_transition,
)
from herstel.selectors.actions import advice_inputs, decision_facts
from herstel.selectors.execution import evaluation_period_days, execution_facts
from herstel.services.evaluation import evaluation_plan_first
from herstel.services.guards import capacities_of, locked, require_version
from uwvkms.models import User
from uwvkms.services import audit_event_record


def kept_raise(herstelactie: Herstelactie, computed: Mandate) -> MandateRaise | None:
    """The RvB's highest raise of the action's mandate when it is above `computed` (the
    mandate the criteria give on resubmitting the advice), else None."""
    order = {m: i for i, m in enumerate(MANDATE_ORDER)}
    raises = list(MandateRaise.objects.filter(herstelactie=herstelactie))
    highest = max(raises, key=lambda r: order[Mandate(r.new_mandate)], default=None)
    if highest is None or order[Mandate(highest.new_mandate)] <= order[computed]:
        return None
    return highest


@transaction.atomic
def herstelactie_move(
    *,
    actor: User,
    herstelactie: Herstelactie,
    move: str,
    expected_version: int,
    reason: str = "",
) -> Herstelactie:
    """Move the action to another step, e.g. submit the advice to the DT (step 1 → 2A).

    Refused with StepMoveNotAllowed and the reason when the table has no such move from the
    current step or its conditions are not met (an incomplete advice, a decision still to record,
    an obligation of the path still open, dossiers still to handle, no evaluation yet);
    PermissionDenied when the actor's capacity may not make it; EditConflict when the user saw
    a stale version. Submitting the advice fixes the mandate computed from the criteria, with
    the rule that decided it. Ending the execution (to step 4) records the day and plans the
    first evaluation, due the configured period later; closing records the day. Every move is
    recorded. A mandate the RvB raised is kept on resubmitting when the criteria give a lower
    one (a raise goes only up).
    """
    herstelactie = locked(herstelactie)
    transition = step_transition(herstelactie.step, move)
    if not transition.by & capacities_of(actor, herstelactie):
        raise PermissionDenied
    require_version(herstelactie, expected_version)
    reason = (reason or "").strip()
    if move in MOVES_WITH_REASON and not reason:
        raise ValidationError(
            {
                "reason": _("Geef aan waarom de herstelactie zonder uitvoering eindigt.")
                if move == StepMove.END_WITHOUT_EXECUTION
                else _("Geef een reden voor deze stap terug.")
            }
        )

    sections, criteria = advice_inputs(herstelactie)
    gaps = (
        advice_gaps(sections=sections, criteria=criteria) if move == StepMove.SUBMIT_ADVICE else []
    )
    blockers = move_blockers(
        step=herstelactie.step,
        move=move,
        mandate=herstelactie.mandate or None,
        advice_gaps=gaps,
        facts=decision_facts(herstelactie),
        execution=execution_facts(herstelactie) if move in EXECUTION_MOVES else None,
    )
    if blockers:
        raise StepMoveNotAllowed(blockers)

    sbk_before = sbk_ready(herstelactie)
    changes: dict[str, list] = {"step": [herstelactie.step, transition.target.value]}
    update_fields = ["step", *herstelactie.touch(actor)]
    if move == StepMove.SUBMIT_ADVICE:
        routing = mandate_for(criteria_from({c: j.value for c, j in criteria.items()}))
        mandate, rule = routing.mandate, f"{routing.rule} ({'; '.join(routing.reasons)})"
        raised = kept_raise(herstelactie, mandate)
        if raised is not None:
            # A mandate the RvB raised goes only up, never down: resubmitting keeps it.
            mandate = Mandate(raised.new_mandate)
            rule += "\n" + _("Eerder verhoogd door de RvB naar %(new)s: %(reason)s") % {
                "new": mandate.label,
                "reason": raised.reason,
            }
        changes["mandate"] = [herstelactie.mandate or None, mandate.value]
        herstelactie.mandate, herstelactie.mandate_rule = mandate, rule
        update_fields += ["mandate", "mandate_rule"]
    today = timezone.localdate()
    if move == StepMove.TO_EVALUATION:
        herstelactie.execution_ended_on = today
        changes["execution_ended_on"] = [None, today.isoformat()]
        update_fields.append("execution_ended_on")
    elif move == StepMove.CLOSE:
        herstelactie.closed_on = today
        changes["closed_on"] = [None, today.isoformat()]
        update_fields.append("closed_on")
    elif move == StepMove.END_WITHOUT_EXECUTION:
        herstelactie.closed_on, herstelactie.end_reason = today, reason
        changes["closed_on"] = [None, today.isoformat()]
        changes["end_reason"] = [None, reason]
        update_fields += ["closed_on", "end_reason"]
    herstelactie.step = transition.target
    herstelactie.full_clean()
    herstelactie.save(update_fields=update_fields)
    audit_event_record(
        event=STEP_MOVED,
        actor=actor,
        target=herstelactie,
        changes={"move": [None, StepMove(move).value], **changes},
        reason=reason,
    )
    notify_step_reached(herstelactie)
    notify_sbk_tasks(herstelactie, before=sbk_before)
    if move == StepMove.TO_EVALUATION and not herstelactie.evaluations.exists():
        evaluation_plan_first(
            actor=actor,
            herstelactie=herstelactie,
            planned_on=evaluation_due_on(today, evaluation_period_days()),
        )
    return herstelactie
