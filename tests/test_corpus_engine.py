"""The engine against reality: recall and precision over the labelled corpus.

A case is *positive* under a start method when really running it there failed (labels.json,
made and re-checked by tests/corpus/label.py). The engine predicts a failure under that method
when any of its findings in the case lists the method. Misses are printed, so a failing run
says which programs to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from mp_lsp.engine.analyze import DEFAULT_BUDGET_STEPS, Project, analyze_source
from mp_lsp.engine.findings import StartMethod
from mp_lsp.settings import Settings

CORPUS = Path(__file__).parent / "corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text())
#: What kind of mistake each case is about (tests/corpus/README.md gives the figures by it).
CATEGORIES: dict[str, str] = json.loads((CORPUS / "categories.json").read_text())
#: A regression gate, not a target: just under today's recall. The p11_ cases, written from
#: public issue threads without the engine in view, took it from 0.965 to 0.934 (0.944 now);
#: their misses are listed in tests/corpus/README.md as the next work. The p13_ cases, written
#: the same way, took it from 0.949 to 0.916 before any code for them (0.933 then); the p14_
#: and p16_ cases (and p15_) from 0.938 to 0.896 (0.916 then), and the p17_ and p18_ cases
#: from 0.924 to 0.880 (0.884 then), so the gate moved down with them, to just under the
#: figure of the day. Raise it as misses are found: the mechanisms the p19_ cases are about
#: took it to 0.909.
RECALL_FLOOR = 0.90
PRECISION_FLOOR = 0.99


def predicted_failures(case: Path, budget_steps: int = DEFAULT_BUDGET_STEPS) -> dict[str, set[str]]:
    """For each start method, the findings (code: message) that predict a failure there."""
    project = Project(case)
    found: dict[str, set[str]] = {m.value: set() for m in StartMethod}
    for path in sorted(case.rglob("*.py")):
        source = path.read_text()
        result = analyze_source(project, str(path), source, Settings(), budget_steps=budget_steps)
        for finding in result.findings:
            for method in finding.start_methods:
                found[method.value].add(f"{path.name}:{finding.span.line} {finding.code}")
    return found


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict[str, set[str]]]:
    return {case: predicted_failures(CORPUS / case) for case in sorted(LABELS)}


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    true: int
    false_positives: int
    missed: int
    report: str  # a line per miss and per false positive

    def line(self, title: str) -> str:
        return (f"{title}: recall {self.recall:.3f}, precision {self.precision:.3f} "
                f"({self.true} true, {self.false_positives} false positives, "
                f"{self.missed} missed)")

    def check(self) -> None:
        assert self.recall >= RECALL_FLOOR, self.report
        assert self.precision >= PRECISION_FLOOR, self.report


def score(
    labels: dict[str, dict[str, str]], predictions: dict[str, dict[str, set[str]]], method: str
) -> Score:
    """Recall and precision of the predictions against what really ran, for one start method."""
    true_pos, false_pos, false_neg = [], [], []
    for case, label in sorted(labels.items()):
        fails = label[method] != "ok"
        flagged = predictions[case][method]
        if fails and flagged:
            true_pos.append(case)
        elif flagged:
            false_pos.append(f"{case}: flagged {sorted(flagged)} but runs fine")
        elif fails:
            false_neg.append(f"{case}: missed ({label[method]})")
    return Score(
        recall=len(true_pos) / max(len(true_pos) + len(false_neg), 1),
        precision=len(true_pos) / max(len(true_pos) + len(false_pos), 1),
        true=len(true_pos), false_positives=len(false_pos), missed=len(false_neg),
        report="\n".join(false_neg + false_pos),
    )


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_recall_and_precision(method: str, predictions: dict[str, dict[str, set[str]]]) -> None:
    result = score(LABELS, predictions, method)
    print(f"\n{result.line(method)}\n{_by_category(method, predictions)}\n{result.report}")
    result.check()


def _by_category(method: str, predictions: dict[str, dict[str, set[str]]]) -> str:
    """A row per category: cases, failing cases found / failing cases, false positives."""
    rows = []
    for category in sorted(set(CATEGORIES.values())):
        cases = [c for c in LABELS if CATEGORIES.get(c) == category]
        failing = [c for c in cases if LABELS[c][method] != "ok"]
        found = [c for c in failing if predictions[c][method]]
        false = [c for c in cases if LABELS[c][method] == "ok" and predictions[c][method]]
        rows.append(f"  {category:16} {len(cases):4} cases, found {len(found)}/{len(failing)}, "
                    f"{len(false)} false positives")
    return "\n".join(rows)


def test_every_case_has_a_category() -> None:
    assert sorted(CATEGORIES) == sorted(LABELS)
