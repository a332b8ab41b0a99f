"""Writes of herstelacties, one module per sub-domain: every write is keyword-only, atomic, and
records its event on the action (`herstel.<thing>.<what>`)."""
