# The two set-up commands of README.md. Each creates .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The main job: check the bundled examples (exit 1 means "findings", which is the point here).
run: $(VENV)/.installed
	$(VENV)/bin/mp-lsp check examples/ || [ $$? -eq 1 ]

# The whole test suite, lint included.
test: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/check_vs_pyflakes.py
