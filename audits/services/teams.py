"""The team matrix (issue 17): every unit's audit team set in one save, with the independence
and one-lead rules checked for the whole matrix (`audits.rules.team_violations`). Nothing is
saved while any rule is broken; every breach is named."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION, TeamRole
from audits.events import ASSIGNMENT_CREATED, ASSIGNMENT_LEAD_CHANGED, ASSIGNMENT_REMOVED
from audits.models import Assignment, AuditCycle
from audits.rules import TeamViolation, team_violations
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.teams import page_order, violation_message
from audits.services.cycles import require_fieldwork_open
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.selectors import users_with_role
from uwvkms.services import audit_event_record
from uwvkms.versioning import EditConflict

Cell = tuple[int, int]  # (unit id, auditor id)


class TeamRulesBroken(ValidationError):
    """The matrix breaks the team rules: every breach (`violations`), named in the messages."""

    def __init__(self, violations: list[TeamViolation], *, units: Mapping, auditors: Mapping):
        self.violations = violations
        super().__init__([violation_message(v, units=units, auditors=auditors) for v in violations])


@dataclass(frozen=True)
class TeamMatrixSaved:
    added: int
    removed: int
    lead_changed: int

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.lead_changed)


@transaction.atomic
def team_matrix_save(
    *,
    actor: User,
    cycle: AuditCycle,
    roles: Mapping[Cell, str],
    seen: Mapping[Cell, str] | None = None,
) -> TeamMatrixSaved:
    """Set the audit teams of `cycle` from the team matrix: `roles` maps (unit id, auditor id)
    to a `TeamRole` value ("" takes the auditor off the unit); a cell not in `roles` keeps what
    it has. Only while teams may change (fieldwork open). Refused as a whole with every breach
    named (`TeamRulesBroken`) when the resulting teams break the independence or one-lead rule;
    auditors must hold the role Toetser (one already on a team may stay). Records an event per
    assignment made, removed or whose lead changed.

    `seen` holds the teams as the user saw them (set cells): the page sends only the cells the
    user changed, so a change someone else made meanwhile to another cell is kept, and a cell
    the user changed that someone else changed too is refused with `EditConflict`, naming it,
    and nothing changes (None: no check, for scripts)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = require_fieldwork_open(cycle, what=_("Een toetsteam"))
    current = {
        (a.unit_id, a.auditor_id): a
        for a in Assignment.objects.select_for_update()
        .filter(cycle=cycle)
        .select_related("auditor", "unit")
    }

    def role_of(assignment: Assignment) -> str:
        return TeamRole.LEAD if assignment.is_lead else TeamRole.MEMBER

    now = {cell: role_of(a) for cell, a in current.items()}
    auditors = {user.pk: user for user in users_with_role(Role.TOETSER)}
    auditors.update({a.auditor_id: a.auditor for a in current.values()})
    units = dict(BusinessUnit.objects.values_list("pk", "name"))
    if seen is not None:
        meanwhile = [cell for cell in roles if now.get(cell, "") != seen.get(cell, "")]
        if meanwhile:
            raise EditConflict(
                _("De teamindeling"),
                state=_("Intussen gewijzigd: %(cells)s.")
                % {
                    "cells": "; ".join(
                        _("%(auditor)s bij %(unit)s (nu %(role)s)")
                        % {
                            "auditor": auditors.get(a, a),
                            "unit": units.get(u, u),
                            "role": TeamRole(now[u, a]).label if now.get((u, a)) else _("geen"),
                        }
                        for u, a in meanwhile
                    )
                },
                todo=_(
                    "Uw keuzes staan nog in het formulier, naast de teams zoals ze nu zijn; sla "
                    "opnieuw op om ze toch door te voeren."
                ),
            )
    for (unit_id, auditor_id), role in roles.items():
        if role not in TeamRole.values:
            raise ValidationError(_("Kies per cel geen rol, Toetser of Lead."))
        if unit_id not in units:
            raise ValidationError(_("Dit bedrijfsonderdeel bestaat niet (meer)."))
        if role and auditor_id not in auditors:
            raise ValidationError(_("Alleen toetsers kunnen aan een toetsteam worden toegewezen."))

    wanted = dict(now)
    wanted.update(roles)
    in_page_order = sorted(
        ((cell, role) for cell, role in wanted.items() if role),
        key=lambda item: (units[item[0][0]], page_order(auditors[item[0][1]])),
    )
    violations = team_violations(
        dict(in_page_order),
        own_unit_of={pk: user.business_unit_id for pk, user in auditors.items()},
    )
    if violations:
        raise TeamRulesBroken(violations, units=units, auditors=auditors)

    added = removed = lead_changed = 0
    for cell, role in sorted(wanted.items()):
        assignment = current.get(cell)
        if assignment is None and role:
            assignment = Assignment(
                cycle=cycle,
                unit_id=cell[0],
                auditor=auditors[cell[1]],
                is_lead=role == TeamRole.LEAD,
                assigned_by=actor,
            )
            assignment.save()
            audit_event_record(
                event=ASSIGNMENT_CREATED,
                actor=actor,
                target=assignment,
                changes={
                    "auditor": [None, str(assignment.auditor)],
                    "is_lead": [None, assignment.is_lead],
                },
            )
            added += 1
        elif assignment is not None and not role:
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
            removed += 1
        elif assignment is not None and role != role_of(assignment):
            assignment.is_lead = role == TeamRole.LEAD
            assignment.save(update_fields=["is_lead"])
            audit_event_record(
                event=ASSIGNMENT_LEAD_CHANGED,
                actor=actor,
                target=assignment,
                changes={"is_lead": [not assignment.is_lead, assignment.is_lead]},
            )
            lead_changed += 1
    return TeamMatrixSaved(added=added, removed=removed, lead_changed=lead_changed)
