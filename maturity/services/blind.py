"""Writes of blind scoring (issue 21 part 2): the cycle's setting, each auditor's own score,
and the closing of the blind phase. Atomic, authorised, with their history; the rules are in
`maturity.blind_rules`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM, COORDINATION, AuditCapacity
from audits.models import Assignment, AuditCycle, ManagementPrinciple
from audits.selectors import is_assessed, require_audit_capacity
from audits.services.locks import cycle_lock
from maturity.blind_rules import blind_phase_closed, early_close_refusal, setting_refusal
from maturity.events import BLIND_PHASE_CLOSED, BLIND_SCORING_SET, INDIVIDUAL_SCORE_RECORDED
from maturity.models import BlindPhaseClosure, BlindScoring, IndividualScore, IndividualScoreChange
from maturity.notifications import notify_blind_phase_closed
from maturity.score_rules import score_lock, score_lock_message
from maturity.selectors.blind import blind_scoring_on, scores_recorded
from maturity.selectors.calibration import is_calibration_frozen
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, version_check


@transaction.atomic
def blind_scoring_set(
    *, actor: User, cycle: AuditCycle, enabled: bool, expected_version: int
) -> BlindScoring:
    """Turn blind scoring of `cycle` on or off (the coordination team, before any score is
    recorded: see `maturity.blind_rules.setting_refusal`). `expected_version` is the version of
    the setting the user saw (0 when it was never set)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    refusal = setting_refusal(cycle_status=cycle.status, scores_recorded=scores_recorded(cycle))
    if refusal:
        raise ValidationError(refusal)
    setting = BlindScoring.objects.select_for_update().filter(cycle=cycle).first()
    what = _("De instelling blind scoren")
    version_check(setting, expected_version=expected_version, what=what)
    old = setting.enabled if setting else None
    if setting is not None and old == enabled:
        return setting
    if setting is None:
        setting = BlindScoring(cycle=cycle, enabled=enabled, version=0)
        setting.touch(actor)
        setting.full_clean()
        with created_meanwhile(what):
            setting.save()
    else:
        setting.enabled = enabled
        touched = setting.touch(actor)
        setting.full_clean()
        setting.save(update_fields=["enabled", *touched])
    audit_event_record(
        event=BLIND_SCORING_SET,
        actor=actor,
        target=cycle,
        changes={"blind_scoring": [old, enabled]},
    )
    return setting


def blind_scoring_copy(*, previous: AuditCycle, cycle: AuditCycle, actor: User) -> dict:
    """Registered with `audits.services.cycle_setup`: a cycle opened from the previous one scores
    blind by default (the coordination team may turn it off before scoring starts)."""
    BlindScoring.objects.create(cycle=cycle, enabled=True, version=1, updated_by=actor)
    return {"blind_scoring": [None, True]}


