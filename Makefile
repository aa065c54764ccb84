# The two commands that are the contract: `make run` and `make test`.
# Both work on a fresh machine: they create the virtual environment and install what they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORTAL_ENV ?= development

.PHONY: run test setup translations browser lint bench clean dev screenshots

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed translations

translations: $(BIN)/.installed
	$(BIN)/pybabel compile -d translations -D messages --statistics >/dev/null

## make run: set up, migrate, load demo data, serve on http://127.0.0.1:$(PORT) with the outbox worker beside it
run: setup
	$(BIN)/flask --app wsgi db-upgrade
	$(BIN)/flask --app wsgi seed-demo
	@echo "MijnGemeente runs at http://127.0.0.1:$(PORT) (emails: http://127.0.0.1:$(PORT)/ontwikkel/mailbox)"
	$(BIN)/flask --app wsgi outbox-worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) wsgi:app

## make dev: the Flask development server with reload
dev: setup
	$(BIN)/flask --app wsgi db-upgrade
	$(BIN)/flask --app wsgi seed-demo
	$(BIN)/flask --app wsgi outbox-worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask --app wsgi run --debug --port $(PORT)

browser:
	@bash scripts/ensure-chromium.sh

## make test: set up and run the whole suite (SQLite, then PostgreSQL where available; required in CI)
test: setup browser
	PORTAL_ENV=test $(BIN)/python -m pytest
	PORTAL_ENV=test $(BIN)/python scripts/run_postgres_tests.py

## make screenshots: every page and state the browser tests visit, at 320 and 1280 px, plus a contact sheet
screenshots: setup browser
	rm -rf test-artifacts/screenshots
	MG_SCREENSHOTS=1 PORTAL_ENV=test $(BIN)/python -m pytest tests/browser -q -p no:logging; status=$$?; \
	$(BIN)/python scripts/contact_sheet.py && echo "Open test-artifacts/screenshots/index.html"; exit $$status

## make bench: load 10,000 then 1,000,000 cases into a scratch PostgreSQL database and print the figures
bench: setup
	$(BIN)/python -m bench.bench_cases

## make lint: ruff (rules and formatting) and the layer contracts in pyproject.toml (import-linter)
lint: setup
	$(BIN)/ruff check portal tests scripts bench wsgi.py
	$(BIN)/ruff format --check portal tests scripts bench wsgi.py
	$(BIN)/lint-imports

extract-messages: setup
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations -D messages --no-fuzzy-matching

clean:
	rm -rf $(VENV) instance
