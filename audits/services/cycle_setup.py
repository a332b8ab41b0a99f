"""Setting a cycle up (issue 17, "a new cycle in minutes"): a new cycle based on the previous
one, the principles in scope changed while in preparation, and a cycle opened in error withdrawn
(and reinstated). Each is atomic, by the coordination team, and records its event.

What a cycle holds per cycle is copied: its principles and scope per unit, its fieldwork period
a year on, the candidate districts, proposed teams (`audits.rules.propose_teams`) and, through
copiers the apps above audits register in their `AppConfig.ready()` (`register_cycle_copier`),
their own per-cycle texts (maturity: the toetskader). The documentation list and the interview
question set are not per cycle: every cycle uses them as they stand."""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION, DEFAULT_TEAM_SIZE, CycleStatus
from audits.events import (
    ASSIGNMENT_CREATED,
    CYCLE_OPENED,
    CYCLE_PRINCIPLES_CHANGED,
    CYCLE_REINSTATED,
    CYCLE_WITHDRAWN,
)
from audits.models import AssessedPrinciple, Assignment, AuditCycle, District, ManagementPrinciple
from audits.rules import (
    PrincipleInScope,
    default_assessed_principles,
    principle_removal_refusal,
    propose_teams,
)
from audits.rules import shifted_one_year as shifted
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.recorded_work import recorded_work, withdrawal_refusal
from audits.services.cycles import ScopeChange, require_year_free
from uwvkms.changes import plain
from uwvkms.constants import Role
from uwvkms.dates import fieldwork_period_problems
from uwvkms.models import BusinessUnit, User
from uwvkms.selectors import users_with_role
from uwvkms.services import audit_event_record
from uwvkms.withdrawal import withdraw

# copier(previous=, cycle=, actor=) -> the changes to record, e.g. {"frameworks": [None, 3]}
CycleCopier = Callable[..., dict]

_copiers: list[CycleCopier] = []


def register_cycle_copier(copier: CycleCopier) -> None:
    """Add an app's copy of its per-cycle data to a new cycle based on an earlier one (called
    from `AppConfig.ready()`; registering twice adds it once)."""
    if copier not in _copiers:
        _copiers.append(copier)


def _require_preparation(
    cycle: AuditCycle, *, what: str, allow_withdrawn: bool = False
) -> AuditCycle:
    """Lock `cycle` and refuse unless it is still in Voorbereiding (and not withdrawn: then
    `withdraw` says so)."""
    cycle = AuditCycle.with_withdrawn.select_for_update().get(pk=cycle.pk)
    if cycle.is_withdrawn and not allow_withdrawn:
        raise ValidationError(cycle.withdrawal_summary())
    if cycle.status != CycleStatus.VOORBEREIDING:
        raise ValidationError(
            _(
                "%(what)s kan alleen in de fase Voorbereiding; toetscyclus %(year)s staat op "
                "%(status)s."
            )
            % {"what": what, "year": cycle.year, "status": cycle.get_status_display()}
        )
    return cycle


def _proposed_teams_create(*, actor: User, previous: AuditCycle, cycle: AuditCycle) -> int:
    """Propose teams for `cycle` by the rotation rule (`audits.rules.propose_teams`): each unit
    in scope gets as many auditors as it had in `previous` (else `DEFAULT_TEAM_SIZE`), none of
    them from the unit itself or on its team in `previous`. Returns how many were assigned."""
    units = list(
        BusinessUnit.objects.filter(
            pk__in=AssessedPrinciple.objects.filter(cycle=cycle).values("unit_id")
        ).order_by("name")
    )
    auditors = list(users_with_role(Role.TOETSER).order_by("last_name", "first_name", "pk"))
    previous_teams: dict[int, set[int]] = {}
    for unit_id, auditor_id in Assignment.objects.filter(cycle=previous).values_list(
        "unit_id", "auditor_id"
    ):
        previous_teams.setdefault(unit_id, set()).add(auditor_id)
    proposed = propose_teams(
        [unit.pk for unit in units],
        [auditor.pk for auditor in auditors],
        own_unit_of={auditor.pk: auditor.business_unit_id for auditor in auditors},
        previous_teams=previous_teams,
        team_sizes={
            unit.pk: len(previous_teams.get(unit.pk, ())) or DEFAULT_TEAM_SIZE for unit in units
        },
    )
    by_id = {auditor.pk: auditor for auditor in auditors}
    assignments = Assignment.objects.bulk_create(
        Assignment(
            cycle=cycle, unit=unit, auditor_id=auditor_id, is_lead=is_lead, assigned_by=actor
        )
        for unit in units
        for auditor_id, is_lead in proposed[unit.pk]
    )
    reason = _("Voorgesteld volgens de rotatieregel (op basis van %(year)s).") % {
        "year": previous.year
    }
    for assignment in assignments:
        audit_event_record(
            event=ASSIGNMENT_CREATED,
            actor=actor,
            target=assignment,
            changes={
                "auditor": [None, str(by_id[assignment.auditor_id])],
                "is_lead": [None, assignment.is_lead],
            },
            reason=reason,
        )
    return len(assignments)


