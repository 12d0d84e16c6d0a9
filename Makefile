# The two set-up commands of README.md. Each creates .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench bench-peers docs vscode-test test-frameworks

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

# The PyTorch and ray cases of tests/corpus_frameworks, re-run and compared with their labels
# (the normal test run re-checks the joblib, dill and dask ones). These libraries are heavy, so
# they live in a venv of their own. torch must stay exactly 2.13.0: that is the CPU build on
# this machine's disk (another spec downloads gigabytes of CUDA). ray: the version the labels
# were made with (tests/corpus_frameworks/versions.json).
FW_VENV ?= .venv-frameworks
FW_PY := $(FW_VENV)/bin/python
FW_PACKAGES := torch==2.13.0 ray==2.60.0 'numpy>=1.26,<3'

$(FW_VENV)/.installed: pyproject.toml
	python3 -m venv $(FW_VENV)
	$(FW_PY) -m pip install --quiet --upgrade pip
	$(FW_PY) -m pip install --quiet -e '.[test]' $(FW_PACKAGES)
	touch $@

test-frameworks: $(FW_VENV)/.installed
	$(FW_PY) tests/corpus/label.py --corpus tests/corpus_frameworks --check --jobs 2 \
		--framework torch --framework ray
	$(FW_PY) -m pytest -q tests/test_pickle_table.py tests/test_corpus_frameworks.py \
		tests/engine/test_frameworks.py

bench: $(VENV)/.installed
	$(PY) benchmarks/check_vs_pyflakes.py

# The editor's cold open beside its peers (benchmarks/cold_paths.py --peers), which live in a venv
# of their own: jedi-language-server and pylsp pin a jedi and a pygls of their choosing. pylsp as
# its documentation installs it ([all]): without its linters it publishes nothing but its 0.5 s
# debounce.
PEERS_VENV ?= .venv-peers
PEERS := jedi-language-server==0.47.0 "python-lsp-server[all]==1.15.0" basedpyright==1.40.2

$(PEERS_VENV)/.installed:
	python3 -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip install --quiet $(PEERS)
	touch $@

bench-peers: $(VENV)/.installed $(PEERS_VENV)/.installed
	$(PY) benchmarks/cold_paths.py --only editor --peers $(PEERS_VENV)/bin

# Regenerate docs/rules/ from the rule modules (a test fails while they disagree).
docs: $(VENV)/.installed
	$(PY) -m mp_lsp.engine.rules.docs
