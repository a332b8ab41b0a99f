"""Reads of findings, unit reports, the roll-up and follow-up, one module per sub-domain. Other
apps import from here."""

# --- Findings per unit, the unit report and the management response ---------------------------
from findings.selectors.findings import findings_by_principle
from findings.selectors.unit_reports import (
    board_unit_reports,
    unit_report_get_for_reader,
    unit_reports_for_user,
)

__all__ = [
    "board_unit_reports",
    "findings_by_principle",
    "unit_report_get_for_reader",
    "unit_reports_for_user",
]
