"""Hover explanations: the same verdicts as the diagnostics, worded for a reader."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mp_lsp.engine.analyze import Project
from mp_lsp.engine.explain import explain_at
from mp_lsp.settings import Settings

SOURCE = textwrap.dedent("""
    import multiprocessing as mp
    import sqlite3

    class Job:
        def __init__(self, path):
            self.conn = sqlite3.connect(path)

    def work(job):
        return 1

    if __name__ == "__main__":
        jobs = [Job("a.db")]
        with mp.Pool() as pool:
            pool.map(work, jobs)
            pool.map(work, [1, 2])
""")


def _explain(tmp_path: Path, line: int, text: str, occurrence: str):
    path = tmp_path / "main.py"
    path.write_text(SOURCE)
    column = SOURCE.splitlines()[line - 1].index(occurrence)
    # A generous budget: the first jedi call of a process is slow (a warm server's is not).
    return explain_at(Project(tmp_path), str(path), SOURCE, Settings(), line, column,
                      budget_steps=20_000)


def test_hover_on_a_bad_argument_explains_the_chain_and_the_fix(tmp_path: Path) -> None:
    explanation = _explain(tmp_path, 15, "pool.map(work, jobs)", "jobs")
    assert explanation is not None
    text = explanation.markdown
    assert "**`Pool.map`** pickles `work` once per chunk and each item of `jobs`" in text
    assert "jobs → [0] → .conn → sqlite3.Connection" in text
    assert "open the connection in the worker" in text
    assert "MP006" in text and "docs/rules/MP006.md" in text
    assert explanation.span.line == 15


def test_hover_on_a_good_call_confirms_in_one_line(tmp_path: Path) -> None:
    explanation = _explain(tmp_path, 16, "pool.map(work, [1, 2])", "map")
    assert explanation is not None
    assert explanation.markdown.count("✓ no problem found") == 2
    assert "✗" not in explanation.markdown


def test_no_hover_outside_sinks(tmp_path: Path) -> None:
    assert _explain(tmp_path, 10, "return 1", "return") is None
