"""Reads of herstelacties, one module per sub-domain."""
