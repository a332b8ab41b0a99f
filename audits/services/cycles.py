"""Writes of the audit fieldwork. Each is atomic and records its event."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audits.constants import (
    BEFORE_PUBLICATION,
    COORDINATION,
    FIELDWORK_OPEN,
    NEXT_STATUS,
    PREVIOUS_STATUS,
    CycleStatus,
)
from audits.events import (
    ASSIGNMENT_CREATED,
    ASSIGNMENT_LEAD_CHANGED,
    ASSIGNMENT_REMOVED,
    CYCLE_ADVANCED,
    CYCLE_OPENED,
    CYCLE_PERIOD_CHANGED,
    CYCLE_STEPPED_BACK,
    EXCLUSION_CREATED,
    EXCLUSION_UNDONE,
    SCOPE_CHANGED,
)
from audits.evidence_rules import confirmation_open
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    Exclusion,
    ManagementPrinciple,
)
from audits.rules import PrincipleInScope, default_assessed_principles, is_cross_audit
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.cycles import year_taken_message
from audits.selectors.readiness import cycle_readiness, step_back_refusal
from audits.services.confirmations import interview_requests_close
from audits.services.locks import cycle_lock
from uwvkms.changes import plain
from uwvkms.constants import Role
from uwvkms.dates import fieldwork_period_problems
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record


def fieldwork_closed_message(cycle: AuditCycle, what: str) -> str:
    """Why `what` cannot change now: fieldwork of `cycle` is closed (Dutch, for the user)."""
    phases = " en ".join(str(status.label) for status in CycleStatus if status in FIELDWORK_OPEN)
    return _(
        "%(what)s kan alleen worden gewijzigd in de fasen %(phases)s; toetscyclus %(year)s staat "
        "op %(status)s."
    ) % {
        "what": what,
        "phases": phases,
        "year": cycle.year,
        "status": cycle.get_status_display(),
    }


def require_fieldwork_open(cycle: AuditCycle, *, what: str) -> AuditCycle:
    """Lock `cycle` and refuse (ValidationError, in Dutch) unless its fieldwork is still open
    (`audits.constants.FIELDWORK_OPEN`). `what` names the thing the user tried to change."""
    cycle = cycle_lock(cycle.pk)
    if cycle.status not in FIELDWORK_OPEN:
        raise ValidationError(fieldwork_closed_message(cycle, what))
    return cycle


def _require_before_publication(cycle: AuditCycle, *, what: str) -> AuditCycle:
    cycle = cycle_lock(cycle.pk)
    if cycle.status not in BEFORE_PUBLICATION:
        raise ValidationError(
            _(
                "%(what)s kan niet meer worden gewijzigd: toetscyclus %(year)s is gepubliceerd "
                "en het rapport ligt vast."
            )
            % {"what": what, "year": cycle.year}
        )
    return cycle


def _check_period(period_start: date | None, period_end: date | None, *, year: int) -> None:
    """The fieldwork lies in the cycle's year (running on into the next year's first quarter
    at most): `uwvkms.dates.fieldwork_period_problems`."""
    problems = fieldwork_period_problems(period_start, period_end, year=year)
    if problems:
        raise ValidationError(problems)


def require_year_free(year: int) -> None:
    """Refuse (ValidationError on `year`, in Dutch) a new cycle for a year that has one, also
    a withdrawn one: the year stays with it (the message says how to reinstate it)."""
    message = year_taken_message(year)
    if message:
        raise ValidationError({"year": message})


def default_scope_create(cycle: AuditCycle, principles: Iterable[ManagementPrinciple]) -> None:
    """Give every business unit its default scope of `principles` in `cycle` (see
    `audits.rules.default_assessed_principles`). One query."""
    in_scope = [PrincipleInScope(p.id, p.execution_units_only) for p in principles]
    AssessedPrinciple.objects.bulk_create(
        AssessedPrinciple(cycle=cycle, unit=unit, principle_id=principle_id)
        for unit in BusinessUnit.objects.all()
        for principle_id in sorted(
            default_assessed_principles(
                in_scope, unit_has_execution_processes=unit.has_execution_processes
            )
        )
    )


@transaction.atomic
def cycle_open(
    *,
    actor: User,
    year: int,
    principles: Iterable[ManagementPrinciple],
    period_start: date | None = None,
    period_end: date | None = None,
    include_basic: bool = True,
) -> AuditCycle:
    """Open the audit cycle of `year` with `principles` in scope and its fieldwork period, and
    give every business unit its default scope (see `audits.rules.default_assessed_principles`).
    The form asks the period; it may stay empty for cycles opened by scripts.

    With `include_basic` the cycle also assesses Basic Kwaliteitsmanagement at every unit
    (DOMAIN.md §2): not a management principle, but scored per unit the same way. `include_basic`
    alone decides that: Basic Kwaliteitsmanagement among `principles` is ignored."""
    require_audit_capacity(actor, allowed=COORDINATION)
    principles = [p for p in principles if not p.is_basic]
    if not principles:
        raise ValidationError({"principles": _("Kies ten minste één managementprincipe.")})
    if include_basic:
        principles += list(ManagementPrinciple.objects.filter(is_basic=True))
    require_year_free(year)
    _check_period(period_start, period_end, year=year)
    cycle = AuditCycle(
        year=year, created_by=actor, period_start=period_start, period_end=period_end
    )
    cycle.full_clean()
    cycle.save()
    cycle.principles.set(principles)

    default_scope_create(cycle, principles)
    audit_event_record(
        event=CYCLE_OPENED,
        actor=actor,
        target=cycle,
        changes={
            "principles": [None, [p.name for p in principles if not p.is_basic]],
            "include_basic": [None, include_basic],
            "period_start": [None, plain(period_start)],
            "period_end": [None, plain(period_end)],
        },
    )
    return cycle


@transaction.atomic
def cycle_period_change(
    *, actor: User, cycle: AuditCycle, period_start: date, period_end: date
) -> list[str]:
    """Set the fieldwork period of `cycle`; possible until the report is published. Returns the
    names of the fields that changed (none: nothing is stored and no event written)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _require_before_publication(cycle, what=_("De periode"))
    _check_period(period_start, period_end, year=cycle.year)
    changes = {
        field: [plain(getattr(cycle, field)), plain(new)]
        for field, new in (("period_start", period_start), ("period_end", period_end))
        if getattr(cycle, field) != new
    }
    if not changes:
        return []
    cycle.period_start, cycle.period_end = period_start, period_end
    cycle.full_clean()
    cycle.save(update_fields=list(changes))
    audit_event_record(event=CYCLE_PERIOD_CHANGED, actor=actor, target=cycle, changes=changes)
    return list(changes)


