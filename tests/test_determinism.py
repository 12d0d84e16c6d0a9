"""Same input, same findings: analysis is bounded by inference steps, never by the clock.

A bound in seconds made a finding present on an idle machine go missing under load. This scores
a sample of the corpus on an idle machine and again with every core kept busy, and the findings
must be the same.
"""

from __future__ import annotations

import os
import subprocess
import sys

from test_corpus_engine import CORPUS, LABELS, predicted_failures

#: Every sixth case: a spread over every category at a sixth of the corpus's cost.
SAMPLE = sorted(LABELS)[::6]


#: Small enough that many analyses stop at the bound: where a bound in seconds would move with
#: the load, a bound in steps must stop at the same place.
TIGHT_STEPS = 12


def _score() -> dict[str, dict[str, set[str]]]:
    return {case: predicted_failures(CORPUS / case, TIGHT_STEPS) for case in SAMPLE}


def test_findings_are_the_same_on_a_loaded_machine() -> None:
    idle = _score()
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        loaded = _score()
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    assert loaded == idle
    assert any(any(methods.values()) for methods in idle.values())  # it did find things
