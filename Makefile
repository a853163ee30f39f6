# Procesbank: `make run` for the demo, `make test` for everything CI checks.
# Both work on a fresh Debian machine with Python 3.11; as root they install the Debian
# packages they need (Node.js/npm, Chromium), otherwise they print the command to run.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# One test process per core (pytest-xdist); a file's tests stay on one process, so module
# fixtures (the demo loaded once per file) are built once. PYTEST_PARALLEL= runs them serially.
PYTEST_PARALLEL ?= -n auto --dist loadfile
# The slowest tests are printed after each run, so a suite that grows slow shows where.
PYTEST_FLAGS ?= -q -p no:cacheprovider --durations=20
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run dev test lint test-sqlite test-postgres install install-test assets messages \
        browser node compiler openapi screenshots bench clean

# The demo runs as production does (DEBUG off: whitenoise serves the collected static files,
# the Danish 404/500 pages, no URL map on a wrong address), only over plain HTTP on localhost.
run: install node assets messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/procesbank demo
	@echo "Procesbank starter på http://127.0.0.1:$(PORT)/ — log ind med en af kontiene ovenfor."
	PROCESBANK_HTTPS=0 PORT=$(PORT) $(VENV)/bin/procesbank serve

# Developer mode: Django's debug pages and static files straight from the source folders.
dev: install node assets messages
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(VENV)/bin/procesbank demo
	DEBUG=1 PORT=$(PORT) $(VENV)/bin/procesbank serve

test: install-test node assets messages browser lint test-sqlite test-postgres

# --- installation ---------------------------------------------------------------------------
$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# setup.py builds the native XES scanner (C) when a compiler and Python's headers are there.
NATIVE := setup.py procesbank/mining/engine/_xesscan.c

$(VENV)/.installed: pyproject.toml $(NATIVE) | $(PY) compiler
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(NATIVE) | $(PY) compiler
	$(PIP) install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian packages the application itself needs: Node.js/npm for the assets, Pango for PDFs.
node:
	@if ! command -v npm >/dev/null 2>&1 || ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm libpango-1.0-0 libpangoft2-1.0-0; \
	  else echo "Mangler / missing: sudo apt-get install nodejs npm libpango-1.0-0 libpangoft2-1.0-0"; exit 1; fi; \
	fi

# A C compiler and Python's headers, before the install: the native XES scanner is optional
# (without it Polars reads XES, about four times slower), so a user who is not root is told,
# not stopped.
compiler:
	@if ! command -v cc >/dev/null 2>&1 || ! $(PYTHON) -c "import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gcc python3-dev; \
	  else echo "Uden C-oversætter læses XES langsommere / without a C compiler XES reads slower: sudo apt-get install gcc python3-dev"; fi; \
	fi

frontend/node_modules/.package-lock.json: frontend/package-lock.json | node
	cd frontend && npm ci --no-audit --no-fund

procesbank/static/vendor/.built: frontend/node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/src/*.js)
	cd frontend && npm run --silent build
	touch $@

assets: procesbank/static/vendor/.built

messages: $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -d procesbank/locale -D django

browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v xgettext >/dev/null || ! command -v soffice >/dev/null || ! command -v xmlsec1 >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver gettext libreoffice-calc-nogui xmlsec1; \
	  else echo "Chromium mangler / is missing: sudo apt-get install chromium chromium-driver gettext libreoffice-calc-nogui xmlsec1"; exit 1; fi; \
	fi

# --- checks ---------------------------------------------------------------------------------
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy procesbank
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint procesbank --lint --quiet
	$(PY) manage.py check_translations

test-sqlite: install-test assets messages browser
	$(VENV)/bin/pytest $(PYTEST_FLAGS) $(PYTEST_PARALLEL)

# The same suite again on PostgreSQL, the production database. CI must have it.
test-postgres: install-test assets messages browser
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(or $(DATABASE_URL),$(PG_URL))', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(or $(DATABASE_URL),$(PG_URL)) $(VENV)/bin/pytest $(PYTEST_FLAGS) $(PYTEST_PARALLEL); \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(or $(DATABASE_URL),$(PG_URL)): CI requires it."; exit 1; \
	else echo "PostgreSQL not reachable: skipping the PostgreSQL run (set DATABASE_URL)."; fi

openapi: install
	$(VENV)/bin/procesbank openapi > docs/openapi.json

screenshots: install-test assets messages browser
	$(VENV)/bin/pytest -q tests/e2e --screenshots=screenshots

bench: install-test
	$(PY) bench/mining.py

clean:
	rm -rf $(VENV) frontend/node_modules procesbank/static/vendor var
