# uwvkms: `make demo` starts the app with demo data, `make test` runs every check and test.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Django 6.1 needs Python 3.12+. Look on PATH first, then in pyenv's versions; override with PYTHON=.
PYTHON ?= $(shell for c in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v $$c; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Keep the compiled bytecode (__pycache__, git-ignored): where the environment sets
# PYTHONDONTWRITEBYTECODE, every Python process (each test run, gunicorn worker, task worker,
# manage.py command) would compile every module it imports again, about 5 s of CPU each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help demo worker test test-unit test-journeys test-prod loadtest bench lint checks lint-and-checks clean oidc-provider demo-sso

help:
	@echo "make demo   start the app with demo data on http://127.0.0.1:8000 (SQLite)"
	@echo "make demo-sso  the demo with Inloggen met UWV-account (a test OpenID provider beside it)"
	@echo "make worker run the background worker alone (make demo starts one itself)"
	@echo "make test   lint, checks and the whole test suite (DATABASE_URL picks the database)"
	@echo "make test-unit / make test-journeys  the suite without / only the browser journeys and schemathesis"
	@echo "make test-prod  the production-mode tier: nginx + 2 gunicorn nodes + 2 workers, DEBUG off"
	@echo "make loadtest   Locust against that stack; results in tests/benchmarks/results/"
	@echo "make bench  run the benchmarks; results in tests/benchmarks/results/"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Geen Python 3.12 of nieuwer gevonden (Django 6.1 vereist dat)."; \
	  echo "Installeer Python 3.12+, of geef er een op: make demo PYTHON=/pad/naar/python3.12"; \
	  exit 1; fi
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet uv

# uv installs the same dependencies as pip, in parallel and from its cache: about 10 s instead of
# a minute and a half on a clean clone. Without uv (an offline mirror without it) pip does it.
$(STAMP): pyproject.toml | $(PY)
	if [ -x $(VENV)/bin/uv ]; then $(VENV)/bin/uv pip install --quiet --python $(PY) -e ".[dev]"; \
	else $(PY) -m pip install --quiet -e ".[dev]"; fi
	touch $(STAMP)

# The demo logs in with the password alone: two-factor authentication, required in production
# for the Beheerder and the Coördinatieteam and for /beheer/, is switched off (README,
# "Inloggen, tweestapsverificatie en wachtwoorden"). `make demo DEMO_MFA_ROLES=Beheerder,Coördinatieteam`
# keeps it on; the demo users of those roles then share the authenticator key loaddemo prints.
DEMO_MFA_ROLES ?=
DEMO_ENV = DEBUG=1 MFA_REQUIRED_ROLES="$(DEMO_MFA_ROLES)" MFA_REQUIRED_FOR_ADMIN=$(if $(DEMO_MFA_ROLES),1,0)

# The real OpenID provider the SSO tests run on loopback (tests/oidc: the npm package
# oidc-provider, on Node 20+). .ci/run installs it before its jobs start, so they never race.
OIDC_STAMP := tests/oidc/node_modules/.installed
$(OIDC_STAMP): tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund
	touch $(OIDC_STAMP)

oidc-provider: $(OIDC_STAMP)

# The demo with "Inloggen met UWV-account" through that test provider on http://127.0.0.1:9400
# (accounts toetser, coordinator and geenrol, password "wachtwoord"; tests/oidc/provider.mjs).
demo-sso: $(STAMP) $(OIDC_STAMP)
	node tests/oidc/provider.mjs http://127.0.0.1:8000 9400 & provider=$$!; \
	trap 'kill $$provider 2>/dev/null' EXIT INT TERM; \
	OIDC_OP_ISSUER=http://127.0.0.1:9400 OIDC_RP_CLIENT_ID=uwvkms \
	OIDC_RP_CLIENT_SECRET=uwvkms-test-geheim \
	OIDC_GROUP_ROLES='kms-toetsers=Toetser,kms-coordinatie=Coördinatieteam' $(MAKE) demo

# The background worker runs beside the web server: it publishes report versions and mails the
# notifications (on the console with DEBUG); Ctrl+C stops both.
demo: $(STAMP)
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py loaddemo
	@echo "uwvkms draait op http://127.0.0.1:8000 met de achtergrondtaken (stoppen: Ctrl+C)"
	$(DEMO_ENV) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

worker: $(STAMP)
	$(DEMO_ENV) $(PY) manage.py db_worker

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

checks: $(STAMP)
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

lint-and-checks: lint checks

test: lint checks $(OIDC_STAMP)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The two halves of the suite that .ci/run runs as separate jobs: everything but the browser
# journeys and schemathesis (on SQLite and on PostgreSQL), and those two (once, on PostgreSQL).
test-unit: $(STAMP) $(OIDC_STAMP)
	$(VENV)/bin/pytest -m 'not prod and not e2e and not fuzz' $(PYTEST_ARGS)

test-journeys: $(STAMP)
	$(VENV)/bin/pytest -m 'e2e or fuzz' $(PYTEST_ARGS)

# The production-mode tier: starts .ci/prod-stack (as deploy/ describes it), runs tests/prod
# against it and always stops it again.
test-prod: $(STAMP)
	.ci/prod-stack start
	status=0; PROD_REQUIRED=1 $(VENV)/bin/pytest -m prod tests/prod $(PYTEST_ARGS) || status=$$?; \
	  .ci/prod-stack stop || status=1; exit $$status

loadtest: $(STAMP)
	.ci/prod-stack start
	status=0; $(PY) -m tests.loadtest.run || status=$$?; .ci/prod-stack stop || status=1; \
	  exit $$status

bench: $(STAMP)
	$(PY) -m tests.benchmarks.run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
