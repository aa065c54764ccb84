# The two commands that are the contract: `make run` and `make test`.
# Both work on a fresh machine: they create the virtual environment and install what they need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
export PORTAL_ENV ?= development

.PHONY: run test setup translations browser lint bench bench-load clean dev screenshots

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed translations

translations: $(BIN)/.installed
	$(BIN)/pybabel compile -d translations -D messages --statistics >/dev/null

## make run: set up, migrate, load demo data, serve on http://127.0.0.1:$(PORT) with the outbox worker beside it,
## and the mock DigiD and mock BRP as a service of their own on http://localhost:$(MOCKS_PORT) (as real ones would be;
## another host name than the portal's, because browsers share cookies between ports of one host)
MOCKS_PORT ?= 5010
MOCKS_ENV := DATABASE_URL=sqlite:///$(CURDIR)/instance/mock-services.db PUBLIC_BASE_URL=http://localhost:$(MOCKS_PORT) \
	MOCK_DIGID_ENABLED=true MOCK_BRP_ENABLED=true MOCK_BAG_ENABLED=true WEB_CONCURRENCY=1
PORTAL_RUN_ENV := MOCK_DIGID_ENABLED=false MOCK_BRP_ENABLED=false MOCK_BAG_ENABLED=false MOCK_SERVICES_URL=http://localhost:$(MOCKS_PORT)
run: setup
	$(BIN)/flask --app wsgi db-upgrade
	$(BIN)/flask --app wsgi seed-demo
	env $(MOCKS_ENV) $(BIN)/flask --app wsgi db-upgrade
	@echo "MijnGemeente runs at http://127.0.0.1:$(PORT) (emails: http://127.0.0.1:$(PORT)/ontwikkel/mailbox)"
	env $(MOCKS_ENV) $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(MOCKS_PORT) wsgi:app & mocks=$$!; \
	env $(PORTAL_RUN_ENV) $(BIN)/flask --app wsgi outbox-worker & worker=$$!; \
	trap 'kill $$worker $$mocks 2>/dev/null' EXIT INT TERM; \
	env $(PORTAL_RUN_ENV) $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) wsgi:app

## make dev: the Flask development server with reload
dev: setup
	$(BIN)/flask --app wsgi db-upgrade
	$(BIN)/flask --app wsgi seed-demo
	$(BIN)/flask --app wsgi outbox-worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask --app wsgi run --debug --port $(PORT)

browser:
	@bash scripts/ensure-chromium.sh

## make test: set up and run the whole suite: the browser tests on two workers, the other tests on SQLite and
## the database tests on PostgreSQL (where available; required in CI), the three at once (scripts/run_tests.py)
test: setup browser
	PORTAL_ENV=test $(BIN)/python scripts/run_tests.py

## make screenshots: every page and state the browser tests visit, at 320 and 1280 px, plus a contact sheet
screenshots: setup browser
	rm -rf test-artifacts/screenshots
	MG_SCREENSHOTS=1 PORTAL_ENV=test $(BIN)/python -m pytest tests/browser -q -p no:logging; status=$$?; \
	$(BIN)/python scripts/contact_sheet.py && echo "Open test-artifacts/screenshots/index.html"; exit $$status

## make bench: load 10,000 then 1,000,000 cases into a scratch PostgreSQL database and print the figures
bench: setup
	$(BIN)/python -m bench.bench_cases

## make bench-load: every resident page under gunicorn with wrk (32 connections), next to a bare Flask endpoint,
## on the embedded default and on PostgreSQL + Redis sessions
bench-load: setup
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m bench.load_pages

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