@dataclass(frozen=True)
class ScopeChange:
    added: list[ManagementPrinciple]
    removed: list[ManagementPrinciple]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


@transaction.atomic
def scope_set(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principles: Iterable[ManagementPrinciple],
) -> ScopeChange:
    """Set which of the cycle's principles are assessed at `unit` (DOMAIN.md §2, "Scope per
    unit"); a principle left out is absent there, never a zero. Only while fieldwork is open.
    Records what was added and removed; an unchanged scope stores nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = require_fieldwork_open(cycle, what=_("De scope"))
    in_cycle = {p.id: p for p in cycle.principles.all()}
    wanted = {p.id for p in principles}
    if not wanted <= set(in_cycle):
        raise ValidationError(
            {"principles": _("Kies alleen principes die in de scope van de cyclus staan.")}
        )
    current = set(
        AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values_list(
            "principle_id", flat=True
        )
    )
    change = ScopeChange(
        added=[p for pid, p in in_cycle.items() if pid in wanted - current],
        removed=[p for pid, p in in_cycle.items() if pid in current - wanted],
    )
    if not change:
        return change
    AssessedPrinciple.objects.filter(
        cycle=cycle, unit=unit, principle__in=[p.id for p in change.removed]
    ).delete()
    AssessedPrinciple.objects.bulk_create(
        AssessedPrinciple(cycle=cycle, unit=unit, principle=p) for p in change.added
    )
    names = {pid: p.name for pid, p in in_cycle.items()}
    audit_event_record(
        event=SCOPE_CHANGED,
        actor=actor,
        target=cycle,
        changes={
            "unit": [unit.name, unit.name],
            "principles": [
                [names[pid] for pid in in_cycle if pid in current],
                [names[pid] for pid in in_cycle if pid in wanted],
            ],
            "added": [None, [p.name for p in change.added]],
            "removed": [[p.name for p in change.removed], None],
        },
    )
    return change


@transaction.atomic
def assignment_create(
    *, actor: User, cycle: AuditCycle, unit: BusinessUnit, auditor: User, is_lead: bool = False
) -> Assignment:
    """Assign `auditor` to audit `unit` in `cycle`. Refused for the auditor's own unit
    (cross-auditing, DOMAIN.md §2) and for users who are not auditors. A new lead replaces the
    unit's previous lead. Teams change only while fieldwork is open."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = require_fieldwork_open(cycle, what=_("Een toetsteam"))
    if not auditor.has_role(Role.TOETSER):
        raise ValidationError(
            {"auditor": _("%(name)s heeft niet de rol Toetser.") % {"name": auditor}}
        )
    if not is_cross_audit(auditor_unit_id=auditor.business_unit_id, unit_id=unit.id):
        if auditor.business_unit_id is None:
            message = _(
                "%(name)s hoort bij geen bedrijfsonderdeel; kruislings toetsen is niet vast te stellen."
            )
        else:
            message = _(
                "%(name)s hoort zelf bij %(unit)s en mag dit onderdeel niet toetsen: "
                "toetsers toetsen kruislings, nooit hun eigen onderdeel."
            )
        raise ValidationError({"auditor": message % {"name": auditor, "unit": unit}})
    if Assignment.objects.filter(cycle=cycle, unit=unit, auditor=auditor).exists():
        raise ValidationError({"auditor": _("Deze toetser is al aan dit onderdeel toegewezen.")})

    if is_lead:
        for previous in Assignment.objects.select_for_update().filter(
            cycle=cycle, unit=unit, is_lead=True
        ):
            previous.is_lead = False
            previous.save(update_fields=["is_lead"])
            audit_event_record(
                event=ASSIGNMENT_LEAD_CHANGED,
                actor=actor,
                target=previous,
                changes={"is_lead": [True, False]},
            )
    assignment = Assignment(
        cycle=cycle, unit=unit, auditor=auditor, is_lead=is_lead, assigned_by=actor
    )
    assignment.full_clean()
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:  # a concurrent request assigned the same auditor first
        raise ValidationError(
            {"auditor": _("Deze toetser is al aan dit onderdeel toegewezen.")}
        ) from exc
    audit_event_record(
        event=ASSIGNMENT_CREATED,
        actor=actor,
        target=assignment,
        changes={"auditor": [None, str(auditor)], "is_lead": [None, is_lead]},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor: User, assignment: Assignment) -> None:
    """Take an auditor off a unit's audit team; only while fieldwork is open. What the auditor
    already recorded (interviews, scores) stays, with their name on it."""
    require_audit_capacity(actor, allowed=COORDINATION)
    require_fieldwork_open(assignment.cycle, what=_("Het toetsteam"))
    assignment = Assignment.objects.select_related("auditor", "unit").get(pk=assignment.pk)
    audit_event_record(
        event=ASSIGNMENT_REMOVED,
        actor=actor,
        target=assignment,
        changes={
            "auditor": [str(assignment.auditor), None],
            "unit": [assignment.unit.name, None],
            "is_lead": [assignment.is_lead, None],
        },
    )
    assignment.delete()


