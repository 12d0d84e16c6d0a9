"""The notebook corpus (tests/corpus_notebooks): labels from real kernels, and the engine
against them.

Every notebook was run cell by cell in an ipykernel kernel under spawn, fork and forkserver by
tests/corpus_notebooks/label.py (labels.json, with the versions it ran on). The engine, which
reads the notebook as ``mp-lsp check`` does, must find the failures (recall) without flagging
what runs (precision), with the same floors as the script corpus.

Re-running the notebooks in real kernels takes about 2 minutes on 2 cores; it is skipped with
MP_LSP_SKIP_NOTEBOOK_CORPUS=1, or when ipykernel/nbclient are not installed (the ``test``
extras install them).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Iterator, Optional

import pytest

from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.engine.findings import StartMethod
from mp_lsp.engine.notebook import notebook_source, read_notebook
from mp_lsp.settings import Settings

CORPUS = Path(__file__).resolve().parent / "corpus_notebooks"
STORED = json.loads((CORPUS / "labels.json").read_text())
LABELS: dict[str, dict[str, str]] = STORED["cases"]
RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.99


def _load_labeller():
    spec = importlib.util.spec_from_file_location("mp_notebook_label", CORPUS / "label.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


label = _load_labeller()
CASES = label.list_cases()


def test_every_case_is_labelled_and_the_versions_are_recorded() -> None:
    assert sorted(LABELS) == CASES
    for case, outcome in LABELS.items():
        assert sorted(outcome) == sorted(label.METHODS), case
    assert {"python", "ipykernel", "ipython", "nbclient"} <= STORED["versions"].keys()


def test_corpus_size_and_balance() -> None:
    n = len(CASES)
    assert n >= 25
    spawn_fails = [c for c in CASES if LABELS[c]["spawn"] != "ok"]
    fork_fails = [c for c in CASES if LABELS[c]["fork"] != "ok"]
    # Fails under spawn only (the notebook's own definitions), everywhere (lambdas, local
    # objects), and runs everywhere (imported helpers): each is a good share of the corpus.
    assert len(set(spawn_fails) - set(fork_fails)) >= 0.3 * n
    assert len(fork_fails) >= 0.1 * n
    assert n - len(spawn_fails) >= 0.3 * n
    # What the issue names: IPython syntax and cell magics, main guards in cells, pool hangs.
    sources = {c: (CORPUS / c / label.NOTEBOOK).read_text() for c in CASES}
    assert any("%%time" in s for s in sources.values())
    assert any("!pip" in s for s in sources.values())
    assert any("__main__" in s for s in sources.values())
    assert any(LABELS[c]["spawn"] == "timeout" for c in CASES)


def predicted_failures(case: Path) -> dict[str, set[str]]:
    """For each start method, the findings (file:line code) that predict a failure there."""
    project = Project(case)
    found: dict[str, set[str]] = {m.value: set() for m in StartMethod}
    for path in sorted([*case.glob("*.ipynb"), *case.glob("*.py")]):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = notebook_source(read_notebook(text)).text
        result = analyze_source(project, str(path), text, Settings())
        assert result.error is None, (path, result.error)
        for finding in result.findings:
            for method in finding.start_methods:
                found[method.value].add(f"{path.name}:{finding.span.line} {finding.code}")
    return found


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict[str, set[str]]]:
    return {case: predicted_failures(CORPUS / case) for case in CASES}


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_recall_and_precision(method: str, predictions: dict[str, dict[str, set[str]]]) -> None:
    true_pos, false_pos, false_neg = [], [], []
    for case in CASES:
        fails = LABELS[case][method] != "ok"
        flagged = predictions[case][method]
        if fails and flagged:
            true_pos.append(case)
        elif flagged:
            false_pos.append(f"{case}: flagged {sorted(flagged)} but runs fine")
        elif fails:
            false_neg.append(f"{case}: missed ({LABELS[case][method]})")
    recall = len(true_pos) / max(len(true_pos) + len(false_neg), 1)
    precision = len(true_pos) / max(len(true_pos) + len(false_pos), 1)
    report = "\n".join(false_neg + false_pos)
    print(f"\n{method}: recall {recall:.3f}, precision {precision:.3f} "
          f"({len(true_pos)} true, {len(false_pos)} false positives, {len(false_neg)} missed)"
          f"\n{report}")
    assert recall >= RECALL_FLOOR, report
    assert precision >= PRECISION_FLOOR, report


def _kernel_available() -> bool:
    return all(importlib.util.find_spec(name) for name in ("ipykernel", "nbclient", "nbformat"))


skip_runs = pytest.mark.skipif(
    os.environ.get("MP_LSP_SKIP_NOTEBOOK_CORPUS") == "1" or not _kernel_available(),
    reason="MP_LSP_SKIP_NOTEBOOK_CORPUS=1, or no ipykernel/nbclient",
)


@pytest.fixture(scope="module")
def reality() -> dict[str, dict[str, str]]:
    return label.label_cases(CASES)


@skip_runs
@pytest.mark.parametrize("case", CASES)
def test_case_matches_label(case: str, reality: dict[str, dict[str, str]]) -> None:
    assert reality[case] == LABELS[case]


def test_the_kernels_own_zmq_errors_are_not_a_label() -> None:
    """The kernel's event loop logging a ZMQError after a forked child exited is left out; the
    child's own traceback before it, and any other one, is kept."""
    child = (
        "Process ForkProcess-1:\nTraceback (most recent call last):\n"
        '  File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap\n'
        "    self.run()\n    ^^^^^^^^^^\nAttributeError: Can't get attribute 'greet'\n"
    )
    kernel = (
        "Exception in callback BaseAsyncIOLoop._handle_events(52, 1)\n"
        "Traceback (most recent call last):\n"
        '  File "zmq/eventloop/zmqstream.py", line 614, in _handle_events\n'
        "    zmq_events = self.socket.EVENTS\n^^^^^^^^^^^^^^^^^\n"
        "zmq.error.ZMQError: Socket operation on non-socket\n"
    )
    assert label.without_kernel_noise(kernel) == (
        "Exception in callback BaseAsyncIOLoop._handle_events(52, 1)\n"
    )
    assert label.without_kernel_noise(child + kernel).startswith(child)
    summary = label._script_labeller().summarise(1, label.without_kernel_noise(child + kernel),
                                                 CORPUS)
    assert summary == "AttributeError: Can't get attribute 'greet'"
    assert label._script_labeller().summarise(1, label.without_kernel_noise(kernel),
                                              CORPUS).startswith("exit ")


class _Client:
    """What ``_started`` uses of an nbclient ``NotebookClient``: its ``setup_kernel``."""

    def __init__(self, at_start: Optional[Exception]) -> None:
        self.at_start = at_start

    @contextlib.contextmanager
    def setup_kernel(self, **_: object) -> Iterator[None]:
        if self.at_start is not None:
            raise self.at_start
        yield


def test_a_kernel_that_never_answers_is_told_apart_from_the_notebook() -> None:
    """jupyter_client's start-up timeout (a bare RuntimeError) is a KernelStartError, which the
    labeller retries; a RuntimeError of the notebook's own run is not."""
    silent = _Client(RuntimeError("Kernel didn't respond in 30 seconds"))
    with pytest.raises(label.KernelStartError), label._started(silent, None, CORPUS):
        pass
    with pytest.raises(RuntimeError) as raised, label._started(_Client(None), None, CORPUS):
        raise RuntimeError("Kernel didn't respond in the cell")
    assert not isinstance(raised.value, label.KernelStartError)
    broken = _Client(ValueError("bad notebook"))
    with pytest.raises(ValueError), label._started(broken, None, CORPUS):
        pass
