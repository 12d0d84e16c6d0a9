"""The engine against reality on the frameworks' corpus (joblib, dill, PyTorch, dask, ray).

Labels in ``tests/corpus_frameworks/labels.json`` come from running each program with the real
library (versions in ``versions.json``); this test needs none of them installed: it scores the
engine's static predictions against those labels, per framework, with the same gates as the
standard library's corpus. A framework's serializer draws the line in its own place, so each
framework must meet the gates on its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_corpus_engine import predicted_failures, score

CORPUS = Path(__file__).parent / "corpus_frameworks"
LABELS: dict[str, dict[str, str]] = json.loads((CORPUS / "labels.json").read_text())
FRAMEWORKS: dict[str, str] = json.loads((CORPUS / "frameworks.json").read_text())
#: The fewest programs a framework's figures are worth reporting on.
MINIMUM = {"joblib": 15, "dill": 15, "torch": 15, "dask": 8, "ray": 8}


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict[str, set[str]]]:
    return {case: predicted_failures(CORPUS / case) for case in sorted(LABELS)}


@pytest.mark.parametrize("framework", sorted(MINIMUM))
@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_recall_and_precision(
    framework: str, method: str, predictions: dict[str, dict[str, set[str]]]
) -> None:
    labels = {case: label for case, label in LABELS.items() if FRAMEWORKS[case] == framework}
    assert len(labels) >= MINIMUM[framework]
    result = score(labels, predictions, method)
    print(f"\n{result.line(f'{framework} {method}')}\n{result.report}")
    result.check()


def test_every_case_has_a_framework() -> None:
    assert sorted(FRAMEWORKS) == sorted(LABELS)
    assert set(FRAMEWORKS.values()) == set(MINIMUM)
