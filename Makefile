# AI Careers Knowledge Base — `make run` and `make test` work on a fresh machine
# with only Python 3.11+ and make (see README.md).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
PYTEST_ARGS ?=
# The suite runs in two processes (pytest-xdist); the browser tests run on their own, in one.
XDIST ?= -n 2
# `make run` serves the site as its readers see it: debug off, a secret key generated once into a
# git-ignored file, static files collected and served by WhiteNoise, gunicorn, the site's own error
# pages. Plain HTTP on this machine: no redirect to HTTPS (a TLS proxy in front does that in production).
SECRET_KEY_FILE ?= .secret_key
RUN_ENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY_FILE=$${DJANGO_SECRET_KEY_FILE:-$(SECRET_KEY_FILE)} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1,[::1]} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-false}
# `make dev`: Django's debug server, reloading on every change.
DEV_ENV := DJANGO_DEBUG=true

.PHONY: install run dev test test-sqlite test-postgres test-browser lint format fixtures bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; this is " + sys.version.split()[0])'
	@if [ ! -x $(PY) ]; then \
	  $(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	    rm -rf $(VENV); $(PYTHON) -m venv --without-pip $(VENV) && $(PYTHON) -m pip --version >/dev/null 2>&1 && \
	    $(PYTHON) -m pip --python $(PY) install --quiet pip; } || { \
	    echo "Cannot create a virtualenv: install Python's venv module (Debian: apt-get install python3-venv)." >&2; exit 1; }; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

$(SECRET_KEY_FILE):
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Generated a secret key in $@ (git-ignored; kept for the next run)."

run: install $(SECRET_KEY_FILE)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py import_seeds
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/ with gunicorn, debug off (make dev for the debug server)."
	$(RUN_ENV) $(VENV)/bin/gunicorn kb_site.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

dev: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py import_seeds
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on SQLite (browser tests too when Chromium is present), then on
# PostgreSQL when DATABASE_URL is set. SKIP_SQLITE=1 runs only the PostgreSQL half.
test: install
	@if [ -z "$(SKIP_SQLITE)" ]; then $(MAKE) --no-print-directory test-sqlite; fi
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	 else echo "DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: install
	env -u DATABASE_URL $(PY) -m pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)
	env -u DATABASE_URL $(PY) -m pytest -m browser $(PYTEST_ARGS)

test-postgres: install
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL=postgres://... to test on PostgreSQL." >&2; exit 1; }
	$(PY) -m pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-browser: install
	env -u DATABASE_URL $(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Rebuild <app>/fixtures/<app>.json from the seeds, in a scratch SQLite database.
fixtures: install
	@tmp=$$(mktemp -d); \
	 env -u DATABASE_URL KB_SQLITE_PATH=$$tmp/fixtures.sqlite3 DJANGO_DEBUG=true $(PY) manage.py migrate --noinput -v0 && \
	 env -u DATABASE_URL KB_SQLITE_PATH=$$tmp/fixtures.sqlite3 DJANGO_DEBUG=true $(PY) manage.py import_seeds -v0 && \
	 env -u DATABASE_URL KB_SQLITE_PATH=$$tmp/fixtures.sqlite3 DJANGO_DEBUG=true $(PY) manage.py export_fixtures; \
	 status=$$?; rm -rf $$tmp; exit $$status

bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk; } || \
	  { echo "bench/load.py needs wrk: apt-get install wrk" >&2; exit 1; }
	$(PY) bench/run.py
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) db staticfiles test-artifacts .pytest_cache .ruff_cache