@transaction.atomic
def cycle_open_based_on(*, actor: User, previous: AuditCycle) -> AuditCycle:
    """Open the cycle of the year after `previous` on its basis ("Nieuwe cyclus op basis van
    2024"), everything editable in Voorbereiding: its principles and the scope per unit, its
    fieldwork period a year on (left empty when that would not be a plausible period, see
    `uwvkms.dates.fieldwork_period_problems`), the candidate districts per unit, the per-cycle
    texts of the apps above (registered copiers) and proposed teams by the rotation rule.
    The new cycle remembers `previous` (`based_on`); its opening event says so."""
    require_audit_capacity(actor, allowed=COORDINATION)
    previous = AuditCycle.with_withdrawn.get(pk=previous.pk)
    if previous.is_withdrawn:
        raise ValidationError(
            _("Toetscyclus %(year)s is ingetrokken; kies een cyclus die meetelt als basis.")
            % {"year": previous.year}
        )
    year = previous.year + 1
    require_year_free(year)
    period_start, period_end = shifted(previous.period_start), shifted(previous.period_end)
    if fieldwork_period_problems(period_start, period_end, year=year):
        period_start = period_end = None
    cycle = AuditCycle(
        year=year,
        created_by=actor,
        period_start=period_start,
        period_end=period_end,
        based_on=previous,
    )
    cycle.full_clean(validate_unique=False)  # the year is checked above, withdrawn ones too
    cycle.save()
    principles = list(previous.principles.all())
    cycle.principles.set(principles)
    AssessedPrinciple.objects.bulk_create(
        AssessedPrinciple(cycle=cycle, unit_id=unit_id, principle_id=principle_id)
        for unit_id, principle_id in AssessedPrinciple.objects.filter(cycle=previous)
        .order_by("unit_id", "principle_id")
        .values_list("unit_id", "principle_id")
    )
    districts = District.objects.bulk_create(
        District(cycle=cycle, unit_id=unit_id, name=name, kind=kind)
        for unit_id, name, kind in District.objects.filter(cycle=previous)
        .order_by("unit_id", "kind", "name")
        .values_list("unit_id", "name", "kind")
    )
    changes = {
        "based_on": [None, previous.year],
        "principles": [None, [p.name for p in principles if not p.is_basic]],
        "include_basic": [None, any(p.is_basic for p in principles)],
        "period_start": [None, plain(period_start)],
        "period_end": [None, plain(period_end)],
        "districts": [None, len(districts)],
    }
    for copier in _copiers:
        changes.update(copier(previous=previous, cycle=cycle, actor=actor))
    changes["assignments"] = [
        None,
        _proposed_teams_create(actor=actor, previous=previous, cycle=cycle),
    ]
    audit_event_record(event=CYCLE_OPENED, actor=actor, target=cycle, changes=changes)
    return cycle


