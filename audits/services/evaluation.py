"""Writes of the audit's own evaluation (issue 21 §6): an auditor's hours per unit, and the
lessons the coordination team keeps for the next cycle. Each authorises its actor, runs in one
transaction and records its event with old → new (and the reason, for a withdrawal)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import AUDIT_TEAM, COORDINATION, HoursKind, LessonTheme
from audits.evaluation_rules import hours_closed_reason, hours_kind_conflict, hours_problems
from audits.events import (
    HOURS_CORRECTED,
    HOURS_RECORDED,
    HOURS_WITHDRAWN,
    LESSON_CREATED,
    LESSON_PROCESSED,
    LESSON_PROCESSING_UPDATED,
    LESSON_UPDATED,
    LESSON_WITHDRAWN,
)
from audits.models import AuditCycle, AuditHours, Lesson, LessonProcessing
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.evaluation import previous_cycle
from audits.services.locks import cycle_lock
from uwvkms.changes import created
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, model_update, version_check
from uwvkms.withdrawal import withdraw

# Lazy: translated when used, in the language of the request (not at import).
HOURS_WHAT = gettext_lazy("Deze uren")


def _hours_check(*, kind: str, hours, week: int | None, year: int) -> Decimal | None:
    """The hours as an exact Decimal, or ValidationError with every problem (the rule)."""
    if hours is not None and not isinstance(hours, Decimal):
        hours = Decimal(str(hours))
    if problems := hours_problems(kind=kind, hours=hours, week=week, year=year):
        raise ValidationError(problems)
    return hours.quantize(Decimal("0.01")) if hours is not None else None


def _lock_open_cycle(cycle_id: int) -> AuditCycle:
    """The cycle, locked for this write (`cycle_lock`: one writer per cycle at a time, refused
    when withdrawn); a ValidationError once it is published: its hours are then final."""
    cycle = cycle_lock(cycle_id)
    if reason := hours_closed_reason(cycle.status):
        raise ValidationError(reason, code="closed")
    return cycle


def _require_own_hours(actor: User, entry: AuditHours) -> None:
    """Only the auditor who recorded hours corrects or withdraws them (PermissionDenied)."""
    if entry.auditor_id != actor.pk or not has_any_role(actor, Role.TOETSER):
        raise PermissionDenied


@transaction.atomic
def hours_record(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    kind: str,
    hours: Decimal | None,
    week: int | None = None,
) -> AuditHours:
    """Record the hours `actor` spent on the audit of `unit` in `cycle`: one week's hours (a
    week of the cycle's year, at most 60) or one total (`audits.evaluation_rules`). Only an
    auditor on the unit's audit team records, and only their own hours. A week already
    recorded, or a total beside weekly hours (or the other way round), is refused: correct the
    entry instead. Nothing changes once the cycle is published or withdrawn (ValidationError).
    Records `audits.hours.recorded`."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    cycle = _lock_open_cycle(cycle.pk)
    if kind == HoursKind.TOTAL:
        week = None
    hours = _hours_check(kind=kind, hours=hours, week=week, year=cycle.year)
    recorded = AuditHours.objects.filter(cycle=cycle, unit=unit, auditor=actor)
    if conflict := hours_kind_conflict(
        kind=kind, recorded_kinds=set(recorded.values_list("kind", flat=True))
    ):
        raise ValidationError({"kind": conflict})
    if kind == HoursKind.WEEK and recorded.filter(week=week).exists():
        raise ValidationError(
            {
                "week": _("Voor week %(week)s zijn al uren vastgelegd; pas die aan in de lijst.")
                % {"week": week}
            }
        )
    entry = AuditHours(
        cycle=cycle, unit=unit, auditor=actor, kind=kind, week=week, hours=hours, updated_by=actor
    )
    entry.full_clean(validate_constraints=False)
    with created_meanwhile(HOURS_WHAT):
        entry.save()
    audit_event_record(
        event=HOURS_RECORDED,
        actor=actor,
        target=entry,
        changes=created({"kind": kind, "week": week, "hours": hours}),
    )
    return entry


@transaction.atomic
def hours_correct(
    *, actor: User, entry: AuditHours, hours: Decimal | None, expected_version: int
) -> dict[str, list]:
    """Correct the number of hours of an entry of `actor`'s own; old → new in the history
    (`audits.hours.corrected`). A save on a version changed meanwhile is refused (EditConflict);
    a save that changes nothing stores nothing."""
    _require_own_hours(actor, entry)
    _lock_open_cycle(entry.cycle_id)
    entry = AuditHours.objects.select_for_update().select_related("cycle").get(pk=entry.pk)
    version_check(entry, expected_version=expected_version, what=HOURS_WHAT)
    hours = _hours_check(kind=entry.kind, hours=hours, week=entry.week, year=entry.cycle.year)
    changes = model_update(entry, actor=actor, data={"hours": hours})
    if changes:
        audit_event_record(event=HOURS_CORRECTED, actor=actor, target=entry, changes=changes)
    return changes


