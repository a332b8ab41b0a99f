"""Writes of the audit fieldwork, one module per sub-domain. Other apps import from here."""

from audits.services.cycles import assignment_create, cycle_advance, cycle_open

__all__ = ["assignment_create", "cycle_advance", "cycle_open"]
