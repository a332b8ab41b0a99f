"""Findings, management responses and follow-up (DOMAIN.md §4). The models arrive with the
findings issue; the report package builds on the maturity figures already."""
