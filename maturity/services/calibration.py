"""Writes of calibration (DOMAIN.md §3, "Calibration"): sessions, adjusting a score or reopening
it for the auditor, and closing (freezing) calibration. Each is atomic, locks the cycle row so
they serialise with each other and with the auditors' score saves, and records its history in
the same transaction."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import COORDINATION, CycleStatus
from audits.models import AssessedPrinciple, AuditCycle, Exclusion
from audits.selectors import require_audit_capacity
from audits.services.locks import cycle_lock
from maturity.constants import ScoreStatus, SessionStatus
from maturity.events import (
    CALIBRATION_CLOSED,
    CALIBRATION_REOPENED,
    CALIBRATION_SESSION_CLOSED,
    CALIBRATION_SESSION_OPENED,
    SCORE_CALIBRATED,
    SCORE_REOPENED,
)
from maturity.models import CalibrationClosure, CalibrationSession, Score, ScoreChange
from maturity.notifications import notify_score_sent_back
from maturity.selectors.calibration import is_calibration_frozen
from maturity.selectors.rollup import submitted_levels
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check


def _lock_cycle_in_calibration(cycle: AuditCycle, *, what: str) -> AuditCycle:
    """Lock `cycle` and refuse (in Dutch) unless it is in the calibration phase and calibration
    is not frozen."""
    cycle = cycle_lock(cycle.pk)
    if cycle.status != CycleStatus.KALIBRATIE:
        raise ValidationError(
            _(
                "%(what)s kan alleen in de fase Kalibratie; toetscyclus %(year)s staat op "
                "%(status)s."
            )
            % {"what": what, "year": cycle.year, "status": cycle.get_status_display()}
        )
    if is_calibration_frozen(cycle):
        raise ValidationError(
            _(
                "De kalibratie van %(year)s is afgesloten: de scores liggen vast. %(what)s kan "
                "pas weer als de kalibratie met een reden is heropend."
            )
            % {"what": what, "year": cycle.year}
        )
    return cycle


def _open_session_of(cycle: AuditCycle, *, what: str) -> CalibrationSession:
    session = (
        CalibrationSession.objects.select_for_update()
        .filter(cycle=cycle, status=SessionStatus.OPEN)
        .first()
    )
    if session is None:
        raise ValidationError(
            _("%(what)s kan alleen tijdens een open kalibratiesessie.") % {"what": what}
        )
    return session


# --- sessions -------------------------------------------------------------------------------


@transaction.atomic
def calibration_session_open(
    *,
    actor: User,
    cycle: AuditCycle,
    held_on: date,
    participants: Iterable[User],
    notes: str = "",
) -> CalibrationSession:
    """Open the next calibration round of `cycle` (number = last round + 1) on `held_on` with
    `participants`, auditors and coordinators. Only in the calibration phase, not while
    calibration is frozen, and one open session at a time. Records the submitted levels at
    opening, so the report can show what each round changed."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_cycle_in_calibration(cycle, what=_("Een kalibratiesessie openen"))
    participants = list(participants)
    errors = {}
    if not participants:
        errors["participants"] = _("Kies ten minste één deelnemer.")
    elif User.objects.filter(
        pk__in=[u.pk for u in participants],
        is_active=True,
        groups__name__in=[Role.TOETSER.value, Role.COORDINATIETEAM.value],
    ).distinct().count() != len({u.pk for u in participants}):
        errors["participants"] = _("Deelnemers zijn toetsers of leden van het coördinatieteam.")
    if errors:
        raise ValidationError(errors)
    current = CalibrationSession.objects.filter(cycle=cycle, status=SessionStatus.OPEN).first()
    if current is not None:
        raise ValidationError(
            _("Ronde %(number)s is nog open: sluit die eerst.") % {"number": current.number}
        )
    last = CalibrationSession.objects.filter(cycle=cycle).order_by("-number").first()
    session = CalibrationSession(
        cycle=cycle,
        number=(last.number + 1) if last else 1,
        held_on=held_on,
        notes=notes.strip(),
        levels_at_open=submitted_levels(cycle),
        opened_by=actor,
    )
    # An empty snapshot is valid (nothing submitted yet); the model field is not blank=True.
    session.full_clean(exclude=["levels_at_open"])
    session.save()
    session.participants.set(participants)
    audit_event_record(
        event=CALIBRATION_SESSION_OPENED,
        actor=actor,
        target=session,
        changes={
            "number": [None, session.number],
            "held_on": [None, held_on.isoformat()],
            "participants": [None, sorted(str(u) for u in participants)],
        },
    )
    return session


