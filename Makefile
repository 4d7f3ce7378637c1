# Shortlist: `make run` starts the demo, `make test` runs the whole suite. Both install what they need.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev assets system-test-deps translations lint bench check

.venv/bin/python:
	python3 -m venv .venv

# Installs only what the locks name, each file checked against its hash (pip-tools compiles the
# locks from requirements.in and requirements-dev.in; the README says how to upgrade).
.venv/.installed: .venv/bin/python requirements.txt
	$(PIP) install -q --require-hashes -r requirements.txt
	touch $@

.venv/.installed-dev: .venv/.installed requirements-dev.txt
	$(PIP) install -q --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: .venv/.installed node_modules/.installed
install-dev: .venv/.installed-dev node_modules/.installed

# The compiled catalogues (.mo) are built from the .po files on every install, never committed,
# so that the two can never drift apart. msgfmt comes with Debian's gettext.
translations: install
	@command -v msgfmt >/dev/null || scripts/apt_install.sh gettext
	DEBUG=1 $(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

run: install translations
	DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 scripts/with_redis.sh scripts/run_dev.sh

# Debian packages the tests drive: Chromium for the browser tests, PostgreSQL for the second run,
# Redis for the background workers' tests, poppler for reading PDFs, and fonts that cover Hebrew
# and Arabic for the reports.
system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -x "$$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n1)" ] || missing="$$missing postgresql"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans Hebrew" || missing="$$missing fonts-noto-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  scripts/apt_install.sh $$missing; \
	fi

test: install-dev system-test-deps translations
	DJANGO_SETTINGS_MODULE=config.test_settings $(PY) manage.py makemigrations --check --dry-run
	.venv/bin/ruff check .
	@echo "=== The suite on SQLite ==="
	$(PY) -m pytest -n 2 -q
	@echo "=== The suite on PostgreSQL ==="
	scripts/with_postgres.sh $(PY) -m pytest -n 2 -q

lint: install-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: install-dev
	DEBUG=1 $(PY) -m bench
	@echo "=== Answer intelligence: full analysis and one changed answer, 200 vendors x 400 questions ==="
	$(PY) -m bench.insights
	@echo "=== Answer intelligence through the database: analyse_rfp, then reanalyse_answers after one change ==="
	$(PY) -m bench.insights_stored
	scripts/with_postgres.sh $(PY) -m bench.insights_stored --postgres
	@echo "=== Load: autosaves against gunicorn (2 workers), SQLite then PostgreSQL ==="
	$(PY) -m bench.load --seconds 30
	scripts/with_postgres.sh $(PY) -m bench.load --seconds 30 --postgres