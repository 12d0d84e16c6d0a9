"""The labelled corpus in tests/corpus must match reality.

Every case is really run under spawn, fork and forkserver (by the labeler in
tests/corpus/label.py, in parallel) and the outcome must equal labels.json
exactly.  Running the whole corpus takes about 1.5 minutes on 2 cores; set
MP_LSP_SKIP_CORPUS=1 to skip it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"


def _load_labeler():
    spec = importlib.util.spec_from_file_location("mp_corpus_label", CORPUS / "label.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


label = _load_labeler()
LABELS: dict[str, dict[str, str]] = json.loads((CORPUS / "labels.json").read_text())
CASES = label.list_cases()

skip_runs = pytest.mark.skipif(
    os.environ.get("MP_LSP_SKIP_CORPUS") == "1", reason="MP_LSP_SKIP_CORPUS=1"
)


def test_every_case_is_labelled_and_every_label_has_a_case():
    assert sorted(LABELS) == CASES
    for case, outcome in LABELS.items():
        assert sorted(outcome) == sorted(label.METHODS), case


def test_corpus_size_and_balance():
    n = len(CASES)
    assert n >= 120
    fails = sum(1 for c in CASES if LABELS[c]["spawn"] != "ok")
    oks = n - fails
    assert fails >= 0.4 * n, (fails, n)
    assert oks >= 0.4 * n, (oks, n)
    # plenty of cases that fail even under fork, and of multi-file cases
    assert sum(1 for c in CASES if LABELS[c]["fork"] != "ok") >= 0.25 * n
    multi = [c for c in CASES if len(list((CORPUS / c).glob("*.py"))) > 1]
    assert len(multi) >= 20


def test_summarise_normalises():
    d = Path("/some/case")
    err = (
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in <module>\n'
        "_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f3a2b>: "
        "attribute lookup <lambda> on __main__ failed\n"
    )
    assert label.summarise(1, err, d) == (
        "PicklingError: Can't pickle <function <lambda> at 0x?>: "
        "attribute lookup <lambda> on __main__ failed"
    )
    err = "Traceback (most recent call last):\n  File ...\nRuntimeError: \n        An attempt\n"
    assert label.summarise(1, err, d) == "RuntimeError: An attempt"
    assert label.summarise(3, "boom\n", d) == "exit 3"
    assert label.summarise(0, err, d) == "ok"


@pytest.fixture(scope="module")
def reality() -> dict[str, dict[str, str]]:
    return label.label_cases(CASES)


@skip_runs
@pytest.mark.parametrize("case", CASES)
def test_case_matches_label(case, reality):
    assert reality[case] == LABELS[case]
