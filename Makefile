# The two set-up commands of README.md: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs on every core (pytest-xdist, one test database per worker);
# `make test PYTEST_ARGS=` runs it in one process.
PYTEST_ARGS ?= -n auto
# Python 3.12+: python3.12 (pyenv reads .python-version), else python3 if it is new enough.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run test serve venv install install-dev test-tools messages lint clean-db

$(VENV)/bin/activate:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (apt-get install python3.12, or pyenv install 3.12)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

venv: $(VENV)/bin/activate

install: venv
	$(PY) -m pip install --quiet -r requirements.txt

install-dev: venv
	$(PY) -m pip install --quiet -r requirements-dev.txt

# Installs, migrates, loads reference and demo data, prints the demo logins, serves,
# with the background worker (large workbooks) beside the web server: Ctrl-C stops both.
# The worker does not reload on code changes (runserver does): restart `make run` then.
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_units
	$(PY) manage.py load_demo
	$(PY) manage.py demo_users
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian packages the tests use: Chromium for the browser tests (Playwright drives it and
# downloads nothing); LibreOffice Calc and Writer to prove produced workbooks and Word
# documents open and print (converted to PDF); poppler-utils (pdftotext -bbox, pdftoppm) to
# read the printed pages; fonts-liberation (metric-compatible with Times New Roman and Arial,
# with Vietnamese letters) so the printed lines measure what Office would print;
# fonts-crosextra-carlito (metric-compatible with Calibri, a workbook's default font, whose
# digit is the unit of column widths: without it LibreOffice measures columns with DejaVu
# Sans, a third wider than Excel, and prints every sheet a quarter smaller).
TEST_DEBS := chromium libreoffice-calc libreoffice-writer poppler-utils fonts-liberation \
	fonts-crosextra-carlito
test-tools:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-calc"; \
	[ -e /usr/lib/libreoffice/program/swriter ] || missing="$$missing libreoffice-writer"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -d /usr/share/fonts/truetype/liberation ] || missing="$$missing fonts-liberation"; \
	[ -d /usr/share/fonts/truetype/crosextra ] || missing="$$missing fonts-crosextra-carlito"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "installing $$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "tests needing $$missing will be skipped: sudo apt-get install $$missing"; fi; fi

# Installs the development requirements and runs every check and the whole suite.
test: install-dev test-tools
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Production-style: gunicorn (gunicorn.conf.py: workers and threads from the cores) behind a
# proxy; set SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, and REDIS_URL + MEDIA_ROOT (a folder
# every server shares) when several servers run. Background files need the worker running
# as a service beside it, one or more per database:
#   DEBUG=0 .venv/bin/python manage.py db_worker      (systemd: Restart=always)
# and daily: manage.py prune_export_files; manage.py prune_db_task_results.
serve: install
	DEBUG=0 $(PY) manage.py collectstatic --no-input
	DEBUG=0 $(PY) manage.py migrate --no-input
	DEBUG=0 BIND=$${BIND:-0.0.0.0:$(PORT)} $(VENV)/bin/gunicorn -c gunicorn.conf.py

# After changing interface strings: refresh the English catalogue, translate, compile.
messages: install-dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --ignore=var --no-obsolete
	$(PY) manage.py compilemessages -l en -l vi --ignore=.venv

lint: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean-db:
	rm -f var/portal.sqlite3*