@transaction.atomic
def calibration_session_close(
    *, actor: User, session: CalibrationSession, notes: str | None = None
) -> CalibrationSession:
    """Close `session`, recording the submitted levels at closing (and the notes, if given)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(session.cycle_id)
    session = CalibrationSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.OPEN:
        raise ValidationError(_("Ronde %(number)s is al gesloten.") % {"number": session.number})
    session.status = SessionStatus.GESLOTEN
    session.levels_at_close = submitted_levels(cycle)
    session.closed_by = actor
    session.closed_at = timezone.now()
    fields = ["status", "levels_at_close", "closed_by", "closed_at"]
    if notes is not None:
        session.notes = notes.strip()
        fields.append("notes")
    session.full_clean(exclude=["levels_at_open", "levels_at_close"])
    session.save(update_fields=fields)
    audit_event_record(
        event=CALIBRATION_SESSION_CLOSED,
        actor=actor,
        target=session,
        changes={"status": [SessionStatus.OPEN, SessionStatus.GESLOTEN]},
    )
    return session


# --- one score ------------------------------------------------------------------------------


def _lock_score(score: Score, *, expected_version: int) -> Score:
    locked = Score.objects.select_for_update().get(pk=score.pk)
    version_check(locked, expected_version=expected_version, what=_("Deze score"))
    return locked


@transaction.atomic
def score_calibrate(
    *, actor: User, score: Score, level: int, reason: str, expected_version: int
) -> Score:
    """Adjust the level of a submitted score in the open calibration session of its cycle,
    with a reason: the history keeps who, when, old → new, why and in which session
    (event ``maturity.score.calibrated``). `expected_version` is the version the coordinator
    saw; when the score moved on since, nothing changes (`EditConflict`)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_cycle_in_calibration(score.cycle, what=_("Een score bijstellen"))
    session = _open_session_of(cycle, what=_("Een score bijstellen"))
    score = _lock_score(score, expected_version=expected_version)
    reason = reason.strip()
    errors = {}
    if score.status != ScoreStatus.INGEDIEND:
        raise ValidationError(
            _(
                "Deze score staat op concept bij de toetser; bijstellen kan pas als hij weer is "
                "ingediend."
            )
        )
    if level == score.level:
        errors["level"] = _("Kies een ander niveau dan het huidige (%(level)s).") % {
            "level": score.level
        }
    if not reason:
        errors["reason"] = _("Geef de reden van de bijstelling.")
    if errors:
        raise ValidationError(errors)
    old_level = score.level
    score.level = level
    touched = score.touch(actor)
    score.full_clean()
    score.save(update_fields=["level", *touched])
    ScoreChange.objects.create(
        score=score,
        event=SCORE_CALIBRATED,
        changed_by=actor,
        old_level=old_level,
        new_level=level,
        old_justification=score.justification,
        new_justification=score.justification,
        old_status=score.status,
        new_status=score.status,
        reason=reason,
        session=session,
    )
    return score


