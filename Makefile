# PermitDesk: `make run` opens the counter window on a demo database, `make test` runs every test headless.
# A Python 3.12 or later (PySide6 6.12 on 3.11 crashes): python3.13, python3.12, the newest
# pyenv-installed 3.12+, then python3 if it is new enough. `make PYTHON=/path/to/python` overrides.
PYENV_PYTHONS := $(shell ls -d "$$(pyenv root 2>/dev/null || echo $(HOME)/.pyenv)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
PYTHON ?= $(firstword $(foreach candidate,python3.13 python3.12 $(PYENV_PYTHONS) python3,\
	$(shell $(candidate) -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo $(candidate))))
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= var/demo.sqlite
DEMO_PERSONS ?= 2000
# make test fails when branch coverage of app/ falls below this.
COVERAGE_FLOOR ?= 80

.PHONY: install run test test-postgres lint translations extract-messages update-catalogs bench clean screenshots package

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or later found (tried python3.13, python3.12, pyenv, python3): install Python 3.12+, or run make PYTHON=/path/to/python3.12"; exit 1; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Compile the gettext catalogs (.po -> .mo) that the UI loads.
translations: $(STAMP)
	@if ls translations/*/LC_MESSAGES/*.po >/dev/null 2>&1; then \
		$(VENV)/bin/pybabel compile --statistics -d translations -D permitdesk; fi

# Re-extract the UI strings and merge them into every catalog.
extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -o translations/permitdesk.pot --project=PermitDesk app
	$(VENV)/bin/pybabel update -i translations/permitdesk.pot -d translations -D permitdesk --no-fuzzy-matching --ignore-obsolete

# The demo is an installation of its own: its configuration (none: defaults), audit key and
# backups live beside it in var/, never in /etc/permitdesk or the machine's data folder.
DEMO_CONFIG ?= $(dir $(abspath $(DEMO_DB)))permitdesk.toml

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	PERMITDESK_CONFIG=$(DEMO_CONFIG) $(PY) -m app --db $(DEMO_DB) demo --persons $(DEMO_PERSONS)

run: $(STAMP) translations $(DEMO_DB)
	PERMITDESK_CONFIG=$(DEMO_CONFIG) $(PY) -m app --db $(DEMO_DB)

# Every test, headless, with branch coverage of app/ (its total is the line before pytest's summary).
test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --cov --cov-report= --cov-fail-under=$(COVERAGE_FLOOR)

# make test against a throw-away PostgreSQL cluster (PostgreSQL 15 or later installed; .ci/postgres)
# in $(PGTEST_DIR), stopped and removed whatever the result; there the PostgreSQL tests may not
# skip. One an interrupted run left is stopped first. As root the cluster runs as the postgres
# user, who must be able to enter $(PGTEST_DIR) (else make test-postgres PGTEST_DIR=/tmp/pgtest).
PGTEST_DIR ?= var/pgtest

test-postgres: $(STAMP) translations
	@.ci/postgres stop $(PGTEST_DIR)
	@conninfo=$$(.ci/postgres start $(PGTEST_DIR)) || { .ci/postgres stop $(PGTEST_DIR); exit 1; }; \
	echo "PostgreSQL tests: $$conninfo"; \
	PERMITDESK_TEST_POSTGRES="$$conninfo" PERMITDESK_REQUIRE_POSTGRES=1 $(MAKE) --no-print-directory test; \
	status=$$?; .ci/postgres stop $(PGTEST_DIR); exit $$status

# Style, formatting, types and the import contracts (the layers of README's "Layout").
lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/ruff format --check app tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The one-folder bundle dist/permitdesk/ (PyInstaller, on the machine it runs on; the same
# command on Windows). Check it with: dist/permitdesk/permitdesk --self-test
package: $(STAMP) translations
	$(PY) -m pip install --quiet -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/permitdesk.spec

# The main screens, rendered offscreen from a temporary demo database, for the README.
screenshots: $(STAMP) translations
	PERMITDESK_CONFIG=$(DEMO_CONFIG) QT_QPA_PLATFORM=offscreen $(PY) -m app.ui.screenshots docs/screenshots

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) var build dist
