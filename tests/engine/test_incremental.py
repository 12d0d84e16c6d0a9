"""Incremental re-analysis gives exactly what a fresh analysis gives.

The memo (mp_lsp.engine.incremental) reuses a sink's report when the statements it depends on
are unchanged. These tests edit real programs of the labelled corpus in the ways typing does
(lines inserted above, a statement deleted, a name rebound, a function body changed) and
compare, version after version, the findings of an analysis that uses the memo with those of
a fresh one. They also check that the memo is used at all: an edit that moves every statement
without changing one must not re-analyse any call.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from mp_lsp.engine.analyze import AnalysisMemo, Project, analyze_source
from mp_lsp.engine.dependencies import ModuleUnits
from mp_lsp.engine.explain import explain_at
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.settings import Settings

CORPUS = Path(__file__).parent.parent / "corpus"
#: A third of the corpus (every kind of sink is in it) keeps this under a minute.
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and (p / "main.py").is_file())[::3]


def variants(source: str) -> list[tuple[str, str]]:
    """Edited versions of a program, each named, in the order an editing session might go."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    found = [("shifted", "# a comment typed above\n\n" + source), ("original", source)]
    functions = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.ClassDef))]
    for statement in (functions[:1] + tree.body[-1:]):
        start = min([statement.lineno, *(d.lineno for d in statement.decorator_list)]
                    if hasattr(statement, "decorator_list") else [statement.lineno])
        end = statement.end_lineno or statement.lineno
        deleted = "".join(lines[: start - 1] + lines[end:])
        found += [(f"deleted line {start}", deleted), ("original", source)]
    for statement in functions[:2]:
        # The name now means a lambda: every sink that sends it must say so.
        found.append((f"rebound {statement.name}",
                      source + f"\n{statement.name} = lambda *args, **kwargs: None\n"))
        body = statement.body[0]
        indent = " " * body.col_offset
        inserted = "".join([*lines[: body.lineno - 1], f"{indent}touched = 1\n",
                            *lines[body.lineno - 1:]])
        found += [(f"touched {statement.name}", inserted), ("original", source)]
    return found


