"""Writes of the audit fieldwork. Each is atomic and records its event."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audits.constants import NEXT_STATUS
from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple
from audits.rules import PrincipleInScope, default_assessed_principles, is_cross_audit
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record


@transaction.atomic
def cycle_open(*, actor: User, year: int, principles: Iterable[ManagementPrinciple]) -> AuditCycle:
    """Open the audit cycle of `year` with `principles` in scope, and give every business unit its
    default scope (see `audits.rules.default_assessed_principles`)."""
    principles = list(principles)
    if not principles:
        raise ValidationError({"principles": _("Kies ten minste één managementprincipe.")})
    if AuditCycle.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("Er bestaat al een toetscyclus voor %(year)s.") % {"year": year}}
        )
    cycle = AuditCycle(year=year, created_by=actor)
    cycle.full_clean()
    cycle.save()
    cycle.principles.set(principles)

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
    audit_event_record(
        event="audits.cycle.opened",
        actor=actor,
        target=cycle,
        changes={"principles": [None, [p.name for p in principles]]},
    )
    return cycle


@transaction.atomic
def assignment_create(
    *, actor: User, cycle: AuditCycle, unit: BusinessUnit, auditor: User, is_lead: bool = False
) -> Assignment:
    """Assign `auditor` to audit `unit` in `cycle`. Refused for the auditor's own unit
    (cross-auditing, DOMAIN.md §2) and for users who are not auditors. A new lead replaces the
    unit's previous lead."""
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
                event="audits.assignment.lead_changed",
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
        event="audits.assignment.created",
        actor=actor,
        target=assignment,
        changes={"auditor": [None, str(auditor)], "is_lead": [None, is_lead]},
    )
    return assignment


@transaction.atomic
def cycle_advance(*, actor: User, cycle: AuditCycle, expected_status: str) -> AuditCycle:
    """Move `cycle` to its next status (see `audits.constants.NEXT_STATUS`).

    `expected_status` is the status the user saw; if the cycle moved on meanwhile nothing happens
    and the user is told, so a double click never skips a phase."""
    cycle = AuditCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != expected_status:
        raise ValidationError(
            _("De cyclus staat intussen op %(status)s; er is niets gewijzigd.")
            % {"status": cycle.get_status_display()}
        )
    new_status = NEXT_STATUS.get(cycle.status)
    if new_status is None:
        raise ValidationError(_("De cyclus is gepubliceerd; er volgt geen fase meer."))
    old_status = cycle.status
    cycle.status = new_status
    cycle.save(update_fields=["status"])
    audit_event_record(
        event="audits.cycle.advanced",
        actor=actor,
        target=cycle,
        changes={"status": [old_status, new_status]},
    )
    return cycle
