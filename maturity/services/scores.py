"""Writes of the maturity scores: atomic, with a history row, guarded by the score's version."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM
from audits.models import AuditCycle, DocumentCheck, Interview, ManagementPrinciple
from audits.selectors import is_assessed, require_audit_capacity
from audits.services.locks import cycle_lock
from maturity.constants import ScoreStatus
from maturity.events import SCORE_REOPENED, SCORE_SAVED, SCORE_SUBMITTED
from maturity.models import Score, ScoreChange
from maturity.notifications import notify_score_resubmitted
from maturity.score_rules import (
    reason_required,
    score_lock,
    score_lock_message,
    submission_gaps,
)
from maturity.selectors.blind import team_score_refusal_for
from maturity.selectors.calibration import is_calibration_frozen
from maturity.selectors.scores import citable_documents, citable_interviews, ever_submitted
from uwvkms.changes import changes_between
from uwvkms.models import BusinessUnit, User
from uwvkms.review import fieldwork_review_required
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, version_check


class ScoreLocked(ValidationError):
    """The score cannot be changed now: submitted, calibration frozen, or the cycle moved on."""


_NOTE_FIELDS = ("design_note", "existence_note", "operation_note")


@transaction.atomic
def score_record(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    level: int | None,
    justification: str,
    expected_version: int,
    reason: str = "",
    submit: bool = True,
    design_note: str = "",
    existence_note: str = "",
    operation_note: str = "",
    interviews: Iterable[Interview] = (),
    documents: Iterable[DocumentCheck] = (),
) -> Score:
    """Save the score of `unit` for `principle` in `cycle` as a concept, or submit it
    (`submit`, the default: a recorded score is final unless said otherwise).

    The score holds the observations on design, existence and operation, the level, the
    justification and the evidence it cites: only confirmed interviews and delivered documents of
    `unit` in `cycle` (DOMAIN.md §2). A concept may lack a level and a justification; a
    submission needs both. A submitted score is read-only for the auditor until calibration
    reopens it, and nothing changes once calibration is frozen or the cycle moved past it (see
    `maturity.score_rules`). A submission waits until the unit's fieldwork is reviewed by
    someone other than its author (`uwvkms.review.fieldwork_gate`).

    `expected_version` is the version the user saw (0 for a score that did not exist yet); when
    the score has moved on since, the save is refused with `EditConflict` and nothing changes.
    Changing the level of a score that was ever submitted needs a reason. Every save writes a
    `ScoreChange` and an event; a concept saved unchanged writes nothing.
    """
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    cycle = cycle_lock(cycle.pk)
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise ValidationError(
            _("%(principle)s wordt bij %(unit)s niet getoetst.")
            % {"principle": principle, "unit": unit}
        )
    blind_refusal = team_score_refusal_for(cycle=cycle, unit=unit, principle=principle)
    if blind_refusal:  # blind scoring: the team agrees only after seeing the spread
        raise ScoreLocked(blind_refusal)
    frozen = is_calibration_frozen(cycle)
    phase_lock = score_lock(cycle_status=cycle.status, calibration_frozen=frozen, score_status=None)
    if phase_lock:
        raise ScoreLocked(score_lock_message(phase_lock, cycle_status=cycle.status))

    score = Score.objects.select_for_update().filter(cycle=cycle, unit=unit, principle=principle)
    score = score.first()
    what = _("Deze score")
    version_check(score, expected_version=expected_version, what=what)
    lock = score_lock(
        cycle_status=cycle.status,
        calibration_frozen=frozen,
        score_status=score.status if score else None,
    )
    if lock:
        raise ScoreLocked(score_lock_message(lock, cycle_status=cycle.status))
    if submit:  # four eyes on the unit's fieldwork first (issue 21 §3)
        fieldwork_review_required(cycle_id=cycle.pk, unit_id=unit.pk, unit_name=str(unit))

    justification = justification.strip()
    reason = reason.strip()
    notes = {
        "design_note": design_note.strip(),
        "existence_note": existence_note.strip(),
        "operation_note": operation_note.strip(),
    }
    interviews, documents = list(interviews), list(documents)
    errors = _evidence_errors(cycle=cycle, unit=unit, interviews=interviews, documents=documents)
    if submit:
        errors |= _submission_errors(level=level, justification=justification)
    old_level = score.level if score else None
    needs_reason = score is not None and reason_required(
        ever_submitted=ever_submitted(score), old_level=old_level, new_level=level
    )
    if needs_reason and not reason:
        errors["reason"] = _("Geef een reden voor het wijzigen van de score.")
    if errors:
        raise ValidationError(errors)

    new_status = ScoreStatus.INGEDIEND if submit else ScoreStatus.CONCEPT
    old = _snapshot(score)
    new = {
        "level": level,
        "justification": justification,
        "status": new_status,
        **notes,
        "cited_interviews": sorted(i.pk for i in interviews),
        "cited_documents": sorted(d.pk for d in documents),
    }
    if score is not None and old == new:
        return score  # a concept saved unchanged

    creating = score is None
    if creating:
        score = Score(cycle=cycle, unit=unit, principle=principle, version=0)
    score.level = level
    score.justification = justification
    score.status = new_status
    for field, value in notes.items():
        setattr(score, field, value)
    if submit:
        score.submitted_at = timezone.now()
    touched = score.touch(actor)
    score.full_clean()
    if creating:
        with created_meanwhile(what):  # two first saves at once
            score.save()
    else:
        score.save(
            update_fields=[
                "level",
                "justification",
                "status",
                *_NOTE_FIELDS,
                "submitted_at",
                *touched,
            ]
        )
    score.cited_interviews.set(interviews)
    score.cited_documents.set(documents)

    event = SCORE_SUBMITTED if submit else SCORE_SAVED
    # Submitted again after the coordination team sent it back: it waits for them now.
    resubmitted = (
        submit
        and not creating
        and old["status"] == ScoreStatus.CONCEPT
        and score.changes.filter(event=SCORE_REOPENED).exists()
    )
    ScoreChange.objects.create(
        score=score,
        event=event,
        changed_by=actor,
        old_level=old_level,
        new_level=level,
        old_justification=old["justification"] if old else "",
        new_justification=justification,
        old_status=old["status"] if old else "",
        new_status=new_status,
        reason=reason,
    )
    audit_event_record(
        event=event,
        actor=actor,
        target=score,
        # A first save records every field, empty ones too: what the score started from.
        changes=changes_between(old, new) if old else {f: [None, v] for f, v in new.items()},
        reason=reason,
    )
    if resubmitted:
        notify_score_resubmitted(score)
    return score


def _snapshot(score: Score | None) -> dict | None:
    if score is None:
        return None
    return {
        "level": score.level,
        "justification": score.justification,
        "status": score.status,
        **{field: getattr(score, field) for field in _NOTE_FIELDS},
        "cited_interviews": sorted(i.pk for i in score.cited_interviews.all()),
        "cited_documents": sorted(d.pk for d in score.cited_documents.all()),
    }


def _evidence_errors(
    *,
    cycle: AuditCycle,
    unit: BusinessUnit,
    interviews: list[Interview],
    documents: list[DocumentCheck],
) -> dict[str, str]:
    """Only confirmed interviews and delivered documents of this unit in this cycle count as
    evidence (DOMAIN.md §2); citing anything else is refused."""
    errors = {}
    if interviews:
        citable = set(
            citable_interviews(cycle=cycle, unit=unit)
            .filter(pk__in=[i.pk for i in interviews])
            .values_list("pk", flat=True)
        )
        if any(i.pk not in citable for i in interviews):
            errors["interviews"] = _(
                "Alleen bevestigde interviews bij %(unit)s in deze toetscyclus tellen als bewijs."
            ) % {"unit": unit}
    if documents:
        citable = set(
            citable_documents(cycle=cycle, unit=unit)
            .filter(pk__in=[d.pk for d in documents])
            .values_list("pk", flat=True)
        )
        if any(d.pk not in citable for d in documents):
            errors["documents"] = _(
                "Alleen geleverde documenten van %(unit)s in deze toetscyclus tellen als bewijs."
            ) % {"unit": unit}
    return errors


def _submission_errors(*, level: int | None, justification: str) -> dict[str, str]:
    messages = {
        "level": _("Kies een volwassenheidsniveau om de score in te dienen."),
        "justification": _("Onderbouw de score met het bewijs om hem in te dienen."),
    }
    return {
        field: messages[field]
        for field in submission_gaps(level=level, justification=justification)
    }
