# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACK ?= sop-pack

NODE_CHECKS := tests/node
NODE_STAMP := $(NODE_CHECKS)/node_modules/.installed

.PHONY: setup system locales bytecode node-checks demo test bench verify-docs clean

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

# The parsers bpmn-js and Mermaid use, which the tests run on the exports (npm, into an ignored folder).
node-checks: $(NODE_STAMP)

$(NODE_STAMP): $(NODE_CHECKS)/package.json $(NODE_CHECKS)/package-lock.json
	@scripts/system-deps.sh --tests
	cd $(NODE_CHECKS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: setup node-checks
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# pm4py only in the benchmark's own environment, to compare with: it is AGPL, never a dependency of sopgen.
PM4PY_VENV := bench/pm4py-venv
$(PM4PY_VENV)/.installed:
	$(PYTHON) -m venv $(PM4PY_VENV)
	$(PM4PY_VENV)/bin/pip install -q pm4py
	touch $@

# docxtpl, the peer a SOP document is compared with, beside the benchmark only.
PEERS := bench/peers
$(PEERS)/.installed:
	$(BIN)/pip install -q --target $(PEERS) --no-deps docxtpl docxcompose
	touch $@

bench: setup $(PM4PY_VENV)/.installed $(PEERS)/.installed
	$(BIN)/python bench/run.py

# Every document of three packs rendered by LibreOffice and checked page by page (src/sopgen/build/verify_docs.py).
verify-docs: setup
	scripts/verify-docs.sh $(PACK)-verify

clean:
	rm -rf $(VENV) $(PACK) $(PACK)-verify $(NODE_CHECKS)/node_modules
