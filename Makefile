# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACK ?= sop-pack

.PHONY: setup system locales bytecode demo test bench verify-docs clean

setup: $(STAMP) system locales bytecode

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

system:
	@scripts/system-deps.sh

locales: $(STAMP)
	@$(BIN)/sopgen i18n compile --quiet

# Compiled once here, so that no run pays for it, also where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q src/sopgen

demo: setup
	$(BIN)/sopgen pack --out $(PACK)
	$(BIN)/sopgen analyze shopify-owner-va

test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

bench: setup
	$(BIN)/python bench/run.py

verify-docs: setup
	@scripts/system-deps.sh --docs
	scripts/verify-docs.sh $(PACK)-verify

clean:
	rm -rf $(VENV) $(PACK) $(PACK)-verify
