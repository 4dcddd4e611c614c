# PermitDesk: `make run` opens the counter window on a demo database, `make test` runs every test headless.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= var/demo.sqlite
DEMO_PERSONS ?= 2000

.PHONY: install run test lint translations extract-messages update-catalogs bench clean screenshots package

$(STAMP): pyproject.toml
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

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	$(PY) -m app --db $(DEMO_DB) demo --persons $(DEMO_PERSONS)

run: $(STAMP) translations $(DEMO_DB)
	$(PY) -m app --db $(DEMO_DB)

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench

# The one-folder bundle dist/permitdesk/ (PyInstaller, on the machine it runs on; the same
# command on Windows). Check it with: dist/permitdesk/permitdesk --self-test
package: $(STAMP) translations
	$(PY) -m pip install --quiet -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/permitdesk.spec

# The main screens, rendered offscreen from a temporary demo database, for the README.
screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m app.ui.screenshots docs/screenshots

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) var build dist
