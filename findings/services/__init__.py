"""Writes of findings, unit reports, responses, the roll-up and follow-up, one module per
sub-domain. Other apps import from here."""

# --- Findings per unit, the unit report and the management response ---------------------------
from findings.services.findings import (
    FindingConflict,
    FindingsLocked,
    finding_create,
    finding_delete,
    finding_update,
    quote_create,
    quote_delete,
    quote_update,
    recommendation_create,
    recommendation_delete,
    recommendation_update,
)
from findings.services.responses import (
    AnswerData,
    ResponseConflict,
    ResponseLocked,
    management_response_save,
)
from findings.services.unit_reports import UnitReportConflict, unit_report_move

__all__ = [
    "AnswerData",
    "FindingConflict",
    "FindingsLocked",
    "ResponseConflict",
    "ResponseLocked",
    "UnitReportConflict",
    "finding_create",
    "finding_delete",
    "finding_update",
    "management_response_save",
    "quote_create",
    "quote_delete",
    "quote_update",
    "recommendation_create",
    "recommendation_delete",
    "recommendation_update",
    "unit_report_move",
]
