# Two commands a new user needs: `make demo` (the main job on the embedded SQLite store) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED_DATA := $(abspath ../shared/data)
# Offline, `listwatch update` reads the lists from this folder (the shared real data when it is there).
LISTWATCH_SOURCES ?= $(if $(wildcard $(SHARED_DATA)),$(SHARED_DATA),)
export LISTWATCH_SOURCES

.PHONY: demo test lint typecheck bench install clean docs browsers

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job: bring every list up to date (printing what changed), then serve the API and web UI.
# A failed update (no source reachable) is reported, and the UI still serves what the store holds.
demo: $(STAMP)
	-$(BIN)/listwatch update
	$(BIN)/listwatch serve

# Debian's Chromium for the browser tests (never `playwright install`); if it cannot be installed,
# those tests skip with the reason.
browsers:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium not installed: browser tests will be skipped"

test: $(STAMP) browsers
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src/listwatch
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src/listwatch

$(VENV)/.bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	touch $(VENV)/.bench

bench: $(VENV)/.bench
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