@transaction.atomic
def score_reopen_for_auditor(
    *, actor: User, score: Score, reason: str, expected_version: int
) -> Score:
    """Send a submitted score back to its auditor as a concept, with a reason, in the open
    calibration session (event ``maturity.score.reopened``). The auditor reworks and resubmits
    it; until then it does not count in the figures."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_cycle_in_calibration(score.cycle, what=_("Een score heropenen"))
    session = _open_session_of(cycle, what=_("Een score heropenen"))
    score = _lock_score(score, expected_version=expected_version)
    reason = reason.strip()
    if score.status != ScoreStatus.INGEDIEND:
        raise ValidationError(_("Deze score staat al op concept bij de toetser."))
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom de toetser de score moet herzien.")})
    score.status = ScoreStatus.CONCEPT
    score.submitted_at = None
    touched = score.touch(actor)
    score.full_clean()
    score.save(update_fields=["status", "submitted_at", *touched])
    ScoreChange.objects.create(
        score=score,
        event=SCORE_REOPENED,
        changed_by=actor,
        old_level=score.level,
        new_level=score.level,
        old_justification=score.justification,
        new_justification=score.justification,
        old_status=ScoreStatus.INGEDIEND,
        new_status=ScoreStatus.CONCEPT,
        reason=reason,
        session=session,
    )
    notify_score_sent_back(score)
    return score


# --- closing and reopening calibration ------------------------------------------------------


@transaction.atomic
def calibration_close(*, actor: User, cycle: AuditCycle) -> CalibrationClosure:
    """Close calibration of `cycle` after its last session: every score is fixed from now on
    (DOMAIN.md §3). Refused while a session is open, before any session was held, and while
    scores of assessed units are still concept (reopened and not yet resubmitted): they would
    silently drop out of the figures."""
    require_audit_capacity(actor, allowed=COORDINATION)
    what = _("De kalibratie afsluiten")
    cycle = _lock_cycle_in_calibration(cycle, what=what)
    sessions = CalibrationSession.objects.filter(cycle=cycle)
    current = sessions.filter(status=SessionStatus.OPEN).first()
    if current is not None:
        raise ValidationError(
            _("Ronde %(number)s is nog open: sluit eerst de sessie, dan de kalibratie.")
            % {"number": current.number}
        )
    if not sessions.exists():
        raise ValidationError(
            _(
                "Er is nog geen kalibratiesessie gehouden: de kalibratie kan nog niet worden afgesloten."
            )
        )
    in_scope = AssessedPrinciple.objects.filter(
        cycle=cycle, unit=OuterRef("unit"), principle=OuterRef("principle")
    )
    concepts = (
        Score.objects.filter(cycle=cycle, status=ScoreStatus.CONCEPT)
        .filter(Exists(in_scope))
        .exclude(unit__in=Exclusion.objects.filter(cycle=cycle).values("unit_id"))
        .count()
    )
    if concepts:
        raise ValidationError(
            ngettext(
                "Er staat nog %(count)s score op concept. Laat de toetser die indienen voordat "
                "de kalibratie wordt afgesloten.",
                "Er staan nog %(count)s scores op concept. Laat de toetsers ze indienen voordat "
                "de kalibratie wordt afgesloten.",
                concepts,
            )
            % {"count": concepts}
        )
    closure = CalibrationClosure(cycle=cycle, closed_by=actor)
    closure.full_clean()
    closure.save()
    audit_event_record(
        event=CALIBRATION_CLOSED,
        actor=actor,
        target=cycle,
        changes={"calibration": ["open", "gesloten"]},
    )
    return closure


@transaction.atomic
def calibration_reopen(*, actor: User, cycle: AuditCycle, reason: str) -> CalibrationClosure:
    """Reopen the closed calibration of `cycle`, with a mandatory reason: scores can be
    calibrated again until it is closed anew (which adds a new closure)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    if cycle.status != CycleStatus.KALIBRATIE:
        raise ValidationError(
            _(
                "De kalibratie kan alleen in de fase Kalibratie worden heropend; toetscyclus "
                "%(year)s staat op %(status)s."
            )
            % {"year": cycle.year, "status": cycle.get_status_display()}
        )
    closure = (
        CalibrationClosure.objects.select_for_update()
        .filter(cycle=cycle, reopened_at__isnull=True)
        .first()
    )
    if closure is None:
        raise ValidationError(
            _("De kalibratie van %(year)s is niet afgesloten.") % {"year": cycle.year}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van het heropenen.")})
    closure.reopened_by = actor
    closure.reopened_at = timezone.now()
    closure.reopen_reason = reason
    closure.full_clean()
    closure.save(update_fields=["reopened_by", "reopened_at", "reopen_reason"])
    audit_event_record(
        event=CALIBRATION_REOPENED,
        actor=actor,
        target=cycle,
        changes={"calibration": ["gesloten", "open"]},
        reason=reason,
    )
    return closure
