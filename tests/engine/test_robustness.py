"""Bad input never hurts: mutated, truncated and garbled programs never raise or hang.

Hypothesis takes real corpus programs and breaks them the way editing does (deleted lines,
text cut off mid-token, shuffled indentation, random characters and bytes). The engine must
return a result, never raise, and stay within its step bound on each file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.settings import Settings

CORPUS = Path(__file__).parent.parent / "corpus"
PROGRAMS = sorted(CORPUS.glob("*/main.py"))
BUDGET_STEPS = 2_000


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("mutants")
    project = Project(root)
    warm = PROGRAMS[0].read_text()
    analyze_source(project, str(root / "main.py"), warm, Settings())  # jedi's cold start
    return project


@st.composite
def mutants(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(PROGRAMS)).read_text()
    lines = text.splitlines(keepends=True)
    mutation = draw(st.sampled_from(["delete", "truncate", "indent", "insert", "bytes"]))
    if mutation == "delete" and lines:
        start = draw(st.integers(0, len(lines) - 1))
        del lines[start : start + draw(st.integers(1, 4))]
        return "".join(lines)
    if mutation == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if mutation == "indent" and lines:
        shuffled = list(lines)
        for _ in range(draw(st.integers(1, 5))):
            index = draw(st.integers(0, len(lines) - 1))
            shuffled[index] = " " * draw(st.integers(0, 9)) + shuffled[index].lstrip()
        return "".join(shuffled)
    if mutation == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(max_size=20)) + text[at:]
    raw = bytearray(text.encode())
    for _ in range(draw(st.integers(1, 8))):
        raw[draw(st.integers(0, max(len(raw) - 1, 0)))] = draw(st.integers(0, 255)) if raw else 0
    return raw.decode("utf-8", errors="surrogateescape")


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=mutants())
def test_mutated_programs_never_raise_or_hang(project: Project, source: str) -> None:
    path = str(project.root / "main.py")
    result = analyze_source(project, path, source, Settings(), budget_steps=BUDGET_STEPS)
    assert result.error is None or "internal" not in result.error


def test_deeply_nested_expression_is_reported_not_raised(project: Project) -> None:
    source = "import multiprocessing\nx = " + "(" * 5000 + "1" + ")" * 5000 + "\n"
    result = analyze_source(project, str(project.root / "main.py"), source, Settings())
    assert result.findings == ()
    # Python refuses it too (too many nested parentheses): like any syntax error, it costs its
    # statement only, and is not mp-lsp's to report; a file with nothing else is.
    assert result.error is None
    alone = analyze_source(project, str(project.root / "main.py"), source.split("\n", 1)[1],
                           Settings())
    assert alone.findings == () and alone.error


def test_huge_file_is_bounded(project: Project) -> None:
    body = "".join(
        f"def f{i}(x):\n    return x\n\nwith mp.Pool() as p{i}:\n    p{i}.map(lambda v: v, [1])\n"
        for i in range(3000)
    )
    source = "import multiprocessing as mp\n" + body
    first, second = (
        analyze_source(Project(project.root), str(project.root / "main.py"), source, Settings(),
                       budget_steps=BUDGET_STEPS)
        for _ in range(2)
    )
    assert first.findings  # partial results are kept
    assert first.bounded  # and says so (a note on the CLI, a diagnostic in the editor)
    # A bound counted in steps, not seconds: the same input gets the same partial result.
    assert first.findings == second.findings
