# Two entry points: `make run` (set up, build the index if missing or stale, start the chat)
# and `make test` (set up, run the whole test suite). Both bootstrap .venv on a fresh machine.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test bench clean-index

setup: $(STAMP)

# torch is installed first and pinned: 2.13.0 is the local CPU build; any other torch pulls CUDA.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/assistant serve

test: setup
	bash scripts/ensure-browser.sh
	$(BIN)/python -m pytest

# Quick benchmark (a few minutes on 2 cores); `$(BIN)/python -m benchmarks` is the full run that writes README's table.
bench: setup
	$(BIN)/python -m benchmarks --quick

clean-index:
	rm -rf index/chroma index/*.lock index/ingest.holder