def findings(result: object) -> list[tuple[object, ...]]:
    return sorted(
        (f.code, f.span, f.message, f.severity, tuple(sorted(f.start_methods)), f.chain,
         f.culprit)
        for f in result.findings  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_memo_agrees_with_a_fresh_analysis(case: Path) -> None:
    path = str(case / "main.py")
    original = (case / "main.py").read_text()
    project = Project(case)
    memo = AnalysisMemo()
    fresh_results: dict[str, list[tuple[object, ...]]] = {}
    for name, source in variants(original):
        project.set_overlay(path, source)
        remembered = analyze_source(project, path, source, Settings(), memo=memo)
        if source not in fresh_results:
            fresh_results[source] = findings(analyze_source(project, path, source, Settings()))
        assert findings(remembered) == fresh_results[source], f"{case.name}: after '{name}'"
        if name == "original" and memo.reused + memo.computed:
            # Back to a version seen before: every call is known already.
            assert memo.computed == 0, f"{case.name}: re-analysed {memo.computed} calls"


def test_lines_shift_but_nothing_is_recomputed(tmp_path: Path) -> None:
    source = textwrap.dedent('''\
        import multiprocessing as mp


        def work(x):
            return x


        def run(items):
            with mp.Pool() as pool:
                return pool.map(lambda v: v * 2, items)
        ''')
    path = tmp_path / "main.py"
    path.write_text(source)
    project = Project(tmp_path)
    memo = AnalysisMemo()
    first = analyze_source(project, str(path), source, Settings(), memo=memo)
    assert [f.code for f in first.findings] == ["MP001"]
    assert (memo.computed, memo.reused) == (2, 0)  # ``mp.Pool()`` and ``pool.map``
    shifted = "# one\n# two\n# three\n" + source
    project.set_overlay(str(path), shifted)
    second = analyze_source(project, str(path), shifted, Settings(), memo=memo)
    assert (memo.computed, memo.reused) == (0, 2)
    assert second.findings[0].span.line == first.findings[0].span.line + 3
    assert second.findings[0].culprit.span.line == first.findings[0].culprit.span.line + 3
    # The hover reuses the same report, at the new place.
    line = second.findings[0].span.line
    hover = explain_at(project, str(path), shifted, Settings(), line,
                       second.findings[0].span.column + 1, memo=memo)
    assert hover is not None and "lambda" in hover.markdown
    assert (memo.computed, memo.reused) == (0, 1)  # only the hovered call was looked up


def test_an_edit_to_the_worker_reanalyses_only_its_sinks(tmp_path: Path) -> None:
    source = textwrap.dedent('''\
        import multiprocessing as mp


        def work(x):
            return x


        def first(items):
            with mp.Pool() as pool:
                return pool.map(work, items)


        def second(items):
            with mp.Pool() as pool:
                return pool.map(len, items)
        ''')
    path = tmp_path / "main.py"
    project = Project(tmp_path)
    memo = AnalysisMemo()
    assert analyze_source(project, str(path), source, Settings(), memo=memo).findings == ()
    edited = source.replace("def work(x):\n    return x",
                            "def make():\n    def work(x):\n        return x\n    return work\n\n\n"
                            "work = make()")
    project.set_overlay(str(path), edited)
    result = analyze_source(project, str(path), edited, Settings(), memo=memo)
    assert [f.code for f in result.findings] == ["MP002"]
    assert (memo.computed, memo.reused) == (2, 2)  # ``second``'s two calls don't use ``work``


def test_a_change_to_another_file_forgets_everything(tmp_path: Path) -> None:
    (tmp_path / "models.py").write_text("class Job:\n    pass\n")
    source = textwrap.dedent('''\
        import multiprocessing as mp
        from models import Job


        def run():
            with mp.Pool() as pool:
                return pool.apply(print, (Job(),))
        ''')
    path = tmp_path / "main.py"
    project = Project(tmp_path)
    memo = AnalysisMemo()
    assert analyze_source(project, str(path), source, Settings(), memo=memo).findings == ()
    models = "import threading\n\nclass Job:\n    def __init__(self):\n" \
             "        self.lock = threading.Lock()\n"
    project.set_overlay(str(tmp_path / "models.py"), models)
    result = analyze_source(project, str(path), source, Settings(), memo=memo)
    assert (memo.computed, memo.reused) == (2, 0)
    assert [f.code for f in result.findings] == ["MP006"]


def test_dependencies_follow_names_not_lines() -> None:
    source = textwrap.dedent('''\
        import os
        from helpers import *
        LIMIT = 3
        JOBS = []


        def local_only():
            LIMIT = 4
            return LIMIT


        def reads_limit(x: "Config"):
            return [y for y in range(LIMIT)]


        def grows():
            JOBS.append(1)


        class Config:
            size = LIMIT
        ''')
    units = ModuleUnits(ModuleSyntax("m.py", source))
    by_start = {u.text.splitlines()[0]: u for u in units.units}
    local_only = by_start["def local_only():"]
    assert "LIMIT" not in local_only.names.loads and "LIMIT" not in local_only.names.binds
    reads = by_start['def reads_limit(x: "Config"):']
    assert {"LIMIT", "range", "Config"} <= reads.names.loads
    assert "y" not in reads.names.loads
    assert "JOBS" in by_start["def grows():"].names.binds
    closure = {units.units[i].text.splitlines()[0] for i in units.closure(reads, ())}
    # LIMIT's binding, Config's class, and the star import that may bind anything.
    assert closure == {'def reads_limit(x: "Config"):', "LIMIT = 3", "class Config:",
                       "from helpers import *"}
    assert units.unit_at(8) is local_only and units.unit_at(5) is None


def test_statements_sharing_a_line_bind_their_own_names() -> None:
    """``a = 1; b = 2`` is two statements with one line's text: each binds its own name (the
    names were once remembered by that text, so ``b`` took the names of ``a = 1``), and a
    ``case {**rest}`` binds ``rest``."""
    source = "a = 1; b, (c, *d) = 2, (3, 4)\nmatch a:\n    case {**rest}: pass\n"
    units = ModuleUnits(ModuleSyntax("m.py", source))
    assert [units.binders_of(name) for name in ("a", "b", "c", "d", "rest")] == [
        [0], [1], [1], [1], [2]]


GLOBAL_WORKER = '''
import multiprocessing as mp


def setup():
    global work

    def work(x):
        return x + 1


def main():
    with mp.Pool(2) as pool:
        print(pool.map(work, [1, 2]))
{calls}

if __name__ == "__main__":
    setup()
    main()
'''


@pytest.mark.parametrize("before, after", [
    ("", "\nsetup()\n"),  # now called on import: the child defines `work` too
    ("\nclass Boot:\n    setup()\n", ""),  # a class body ran it on import; no longer
    ("\ndef later():\n    setup()\n", "\nclass Boot:\n    setup()\n"),
])
def test_where_a_global_defining_function_is_called_decides_again(
    tmp_path: Path, before: str, after: str
) -> None:
    """``setup()`` binds ``work`` by ``global``: whether the child has it depends on a call of
    ``setup`` at import time, a statement the sink never reads. An edit of that call must not
    leave the sink's old verdict in place."""
    path = tmp_path / "main.py"
    memo = AnalysisMemo()
    project = Project(tmp_path)
    for calls in (before, after):
        source = GLOBAL_WORKER.format(calls=calls)
        path.write_text(source)
        kept = analyze_source(project, str(path), source, Settings(), memo=memo)
        fresh = analyze_source(Project(tmp_path), str(path), source, Settings())
        assert findings(kept) == findings(fresh)
    # Each ``after`` calls ``setup()`` on import, or not at all.
    assert [f.code for f in fresh.findings] == ([] if after else ["MP004"])