@transaction.atomic
def unit_exclude(*, actor: User, cycle: AuditCycle, unit: BusinessUnit, reason: str) -> Exclusion:
    """Mark `unit` "niet representatief" in `cycle` (DOMAIN.md §2): its scores stay out of every
    UWV-wide figure and the report names it with `reason`. Possible until publication."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _require_before_publication(cycle, what=_("Een uitsluiting"))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Geef de reden waarom dit onderdeel niet representatief is getoetst.")}
        )
    if Exclusion.objects.filter(cycle=cycle, unit=unit).exists():
        raise ValidationError(
            {"unit": _("%(unit)s is in deze cyclus al uitgesloten.") % {"unit": unit}}
        )
    exclusion = Exclusion(cycle=cycle, unit=unit, reason=reason, excluded_by=actor)
    exclusion.full_clean()
    try:
        with transaction.atomic():
            exclusion.save()
    except IntegrityError as exc:  # a concurrent request excluded the unit first
        raise ValidationError(
            {"unit": _("%(unit)s is in deze cyclus al uitgesloten.") % {"unit": unit}}
        ) from exc
    audit_event_record(
        event=EXCLUSION_CREATED,
        actor=actor,
        target=cycle,
        changes={"unit": [unit.name, unit.name], "excluded": [False, True]},
        reason=reason,
    )
    return exclusion


@transaction.atomic
def exclusion_undo(*, actor: User, exclusion: Exclusion, reason: str) -> None:
    """Count a previously excluded unit again in the UWV-wide figures. The reason is required and
    recorded with the reason of the exclusion it undoes."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _require_before_publication(exclusion.cycle, what=_("Een uitsluiting"))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden waarom dit onderdeel weer meetelt.")})
    exclusion = Exclusion.objects.select_related("unit").get(pk=exclusion.pk)
    audit_event_record(
        event=EXCLUSION_UNDONE,
        actor=actor,
        target=cycle,
        changes={
            "unit": [exclusion.unit.name, exclusion.unit.name],
            "excluded": [True, False],
            "exclusion_reason": [exclusion.reason, None],
        },
        reason=reason,
    )
    exclusion.delete()


