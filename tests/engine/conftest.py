"""Helpers to run the engine on small literal workspaces.

Expected findings are written in the programs themselves, as ``# expect: MP001`` comments on
the lines that must be reported, so a test reads like the code it checks.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Optional

import pytest

from mp_lsp.engine.analyze import AnalysisResult, Project, analyze_source
from mp_lsp.engine.findings import StartMethod
from mp_lsp.settings import Settings


def codes(result: AnalysisResult) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in result.findings]


def expected_markers(source: str) -> list[tuple[str, int]]:
    """``# expect: MP001`` comments: the findings a line must produce."""
    found = []
    for number, line in enumerate(source.splitlines(), 1):
        if "# expect:" in line:
            for code in line.split("# expect:")[1].replace(",", " ").split():
                found.append((code, number))
    return found


class Check:
    """``check(main_source, start_method=None, **other_modules)`` → the result for main.py."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = ""

    def __call__(
        self, main: str, start_method: Optional[str] = None, **others: str
    ) -> AnalysisResult:
        for name, text in others.items():
            (self.root / f"{name}.py").write_text(textwrap.dedent(text))
        path = self.root / "main.py"
        self.source = textwrap.dedent(main)
        path.write_text(self.source)
        settings = Settings(start_method=StartMethod(start_method) if start_method else None)
        return analyze_source(Project(self.root), str(path), self.source, settings)


@pytest.fixture
def check(tmp_path: Path) -> Check:
    return Check(tmp_path)


def assert_expected(result: AnalysisResult, check: Check) -> None:
    """The findings are exactly the lines of the last program marked ``# expect: CODE``."""
    assert result.error is None, result.error
    assert sorted(codes(result)) == sorted(expected_markers(check.source)), [
        f.message for f in result.findings
    ]
