"""Fictional demo data for `make demo`: the scenarios of every app in one top layer, so no
production app carries demo code. `people.py` creates the business units and people every
scenario shares; `audit.py` (with `fieldwork.py`, `maturity.py`, `findings.py` and `years.py`)
loads the audit chain, `herstel.py` (with `herstel_decisions.py` and `herstel_execution.py`) the
herstelacties. `manage.py loaddemo` loads both, `loaddemo_herstel` the herstelacties alone."""
