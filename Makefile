# caredesk: `make demo` serves the embedded default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_WORKERS ?= 2
# Tests that flush the database (a live server, a real worker) run in a second pass of their own,
# so the flush never takes migration-made rows from a test that runs after it on the same worker.
ISOLATED := browser flushes_database
PYTEST_MAIN = $(BIN)/pytest -n $(PYTEST_WORKERS) -q -m "not ($(subst $(space), or ,$(ISOLATED)))"
PYTEST_ISOLATED = $(BIN)/pytest -q -m "$(subst $(space), or ,$(ISOLATED))"
space := $(subst ,, )

.PHONY: demo serve test test-sqlite test-postgres lint browser mailserver bench clean install

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/caredesk migrate --no-input
	$(BIN)/caredesk seed_demo
	$(BIN)/caredesk serve --port $(PORT)

serve: $(STAMP)
	$(BIN)/caredesk serve --port $(PORT)

# Debian's chromium for the Playwright tests; never a browser download.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's dovecot as the IMAP server of the email tests; the tests run it with their own config.
mailserver:
	@command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || { \
	  echo "Installing Debian's dovecot-imapd for the email tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy caredesk
	$(BIN)/lint-imports
	$(BIN)/caredesk makemigrations --check --dry-run

test-sqlite: $(STAMP) browser mailserver
	@echo "== tests on SQLite"
	$(PYTEST_MAIN)
	$(PYTEST_ISOLATED)

test-postgres: $(STAMP) browser mailserver
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== tests on PostgreSQL ($(PG_TEST_URL))"; \
	  DATABASE_URL=$(PG_TEST_URL) $(PYTEST_MAIN) && DATABASE_URL=$(PG_TEST_URL) $(PYTEST_ISOLATED); \
	else \
	  echo "== SKIPPED the PostgreSQL pass: no server answers at $(PG_TEST_URL)"; \
	fi

test: lint test-sqlite test-postgres

bench: $(STAMP)
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) var
