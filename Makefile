# The two set-up commands: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: demo test lint install install-dev messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock $(VENV)/.installed-base
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

## make demo: install, migrate, load the synthetic demo municipality and serve it
demo: install
	DEMO_MODE=true $(BIN)/overvalregie demo --host $(HOST) --port $(PORT)

## make test: lint, migrations check, unit and browser tests
test: install-dev lint
	DEMO_MODE=true $(BIN)/overvalregie manage makemigrations --check --dry-run
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make messages: refresh and compile the translations after changing interface text
messages: install-dev
	cd src/overvalregie && DATA_DIR=../../var DEMO_MODE=true ../../$(BIN)/overvalregie manage makemessages -l nl -l en --no-obsolete
	cd src/overvalregie && DATA_DIR=../../var DEMO_MODE=true ../../$(BIN)/overvalregie manage compilemessages

## make bench: every benchmark, ours beside a reference (see docs/benchmarks.md);
## BENCH_ARGS="--rows 100000" imports fewer rows
bench: install-dev
	$(BIN)/python tests/bench/bench_import.py $(BENCH_ARGS)
	$(BIN)/python tests/bench/bench_near_repeat.py
	$(BIN)/python tests/bench/bench_hotspots.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