@transaction.atomic
def cycle_principles_set(
    *,
    actor: User,
    cycle: AuditCycle,
    principles: Iterable[ManagementPrinciple],
    include_basic: bool,
) -> ScopeChange:
    """Change which management principles `cycle` covers, while it is in Voorbereiding (issue
    17): an added principle gets its default scope at every unit (see
    `audits.rules.default_assessed_principles`), a removed one leaves the scope of every unit.
    `include_basic` alone decides Basic Kwaliteitsmanagement, as when opening. An unchanged
    choice stores nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _require_preparation(cycle, what=_("De principes in scope wijzigen"))
    wanted = {p.pk: p for p in principles if not p.is_basic}
    if not wanted:
        raise ValidationError({"principles": _("Kies ten minste één managementprincipe.")})
    if include_basic:
        wanted.update({p.pk: p for p in ManagementPrinciple.objects.filter(is_basic=True)})
    current = {p.pk: p for p in cycle.principles.all()}
    change = ScopeChange(
        added=[p for pk, p in wanted.items() if pk not in current],
        removed=[p for pk, p in current.items() if pk not in wanted],
    )
    if not change:
        return change
    for principle in change.removed:
        refusal = principle_removal_refusal(
            principle=principle.name, recorded_work=recorded_work(cycle, {principle.pk})
        )
        if refusal:
            raise ValidationError({"principles": refusal})
    if change.removed:
        AssessedPrinciple.objects.filter(cycle=cycle, principle__in=change.removed).delete()
        cycle.principles.remove(*change.removed)
    if change.added:
        cycle.principles.add(*change.added)
        in_scope = [PrincipleInScope(p.pk, p.execution_units_only) for p in change.added]
        AssessedPrinciple.objects.bulk_create(
            AssessedPrinciple(cycle=cycle, unit=unit, principle_id=principle_id)
            for unit in BusinessUnit.objects.all()
            for principle_id in sorted(
                default_assessed_principles(
                    in_scope, unit_has_execution_processes=unit.has_execution_processes
                )
            )
        )

    def names(ps: dict) -> list[str]:
        return [p.name for p in sorted(ps.values(), key=lambda p: (p.order, p.name))]

    audit_event_record(
        event=CYCLE_PRINCIPLES_CHANGED,
        actor=actor,
        target=cycle,
        changes={
            "principles": [names(current), names(wanted)],
            "added": [None, [p.name for p in change.added]],
            "removed": [[p.name for p in change.removed], None],
        },
    )
    return change


@transaction.atomic
def cycle_withdraw(*, actor: User, cycle: AuditCycle, reason: str) -> AuditCycle:
    """Withdraw a cycle opened in error, while it is in Voorbereiding, with a reason (issue 17,
    undo with a trace): it leaves every list, figure and work queue but keeps its row, its year
    (a new cycle for that year is refused; the cycle can be reinstated) and its history."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _require_preparation(cycle, what=_("Een toetscyclus intrekken"), allow_withdrawn=True)
    refusal = None if cycle.is_withdrawn else withdrawal_refusal(cycle)
    if refusal:
        raise ValidationError(refusal)
    changes = withdraw(cycle, actor=actor, reason=reason, what=_("Deze toetscyclus"))
    audit_event_record(
        event=CYCLE_WITHDRAWN,
        actor=actor,
        target=cycle,
        changes=changes,
        reason=cycle.withdrawal_reason,
    )
    return cycle


@transaction.atomic
def cycle_reinstate(*, actor: User, cycle: AuditCycle, reason: str) -> AuditCycle:
    """Count a withdrawn cycle again (the way to audit its year after all), with a reason; it
    comes back in Voorbereiding as it was. The reason of its withdrawal stays in its history."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = AuditCycle.with_withdrawn.select_for_update().get(pk=cycle.pk)
    if not cycle.is_withdrawn:
        raise ValidationError(
            _("Toetscyclus %(year)s is niet ingetrokken; er is niets terug te zetten.")
            % {"year": cycle.year}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden waarom u de cyclus terugzet.")})
    old_reason = cycle.withdrawal_reason
    cycle.withdrawn_at = cycle.withdrawn_by = None
    cycle.withdrawal_reason = ""
    cycle.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit_event_record(
        event=CYCLE_REINSTATED,
        actor=actor,
        target=cycle,
        changes={"withdrawn": [True, False], "withdrawal_reason": [old_reason, None]},
        reason=reason,
    )
    return cycle
