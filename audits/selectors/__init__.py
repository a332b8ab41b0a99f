"""Reads of the audit fieldwork, one module per sub-domain. Other apps import from here."""

from audits.selectors.capacities import audit_capacities, require_audit_capacity, roles_of
from audits.selectors.cycles import (
    assessed_principle_ids_by_unit,
    assignments_of_auditor,
    cycle_get,
    cycle_get_for_coordinator,
    cycles_for_user,
    exclusions_of,
    is_assessed,
    management_principles,
    principle_get,
    unit_get,
    units_with_scope_and_team,
)
from audits.selectors.districts import current_draws
from audits.selectors.evaluation import hours_totals, team_composition
from audits.selectors.evidence import EvidenceTotals, evidence_totals
from audits.selectors.reference import bijlage_principles, reference_text

__all__ = [
    "audit_capacities",
    "require_audit_capacity",
    "roles_of",
    "assessed_principle_ids_by_unit",
    "assignments_of_auditor",
    "cycle_get",
    "cycle_get_for_coordinator",
    "cycles_for_user",
    "is_assessed",
    "management_principles",
    "principle_get",
    "unit_get",
    "units_with_scope_and_team",
    "exclusions_of",
    "current_draws",
    "hours_totals",
    "team_composition",
    "EvidenceTotals",
    "evidence_totals",
    "bijlage_principles",
    "reference_text",
]
