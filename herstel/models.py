"""Herstelacties (DOMAIN.md §6). The models arrive with the herstelactie issues."""