def readiness_refusal(status_label: str, failing: list) -> ValidationError:
    """The Dutch refusal of a move whose readiness rules do not all hold: every failing rule,
    with the units that hold it up."""
    lines = [
        _("%(rule)s (nog niet bij %(units)s)")
        % {"rule": rule.text.rstrip("."), "units": ", ".join(rule.units)}
        + "."
        if rule.units
        else rule.text
        for rule in failing
    ]
    return ValidationError(
        _("De cyclus kan nog niet naar %(status)s. Nog niet voldaan: %(rules)s")
        % {"status": status_label, "rules": " ".join(lines)}
    )


def _locked_as_seen(actor: User, cycle: AuditCycle, expected_status: str) -> AuditCycle:
    """The cycle locked for a phase move by the coordination team, still in the status the
    user saw: if it moved on meanwhile nothing happens and the user is told, so a double click
    never skips (or undoes) a phase."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    if cycle.status != expected_status:
        raise ValidationError(
            _("De cyclus staat intussen op %(status)s; er is niets gewijzigd.")
            % {"status": cycle.get_status_display()}
        )
    return cycle


@transaction.atomic
def cycle_advance(*, actor: User, cycle: AuditCycle, expected_status: str) -> AuditCycle:
    """Move `cycle` to its next status (see `audits.constants.NEXT_STATUS`), once every
    readiness rule of the move holds (`audits.rules.phase_readiness`); otherwise refused with
    the rules that fail and the units that hold them up.

    `expected_status` is the status the user saw; if the cycle moved on meanwhile nothing happens
    and the user is told, so a double click never skips a phase."""
    cycle = _locked_as_seen(actor, cycle, expected_status)
    new_status = NEXT_STATUS.get(cycle.status)
    if new_status is None:
        raise ValidationError(_("De cyclus is gepubliceerd; er volgt geen fase meer."))
    failing = [rule for rule in cycle_readiness(cycle) if not rule.holds]
    if failing:
        raise readiness_refusal(CycleStatus(new_status).label, failing)
    old_status = cycle.status
    cycle.status = new_status
    cycle.save(update_fields=["status"])
    if not confirmation_open(new_status):
        # Calibration closed: records still waiting for confirmation lapse (issue 17).
        interview_requests_close(actor=actor, cycle=cycle)
    audit_event_record(
        event=CYCLE_ADVANCED,
        actor=actor,
        target=cycle,
        changes={"status": [old_status, new_status]},
    )
    return cycle


@transaction.atomic
def cycle_step_back(
    *, actor: User, cycle: AuditCycle, expected_status: str, reason: str
) -> AuditCycle:
    """Move `cycle` back one phase (`audits.constants.PREVIOUS_STATUS`), before publication
    only, with the reason kept in its history. What was recorded stays as it is: scores,
    calibration rounds and reports are not undone, the phase's work simply opens again."""
    cycle = _locked_as_seen(actor, cycle, expected_status)
    refusal = step_back_refusal(cycle)
    if refusal:
        raise ValidationError(refusal)
    previous = PREVIOUS_STATUS[cycle.status]
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef aan waarom de cyclus een fase terug gaat.")})
    old_status = cycle.status
    cycle.status = previous
    cycle.save(update_fields=["status"])
    audit_event_record(
        event=CYCLE_STEPPED_BACK,
        actor=actor,
        target=cycle,
        changes={"status": [old_status, previous]},
        reason=reason,
    )
    return cycle
