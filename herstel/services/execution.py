"""Writes of step 3 (DOMAIN.md §6, "Uitvoeren actie"): the project structure with the plan of
approach, the go/no-go moment, and the estimated average amount per dossier for the management
information. Each is atomic and records its event on the action."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import GoBody, GoOutcome, Operation
from herstel.events import ESTIMATE_SET, EXECUTION_PLAN_UPDATED, GO_DECISION_RECORDED
from herstel.models import ActionDocument, ExecutionPlan, GoDecision, Herstelactie
from herstel.money import cents_of, euros
from herstel.rules import decision_date_problem
from herstel.services.documents import document_for_reference
from herstel.services.guards import (
    locked,
    require_operation,
    require_version,
)
from uwvkms.changes import changes_between, plain
from uwvkms.models import User
from uwvkms.services import audit_event_record

PLAN_FIELDS = (
    "project_lead",
    "team",
    "structure",
    "plan_document",
    "plan_summary",
    "planned_start",
    "planned_end",
)


def _plan(herstelactie: Herstelactie) -> ExecutionPlan:
    return ExecutionPlan.objects.get_or_create(herstelactie=herstelactie)[0]


@transaction.atomic
def execution_plan_save(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    project_lead: str,
    team: str,
    structure: str,
    plan_document: str,
    plan_summary: str,
    planned_start: date | None,
    planned_end: date | None,
) -> ExecutionPlan:
    """Record the project structure (project lead, team, how it is organised) and the plan of
    approach of step 3 (advisers of the lead division, step 3). A save on a stale version of the
    action is refused with EditConflict; a save that changes nothing records nothing."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_EXECUTION_PLAN)
    require_version(herstelactie, expected_version)
    plan = _plan(herstelactie)
    old = {name: plain(getattr(plan, name)) for name in PLAN_FIELDS}
    plan.project_lead = (project_lead or "").strip()
    plan.team = (team or "").strip()
    plan.structure = (structure or "").strip()
    plan.plan_document = (plan_document or "").strip()
    plan.plan_summary = (plan_summary or "").strip()
    plan.planned_start = planned_start
    plan.planned_end = planned_end
    plan.full_clean(exclude=["herstelactie"])
    changes = changes_between(old, {name: plain(getattr(plan, name)) for name in PLAN_FIELDS})
    if not changes:
        return plan
    plan.save()
    herstelactie.save(update_fields=herstelactie.touch(actor))
    audit_event_record(
        event=EXECUTION_PLAN_UPDATED, actor=actor, target=herstelactie, changes=changes
    )
    return plan


@transaction.atomic
def go_decision_record(
    *,
    actor: User,
    herstelactie: Herstelactie,
    body: str,
    outcome: str,
    decided_on: date,
    rationale: str = "",
    document: str = "",
    document_file: ActionDocument | None = None,
) -> GoDecision:
    """Record the go/no-go moment of the execution (the process guide: mostly at DT/MT level):
    the body, the date and the outcome; a no-go says why. Recorded by the advisers or the DT
    members of the lead division in step 3. Never edited: a later record replaces the earlier
    one, and dossier work is allowed only while the latest says "go". `document_file`: a
    document of the action's dossier it rests on (not withdrawn)."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.RECORD_GO_DECISION)
    problem = decision_date_problem(
        decided_on, wrong_since=herstelactie.wrong_since, today=timezone.localdate()
    )
    if problem:
        raise ValidationError({"decided_on": problem})
    document_file = document_for_reference(herstelactie, document_file)
    decision = GoDecision(
        herstelactie=herstelactie,
        body=GoBody(body),
        outcome=GoOutcome(outcome),
        decided_on=decided_on,
        rationale=(rationale or "").strip(),
        document=(document or "").strip(),
        document_file=document_file,
        recorded_by=actor,
    )
    if decision.outcome == GoOutcome.NO_GO and not decision.rationale:
        raise ValidationError({"rationale": _("Geef bij een no-go de reden.")})
    decision.full_clean()
    decision.save()
    audit_event_record(
        event=GO_DECISION_RECORDED,
        actor=actor,
        target=herstelactie,
        changes={
            "go_body": [None, decision.body],
            "go_outcome": [None, decision.outcome],
            "decided_on": [None, decided_on.isoformat()],
            "rationale": [None, decision.rationale or None],
            "document": [None, decision.document or None],
            **({"document_file": [None, str(document_file)]} if document_file is not None else {}),
        },
    )
    return decision


@transaction.atomic
def estimate_set(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    average: Decimal | None,
    basis: str = "",
) -> ExecutionPlan:
    """Enter (or clear, with None) the estimated average amount per dossier for the dossiers
    still to assess, with its basis. Without one, the management information derives the
    average from the assessed dossiers (rules.average_estimate) and says so."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.SET_ESTIMATE)
    require_version(herstelactie, expected_version)
    if average is not None and average < 0:
        raise ValidationError({"average": _("Een bedrag is nul of meer.")})
    try:
        cents = cents_of(average)
    except ValueError:
        raise ValidationError({"average": _("Hoogstens twee decimalen.")}) from None
    basis = (basis or "").strip()
    if cents is not None and not basis:
        raise ValidationError({"basis": _("Onderbouw de schatting.")})
    plan = _plan(herstelactie)
    old = {
        "estimate": plain(euros(plan.estimated_average_cents)),
        "estimate_basis": plan.estimate_basis,
    }
    plan.estimated_average_cents = cents
    plan.estimate_basis = basis if cents is not None else ""
    plan.full_clean(exclude=["herstelactie"])
    new = {
        "estimate": plain(euros(plan.estimated_average_cents)),
        "estimate_basis": plan.estimate_basis,
    }
    changes = changes_between(old, new)
    if not changes:
        return plan
    plan.save(update_fields=["estimated_average_cents", "estimate_basis", "updated_at"])
    herstelactie.save(update_fields=herstelactie.touch(actor))
    audit_event_record(event=ESTIMATE_SET, actor=actor, target=herstelactie, changes=changes)
    return plan
