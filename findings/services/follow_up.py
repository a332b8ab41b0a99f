"""Writes of the follow-up (DOMAIN.md §4, "Follow-up"; §7): a unit's improvement actions on the
recommendations its board recognised, each with an owner and a SMART goal, and the effect
measurements that show what an action delivered. Atomic, guarded by the action's version
(optimistic locking), every change recorded old → new in the same transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import AuditCapacity
from audits.selectors import require_audit_capacity
from findings.constants import ActionStatus, EffectConclusion
from findings.events import (
    EFFECT_MEASUREMENT_RECORDED,
    FOLLOW_UP_ACTION_CHANGED,
    FOLLOW_UP_ACTION_CREATED,
    FOLLOW_UP_ACTION_WITHDRAWN,
)
from findings.models import EffectMeasurement, FollowUpAction, Recommendation
from findings.rules import action_withdrawal_refusal, measurement_date_problem
from findings.selectors.follow_up import is_recognised
from uwvkms.changes import created, plain
from uwvkms.dates import not_before
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check
from uwvkms.withdrawal import withdraw

ACTION_FIELDS = ("title", "owner", "goal", "indicator", "baseline", "target", "due_on", "status")
CENTS = Decimal("0.01")


def _cents(value: Decimal | None) -> Decimal | None:
    """An amount as stored: two decimals (90 → 90.00)."""
    return None if value is None else Decimal(value).quantize(CENTS)


def _clean_action(
    *,
    title: str,
    owner: str,
    goal: str,
    indicator: str,
    baseline: Decimal | None,
    target: Decimal | None,
    due_on: date | None,
    status: str,
) -> dict:
    """The SMART rules of an action, in Dutch: specific (a goal), measurable (a target or a
    baseline only with an indicator), assigned (an owner), time-bound (a due date)."""
    values = {
        "title": title.strip(),
        "owner": owner.strip(),
        "goal": goal.strip(),
        "indicator": indicator.strip(),
        "baseline": _cents(baseline),
        "target": _cents(target),
        "due_on": due_on,
        "status": status,
    }
    errors = {}
    if not values["title"]:
        errors["title"] = _("Geef de actie een titel.")
    if not values["owner"]:
        errors["owner"] = _("Wie is eigenaar van deze actie?")
    if not values["goal"]:
        errors["goal"] = _("Beschrijf het doel: wat moet deze actie opleveren?")
    if due_on is None:
        errors["due_on"] = _("Vul de datum in waarop de actie uiterlijk gereed is.")
    if target is not None and not values["indicator"]:
        errors["target"] = _(
            "Een streefwaarde zonder indicator is niet meetbaar: vul de indicator in waarop de "
            "streefwaarde wordt gemeten, of laat de streefwaarde leeg."
        )
    if baseline is not None and not values["indicator"]:
        errors["baseline"] = _(
            "Een nulmeting zonder indicator is niet meetbaar: vul de indicator in, of laat de "
            "nulmeting leeg."
        )
    if status not in ActionStatus.values:
        errors["status"] = _("Kies een status: gepland, in uitvoering, gereed of vervallen.")
    if errors:
        raise ValidationError(errors)
    return values


def _require_due_from_today(due_on: date) -> None:
    """A new or moved due date lies today or later (issue 17: an action due in 2019 is a typo;
    an action already late keeps its date until it is moved)."""
    problem = not_before(due_on, earliest=timezone.localdate(), what=_("vandaag"))
    if problem:
        raise ValidationError({"due_on": problem})


@transaction.atomic
def follow_up_action_create(
    *,
    actor: User,
    recommendation: Recommendation,
    title: str,
    owner: str,
    goal: str,
    indicator: str = "",
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    due_on: date | None,
    status: str = ActionStatus.GEPLAND,
) -> FollowUpAction:
    """A new follow-up action of the recommendation's unit. Only for a recommendation its board
    recognised (herkend or deels herkend) in a submitted management response."""
    require_audit_capacity(
        actor,
        allowed={AuditCapacity.BOARD},
        cycle=recommendation.cycle,
        unit=recommendation.unit_id,
    )
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if not is_recognised(recommendation):
        raise ValidationError(
            _(
                "Vervolgacties horen bij aanbevelingen die de directie in een ingediende "
                "managementreactie (deels) heeft herkend."
            )
        )
    values = _clean_action(
        title=title,
        owner=owner,
        goal=goal,
        indicator=indicator,
        baseline=baseline,
        target=target,
        due_on=due_on,
        status=status,
    )
    _require_due_from_today(due_on)
    action = FollowUpAction(
        cycle_id=recommendation.cycle_id,
        unit_id=recommendation.unit_id,
        recommendation=recommendation,
        updated_by=actor,
        **values,
    )
    action.full_clean()
    action.save()
    audit_event_record(
        event=FOLLOW_UP_ACTION_CREATED,
        actor=actor,
        target=action,
        changes=created(values),
    )
    return action


def _lock_action(
    action: FollowUpAction, expected_version: int, *, withdrawn_too: bool = False
) -> FollowUpAction:
    """The action locked and at `expected_version`. A withdrawn action is no longer changed:
    refused with its withdrawal (unless `withdrawn_too`, for the withdrawal's own check)."""
    action = FollowUpAction.with_withdrawn.select_for_update().get(pk=action.pk)
    if action.is_withdrawn and not withdrawn_too:
        raise ValidationError(
            _("Deze vervolgactie is ingetrokken (%(summary)s) en wordt niet meer gewijzigd.")
            % {"summary": action.withdrawal_summary()},
            code="withdrawn",
        )
    version_check(action, expected_version=expected_version, what=_("Deze vervolgactie"))
    return action


@transaction.atomic
def follow_up_action_update(
    *,
    actor: User,
    action: FollowUpAction,
    expected_version: int,
    title: str,
    owner: str,
    goal: str,
    indicator: str,
    baseline: Decimal | None,
    target: Decimal | None,
    due_on: date | None,
    status: str,
) -> FollowUpAction:
    """Change an action: its title, owner, SMART goal and status. Refused with
    `EditConflict` when it moved on since `expected_version`; recorded old → new per field;
    an unchanged save stores nothing."""
    require_audit_capacity(
        actor, allowed={AuditCapacity.BOARD}, cycle=action.cycle, unit=action.unit_id
    )
    action = _lock_action(action, expected_version)
    values = _clean_action(
        title=title,
        owner=owner,
        goal=goal,
        indicator=indicator,
        baseline=baseline,
        target=target,
        due_on=due_on,
        status=status,
    )
    if due_on != action.due_on:
        _require_due_from_today(due_on)
    changes = model_update(action, actor=actor, data=values)
    if not changes:
        return action
    audit_event_record(event=FOLLOW_UP_ACTION_CHANGED, actor=actor, target=action, changes=changes)
    return action


@transaction.atomic
def effect_measurement_record(
    *,
    actor: User,
    action: FollowUpAction,
    expected_version: int,
    measured_value: Decimal | None,
    measured_on: date | None,
    conclusion: str,
    next_steps: str = "",
    today: date | None = None,
) -> EffectMeasurement:
    """Record what an action delivered: the value measured on the indicator, the date, the
    conclusion (effect bereikt / deels / niet) and what comes next. A value and a date are
    required, the date not in the future and not before the action was recorded
    (`findings.rules.measurement_date_problem`); not for a cancelled action. Counts as a change
    of the action (its version moves on)."""
    require_audit_capacity(
        actor, allowed={AuditCapacity.BOARD}, cycle=action.cycle, unit=action.unit_id
    )
    action = _lock_action(action, expected_version)
    today = today or timezone.localdate()
    errors = {}
    if measured_value is None:
        errors["measured_value"] = _("Vul de gemeten waarde in.")
    if measured_on is None:
        errors["measured_on"] = _("Vul de datum van de meting in.")
    elif problem := measurement_date_problem(
        measured_on, action_created_on=timezone.localdate(action.created_at), today=today
    ):
        errors["measured_on"] = problem
    if conclusion not in EffectConclusion.values:
        errors["conclusion"] = _(
            "Kies de conclusie: effect bereikt, deels bereikt of niet bereikt."
        )
    if action.status == ActionStatus.VERVALLEN:
        errors["__all__"] = _("Deze actie is vervallen; er valt geen effect meer te meten.")
    if errors:
        raise ValidationError(errors)
    measurement = EffectMeasurement(
        action=action,
        measured_value=_cents(measured_value),
        measured_on=measured_on,
        conclusion=conclusion,
        next_steps=next_steps.strip(),
        recorded_by=actor,
    )
    measurement.full_clean()
    measurement.save()
    action.save(update_fields=action.touch(actor))
    audit_event_record(
        event=EFFECT_MEASUREMENT_RECORDED,
        actor=actor,
        target=action,
        changes={
            "measured_value": [None, plain(measurement.measured_value)],
            "measured_on": [None, plain(measured_on)],
            "conclusion": [None, conclusion],
            **({"next_steps": [None, measurement.next_steps]} if measurement.next_steps else {}),
        },
    )
    return measurement


@transaction.atomic
def follow_up_action_withdraw(
    *, actor: User, action: FollowUpAction, expected_version: int, reason: str
) -> FollowUpAction:
    """Withdraw an action recorded in error (issue 17, "undo with a trace"): the unit's own
    board, with a reason. It keeps its row, struck through on the unit's page with who, when and
    why, and leaves every figure, overview, work queue, reminder, export and the API. Refused
    once withdrawn, when its effect was measured (`findings.rules.action_withdrawal_refusal`: it
    was taken; set it to vervallen instead), and with `EditConflict` when it moved on since
    `expected_version`."""
    require_audit_capacity(
        actor, allowed={AuditCapacity.BOARD}, cycle=action.cycle, unit=action.unit_id
    )
    action = _lock_action(action, expected_version, withdrawn_too=True)
    refusal = action_withdrawal_refusal(
        is_withdrawn=action.is_withdrawn,
        has_effect_measurement=EffectMeasurement.objects.filter(action=action).exists(),
    )
    if refusal:
        raise ValidationError(refusal, code="not_withdrawable")
    changes = withdraw(action, actor=actor, reason=reason, what=_("Deze vervolgactie"))
    action.save(update_fields=action.touch(actor))
    audit_event_record(
        event=FOLLOW_UP_ACTION_WITHDRAWN,
        actor=actor,
        target=action,
        changes=changes,
        reason=action.withdrawal_reason,
    )
    return action