@transaction.atomic
def individual_score_record(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    level: int | None,
    justification: str,
    expected_version: int,
) -> IndividualScore:
    """Record the actor's own level and short justification for `unit` × `principle` in
    `cycle`, blind: only an auditor of the unit's team, only while the blind phase is open and
    the cycle still scores. `expected_version` is the version the auditor saw (0 for a first
    score); a stale one is refused with `EditConflict`. When the last auditor of the team has
    scored, the blind phase closes and the team is told. The event log records that the
    auditor scored, never the level (others read the log)."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    cycle = cycle_lock(cycle.pk)
    if not blind_scoring_on(cycle):
        raise ValidationError(_("In deze toetscyclus wordt niet blind gescoord."))
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise ValidationError(
            _("%(principle)s wordt bij %(unit)s niet getoetst.")
            % {"principle": principle, "unit": unit}
        )
    lock = score_lock(
        cycle_status=cycle.status,
        calibration_frozen=is_calibration_frozen(cycle),
        score_status=None,
    )
    if lock:
        raise ValidationError(score_lock_message(lock, cycle_status=cycle.status))
    team = set(
        Assignment.objects.filter(cycle=cycle, unit=unit).values_list("auditor_id", flat=True)
    )
    if _phase_closed(cycle=cycle, unit=unit, principle=principle, team=team):
        raise ValidationError(
            _(
                "De blinde fase is gesloten: uw eigen score ligt vast. Het team legt nu de teamscore vast."
            )
        )
    justification = justification.strip()
    errors = {}
    if level is None:
        errors["level"] = _("Kies uw eigen volwassenheidsniveau.")
    elif level not in range(1, 6):
        errors["level"] = _("Een score is een geheel getal van 1 tot en met 5.")
    if not justification:
        errors["justification"] = _("Onderbouw uw eigen score kort.")
    score = (
        IndividualScore.objects.select_for_update()
        .filter(cycle=cycle, unit=unit, principle=principle, auditor=actor)
        .first()
    )
    what = _("Uw eigen score")
    version_check(score, expected_version=expected_version, what=what)
    if errors:
        raise ValidationError(errors)
    if score is not None and (score.level, score.justification) == (level, justification):
        return score
    old_level = score.level if score else None
    old_justification = score.justification if score else ""
    creating = score is None
    if creating:
        score = IndividualScore(
            cycle=cycle, unit=unit, principle=principle, auditor=actor, version=0
        )
    score.level = level
    score.justification = justification
    touched = score.touch(actor)
    score.full_clean()
    if creating:
        with created_meanwhile(what):
            score.save()
    else:
        score.save(update_fields=["level", "justification", *touched])
    IndividualScoreChange.objects.create(
        score=score,
        changed_by=actor,
        old_level=old_level,
        new_level=level,
        old_justification=old_justification,
        new_justification=justification,
    )
    audit_event_record(
        event=INDIVIDUAL_SCORE_RECORDED,
        actor=actor,
        target=score,
        changes={"version": [score.version - 1 or None, score.version]},
    )
    if _phase_closed(cycle=cycle, unit=unit, principle=principle, team=team):
        _close(actor=actor, cycle=cycle, unit=unit, principle=principle, all_scored=True, reason="")
    return score


@transaction.atomic
def blind_phase_close(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    reason: str = "",
) -> BlindPhaseClosure:
    """The lead auditor closes the blind phase of `unit` × `principle`: the team sees the spread
    and may set the team score. Before every auditor has scored only with a reason (an auditor
    is ill, left the team); never reopened."""
    held = require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    cycle = cycle_lock(cycle.pk)
    if not blind_scoring_on(cycle):
        raise ValidationError(_("In deze toetscyclus wordt niet blind gescoord."))
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise ValidationError(
            _("%(principle)s wordt bij %(unit)s niet getoetst.")
            % {"principle": principle, "unit": unit}
        )
    is_lead = AuditCapacity.LEAD_AUDITOR in held
    if not is_lead:
        raise PermissionDenied
    team = set(
        Assignment.objects.filter(cycle=cycle, unit=unit).values_list("auditor_id", flat=True)
    )
    scored = IndividualScore.objects.filter(
        cycle=cycle, unit=unit, principle=principle, auditor_id__in=team
    ).count()
    closed = BlindPhaseClosure.objects.filter(cycle=cycle, unit=unit, principle=principle).exists()
    all_scored = bool(team) and scored >= len(team)
    errors = early_close_refusal(
        is_lead=is_lead, phase_closed=closed or all_scored, all_scored=all_scored, reason=reason
    )
    if errors:
        raise ValidationError(errors)
    return _close(
        actor=actor,
        cycle=cycle,
        unit=unit,
        principle=principle,
        all_scored=all_scored,
        reason=reason.strip(),
    )


def _phase_closed(*, cycle, unit, principle, team: set[int]) -> bool:
    """Whether the blind phase of `unit` × `principle` is over (`blind_phase_closed`)."""
    scored = IndividualScore.objects.filter(
        cycle=cycle, unit=unit, principle=principle, auditor_id__in=team
    ).count()
    closed = BlindPhaseClosure.objects.filter(cycle=cycle, unit=unit, principle=principle).exists()
    return blind_phase_closed(blind_on=True, team_size=len(team), scored=scored, closed=closed)


def _close(*, actor, cycle, unit, principle, all_scored: bool, reason: str) -> BlindPhaseClosure:
    closure = BlindPhaseClosure(
        cycle=cycle,
        unit=unit,
        principle=principle,
        closed_by=actor,
        all_scored=all_scored,
        reason=reason,
    )
    closure.full_clean()
    with created_meanwhile(_("De blinde fase")):
        closure.save()
    audit_event_record(
        event=BLIND_PHASE_CLOSED,
        actor=actor,
        target=closure,
        changes={"all_scored": [None, all_scored]},
        reason=reason,
    )
    notify_blind_phase_closed(cycle=cycle, unit=unit, principle=principle)
    return closure
