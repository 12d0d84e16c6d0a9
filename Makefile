# The two set-up commands of README.md. Each creates .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench docs vscode-test

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
	bash .ci/install-test-deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest
	$(MAKE) vscode-test

# The VS Code extension (vscode-client/): unit tests, then the end-to-end test in code-server
# (VS Code for the web) driven by headless Chromium; e2e/setup-code-server.sh installs both.
vscode-test:
	cd vscode-client && npm ci --no-audit --no-fund --prefer-offline
	cd vscode-client && npm run bundle
	cd vscode-client && npm test
	bash vscode-client/e2e/setup-code-server.sh
	cd vscode-client && npm run e2e

bench: $(VENV)/.installed
	$(PY) benchmarks/check_vs_pyflakes.py

# Regenerate docs/rules/ from the rule modules (a test fails while they disagree).
docs: $(VENV)/.installed
	$(PY) -m mp_lsp.engine.rules.docs