@transaction.atomic
def hours_withdraw(*, actor: User, entry: AuditHours, reason: str) -> AuditHours:
    """Withdraw an entry of `actor`'s own made in error, with the reason: it no longer counts,
    and the same week (or a total) can be recorded again. Records `audits.hours.withdrawn`."""
    _require_own_hours(actor, entry)
    _lock_open_cycle(entry.cycle_id)
    entry = AuditHours.with_withdrawn.select_for_update().get(pk=entry.pk)
    changes = withdraw(entry, actor=actor, reason=reason, what=HOURS_WHAT)
    audit_event_record(
        event=HOURS_WITHDRAWN, actor=actor, target=entry, changes=changes, reason=reason.strip()
    )
    return entry


# --- Lessons for the next cycle (coordination team) -------------------------------------------

LESSON_WHAT = gettext_lazy("Deze les")


def _lesson_fields(text: str, theme: str) -> dict:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf de les op.")})
    if theme not in LessonTheme.values:
        raise ValidationError({"theme": _("Kies een thema uit de lijst.")})
    return {"text": text, "theme": theme}


@transaction.atomic
def lesson_create(*, actor: User, cycle: AuditCycle, text: str, theme: str = "") -> Lesson:
    """Add a lesson for the next cycle to `cycle`'s list, with an optional theme. The
    coordination team keeps the list; records `audits.lesson.created`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    data = _lesson_fields(text, theme)
    lesson = Lesson(cycle=cycle, created_by=actor, updated_by=actor, **data)
    lesson.full_clean()
    lesson.save()
    audit_event_record(event=LESSON_CREATED, actor=actor, target=lesson, changes=created(data))
    return lesson


@transaction.atomic
def lesson_update(
    *, actor: User, lesson: Lesson, text: str, theme: str, expected_version: int
) -> dict[str, list]:
    """Change a lesson's text or theme (versioned: a save over a newer version is refused with
    EditConflict); old → new in `audits.lesson.updated`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    data = _lesson_fields(text, theme)
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    changes = model_update(
        lesson, actor=actor, data=data, expected_version=expected_version, what=LESSON_WHAT
    )
    if changes:
        audit_event_record(event=LESSON_UPDATED, actor=actor, target=lesson, changes=changes)
    return changes


@transaction.atomic
def lesson_withdraw(*, actor: User, lesson: Lesson, reason: str) -> Lesson:
    """Withdraw a lesson with the reason; it stays on the list struck through, and the next
    cycle no longer shows it. Records `audits.lesson.withdrawn`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    lesson = Lesson.with_withdrawn.select_for_update().get(pk=lesson.pk)
    changes = withdraw(lesson, actor=actor, reason=reason, what=LESSON_WHAT)
    audit_event_record(
        event=LESSON_WITHDRAWN, actor=actor, target=lesson, changes=changes, reason=reason.strip()
    )
    return lesson


@transaction.atomic
def lesson_process(
    *, actor: User, lesson: Lesson, cycle: AuditCycle, note: str, expected_version: int = 0
) -> LessonProcessing:
    """Mark a lesson of the previous cycle "verwerkt" in `cycle`, with a note on how; a second
    save changes the note (versioned: `expected_version` is 0 for the first). Only the lessons
    of the cycle before `cycle` (`selectors.evaluation.previous_cycle`) and not withdrawn.
    Records `audits.lesson.processed` or, for a changed note, `audits.lesson.processing_updated`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    previous = previous_cycle(cycle)
    lesson = Lesson.objects.filter(pk=lesson.pk).first()
    if lesson is None or previous is None or lesson.cycle_id != previous.pk:
        raise ValidationError(_("Deze les hoort niet bij de vorige cyclus van deze cyclus."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Zeg hoe de les is verwerkt.")})
    what = _("De verwerking van deze les")
    current = (
        LessonProcessing.objects.select_for_update()
        .select_related("updated_by")
        .filter(lesson=lesson, cycle=cycle)
        .first()
    )
    version_check(current, expected_version=expected_version, what=what)
    if current is None:
        processing = LessonProcessing(
            lesson=lesson, cycle=cycle, note=note, processed_by=actor, updated_by=actor
        )
        processing.full_clean(validate_constraints=False)
        with created_meanwhile(what):
            processing.save()
        audit_event_record(
            event=LESSON_PROCESSED,
            actor=actor,
            target=lesson,
            changes=created({"verwerkt_in": cycle.year, "note": note}),
        )
        return processing
    changes = model_update(current, actor=actor, data={"note": note})
    if changes:
        audit_event_record(
            event=LESSON_PROCESSING_UPDATED, actor=actor, target=lesson, changes=changes
        )
    return current
