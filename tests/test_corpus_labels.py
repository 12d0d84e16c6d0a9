"""The labelled corpora in tests/corpus and tests/corpus_frameworks must match reality.

Every case is really run under spawn, fork and forkserver (by the labeler in
tests/corpus/label.py, in parallel) and the outcome must equal labels.json
exactly.  Running the whole corpus takes about 1.5 minutes on 2 cores; set
MP_LSP_SKIP_CORPUS=1 to skip it (and the frameworks' re-check).

Of tests/corpus_frameworks, the cases of the light frameworks (joblib, dill, dask: the
``test`` extra installs them) are re-run here, a framework that is not installed being
skipped; the torch and ray cases are re-run by ``make test-frameworks``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
FRAMEWORKS_CORPUS = Path(__file__).resolve().parent / "corpus_frameworks"


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
RACES = label.races()

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
    assert label.compare(LABELS, {case: reality[case]}, RACES) == []


def test_races_name_labelled_runs_and_never_decide_failure():
    """A racing alternative is another message of a run that fails (or runs) all the same: the
    engine's score, which reads only "ok" or not, cannot depend on which process printed last."""
    assert RACES, "the race of p17_nicegui_style_mp_main_guard_ppe is recorded"
    for corpus, labels in ((CORPUS, LABELS), (FRAMEWORKS_CORPUS, FW_LABELS)):
        for case, by_method in label.races(corpus).items():
            assert case in labels, case
            for method, outcomes in by_method.items():
                assert method in label.METHODS, (case, method)
                assert outcomes and labels[case][method] not in outcomes, (case, method)
                for outcome in outcomes:
                    assert (outcome == "ok") == (labels[case][method] == "ok"), (case, method)
                    raced = {case: dict(labels[case], **{method: outcome})}
                    assert label.compare(labels, raced, label.races(corpus)) == []
                    assert len(label.compare(labels, raced)) == 1


# --- tests/corpus_frameworks -------------------------------------------------------------

FW_CASES = label.list_cases(FRAMEWORKS_CORPUS)
FW_LABELS = label.load_labels(FRAMEWORKS_CORPUS)
FW_OF = label.frameworks(FRAMEWORKS_CORPUS)
#: The frameworks re-run by the normal test run, with the modules their cases import.
LIGHT = {"joblib": ("joblib", "loky"), "dill": ("dill", "multiprocess", "pathos"),
         "dask": ("dask", "distributed")}
HEAVY = {"torch", "ray"}
LIGHT_CASES = [c for c in FW_CASES if FW_OF.get(c) in LIGHT]


def _missing(framework: str) -> list[str]:
    return [m for m in LIGHT[framework] if importlib.util.find_spec(m) is None]


def test_frameworks_corpus_is_complete():
    assert sorted(FW_LABELS) == FW_CASES
    assert sorted(FW_OF) == FW_CASES
    assert set(FW_OF.values()) == set(LIGHT) | HEAVY
    for case, outcome in FW_LABELS.items():
        assert sorted(outcome) == sorted(label.METHODS), case
    categories = json.loads((FRAMEWORKS_CORPUS / "categories.json").read_text())
    assert sorted(categories) == FW_CASES
    known = set(json.loads((CORPUS / "categories.json").read_text()).values())
    assert set(categories.values()) <= known
    traps = json.loads((FRAMEWORKS_CORPUS / "traps.json").read_text())
    assert set(traps) <= set(FW_CASES)
    versions = label.load_json(FRAMEWORKS_CORPUS, "versions.json")
    assert set(versions) == set(FW_OF.values())


def test_frameworks_corpus_balance():
    for framework in sorted(set(FW_OF.values())):
        cases = [c for c in FW_CASES if FW_OF.get(c) == framework and c in FW_LABELS]
        fails = [c for c in cases if FW_LABELS[c]["spawn"] != "ok"]
        assert len(cases) >= 9, framework
        assert 0.3 * len(cases) <= len(fails) <= 0.7 * len(cases), (framework, len(fails))


@pytest.fixture(scope="module")
def framework_reality() -> dict[str, dict[str, str]]:
    runnable = [c for c in LIGHT_CASES if not _missing(FW_OF[c])]
    return label.label_cases(runnable, jobs=2, corpus=FRAMEWORKS_CORPUS)


@skip_runs
@pytest.mark.parametrize("case", LIGHT_CASES)
def test_framework_case_matches_label(case, framework_reality):
    missing = _missing(FW_OF[case])
    if missing:
        pytest.skip(f"{FW_OF[case]} cases need {', '.join(missing)}: pip install -e '.[test]'")
    racing = label.races(FRAMEWORKS_CORPUS)
    assert label.compare(FW_LABELS, {case: framework_reality[case]}, racing) == []
