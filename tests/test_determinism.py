"""Same input, same findings: analysis is bounded by inference steps, never by the clock.

A bound in seconds made a finding present on an idle machine go missing under load. This scores
a sample of the corpus on an idle machine and again with every core kept busy, and the findings
must be the same. When they are not, the message shows where the two runs' questions to jedi
first parted: the cause is then an answer that changed, or an order of questions that did.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_corpus_engine import CORPUS, LABELS, predicted_failures

from mp_lsp.engine.project import Project

#: Every sixth case: a spread over every category at a sixth of the corpus's cost.
SAMPLE = sorted(LABELS)[::6]


#: Small enough that many analyses stop at the bound: where a bound in seconds would move with
#: the load, a bound in steps must stop at the same place.
TIGHT_STEPS = 12

Questions = list[tuple[str, str, int, int, tuple[str, ...]]]


def _score(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[dict[str, dict[str, set[str]]], dict[str, Questions]]:
    """Each case's findings, and the questions it asked jedi with their answers."""
    asked: Questions = []
    ask = Project.ask

    def recorded(self: Project, method: str, module, node):  # type: ignore[no-untyped-def]
        answer = ask(self, method, module, node)
        asked.append((method, Path(module.path).name, node.lineno, node.col_offset,
                      tuple(str(n.full_name) for n in answer)))
        return answer

    monkeypatch.setattr(Project, "ask", recorded)
    findings, questions = {}, {}
    for case in SAMPLE:
        asked.clear()
        findings[case] = predicted_failures(CORPUS / case, TIGHT_STEPS)
        questions[case] = list(asked)
    return findings, questions


def _parting(first: Questions, second: Questions) -> str:
    """The first question the two runs asked or answered differently."""
    for index, (one, other) in enumerate(zip(first, second)):
        if one != other:
            return f"question {index + 1}: {one} / {other}"
    return f"the same {min(len(first), len(second))} questions, then {len(first)} / {len(second)}"


def test_findings_are_the_same_on_a_loaded_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    idle, idle_questions = _score(monkeypatch)
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        loaded, loaded_questions = _score(monkeypatch)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    partings = {case: _parting(idle_questions[case], loaded_questions[case])
                for case in SAMPLE if idle[case] != loaded[case]}
    assert loaded == idle, partings
    assert any(any(methods.values()) for methods in idle.values())  # it did find things
