"""Quick fixes, end to end without an editor: source in → edits → new source.

Every applied fix must make its finding disappear when the engine analyses the new text, and
the new text must parse. Fixes that move code are also run for real under ``spawn`` (where
pickling by name matters), so a fix that silences the checker but breaks the program fails.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Optional

import pytest

from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.engine.findings import Finding
from mp_lsp.fixes import Fix, apply_edits, fixes_for
from mp_lsp.settings import Settings

#: Prepended to a program run by :func:`run_under_spawn`; also runs in each child (harmless).
SPAWN_PRELUDE = "import multiprocessing as _mp\n_mp.set_start_method('spawn', force=True)\n"


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "main.py"

    def findings(self, source: str) -> list[Finding]:
        self.path.write_text(source)
        result = analyze_source(Project(self.root), str(self.path), source, Settings())
        assert result.error is None, result.error
        return list(result.findings)

    def finding(self, source: str, code: str) -> Finding:
        found = [f for f in self.findings(source) if f.code == code]
        assert len(found) == 1, found
        return found[0]

    def fixed(self, source: str, code: str, title: str) -> str:
        """Apply the fix titled ``title`` for the one ``code`` finding; check it worked."""
        source = textwrap.dedent(source)
        fix = offered(source, self.finding(source, code), title)
        assert fix is not None, f"no fix {title!r}"
        new = apply_edits(source, fix.edits)
        ast.parse(new)
        assert code not in {f.code for f in self.findings(new)}, new
        return new

    def run_under_spawn(self, source: str) -> None:
        program = self.root / "program.py"
        program.write_text(SPAWN_PRELUDE + source)
        done = subprocess.run(
            [sys.executable, str(program)], cwd=self.root, capture_output=True, text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr


def offered(source: str, finding: Finding, title: str) -> Optional[Fix]:
    return next((f for f in fixes_for(source, finding) if f.title == title), None)


def titles(source: str, finding: Finding) -> list[str]:
    return [f.title for f in fixes_for(source, finding)]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


# -- noqa comments -----------------------------------------------------------------------------
NOQA_PROGRAM = """\
import multiprocessing


def main():
    with multiprocessing.Pool() as pool:
        pool.map(lambda x: x, [1]){comment}


if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("", "pool.map(lambda x: x, [1])  # noqa: MP001"),
        ("   ", "pool.map(lambda x: x, [1])  # noqa: MP001"),
        ("  # noqa: E501", "pool.map(lambda x: x, [1])  # noqa: E501, MP001"),
        ("  # noqa:E501,W291 long line", "  # noqa:E501,W291, MP001 long line"),
        ("  # the identity", "pool.map(lambda x: x, [1])  # the identity  # noqa: MP001"),
    ],
)
def test_noqa(ws: Workspace, comment: str, expected: str) -> None:
    new = ws.fixed(NOQA_PROGRAM.format(comment=comment), "MP001", "Suppress MP001 with `# noqa`")
    assert expected in new


def test_noqa_is_the_last_and_not_preferred(ws: Workspace) -> None:
    source = NOQA_PROGRAM.format(comment="")
    fixes = fixes_for(source, ws.finding(source, "MP001"))
    assert [f.title for f in fixes] == [
        "Move lambda to a module-level function `_lambda_6`", "Suppress MP001 with `# noqa`"
    ]
    assert fixes[0].preferred and not fixes[1].preferred


def test_noqa_not_offered_inside_a_multiline_string(ws: Workspace) -> None:
    source = NOQA_PROGRAM.format(comment="").replace("[1])", '["""a\nb"""])')
    assert "Suppress MP001 with `# noqa`" not in titles(source, ws.finding(source, "MP001"))


# -- MP001: lambda → module-level function ------------------------------------------------------
def test_lambda_with_closure_becomes_partial(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing as mp

        OFFSET = 100


        def main():
            n = 2
            square = lambda x, *rest, y=1: x * n + OFFSET + y
            with mp.Pool(2) as pool:
                assert pool.map(square, [1, 2]) == [103, 105]


        if __name__ == "__main__":
            main()
        """,
        "MP001",
        "Move lambda to a module-level function `_square`",
    )
    assert new == textwrap.dedent("""\
        import multiprocessing as mp
        import functools

        OFFSET = 100


        def _square(n, x, *rest, y=1):
            return x * n + OFFSET + y


        def main():
            n = 2
            square = functools.partial(_square, n)
            with mp.Pool(2) as pool:
                assert pool.map(square, [1, 2]) == [103, 105]


        if __name__ == "__main__":
            main()
        """)
    ws.run_under_spawn(new)


def test_lambda_without_free_variables_becomes_a_name(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        from concurrent.futures import ProcessPoolExecutor


        def main():
            with ProcessPoolExecutor(2) as executor:
                assert list(executor.map(lambda x: (x,
                                                    x + 1), [1])) == [(1, 2)]


        if __name__ == "__main__":
            main()
        """,
        "MP001",
        "Move lambda to a module-level function `_lambda_6`",
    )
    assert "executor.map(_lambda_6, [1])" in new
    assert "import functools" not in new
    ws.run_under_spawn(new)


def test_lambda_uses_an_existing_partial_import_and_a_free_name(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing
        from functools import partial


        def _scale():
            pass


        def main(factor):
            scale = lambda x: x * factor
            with multiprocessing.Pool(2) as pool:
                assert pool.map(scale, [1]) == [factor]


        if __name__ == "__main__":
            main(3)
        """,
        "MP001",
        "Move lambda to a module-level function `scale_fn`",
    )
    assert "scale = partial(scale_fn, factor)" in new
    assert "import functools" not in new
    ws.run_under_spawn(new)


def test_module_level_lambda_becomes_a_def_in_place(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing

        double = lambda x: 2 * x

        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                assert pool.map(double, [1]) == [2]
        """,
        "MP001",
        "Move lambda to a module-level function `double`",
    )
    assert "def double(x):\n    return 2 * x\n" in new
    ws.run_under_spawn(new)


def test_lambda_under_the_guard_takes_guard_variables_as_parameters(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing

        if __name__ == "__main__":
            n = 5
            with multiprocessing.Pool(2) as pool:
                assert pool.map(lambda x: x + n, [1]) == [6]
        """,
        "MP001",
        "Move lambda to a module-level function `_lambda_6`",
    )
    assert "def _lambda_6(n, x):" in new
    ws.run_under_spawn(new)


@pytest.mark.parametrize(
    "body",
    [
        # A comprehension variable: the lambda is made once per item.
        "pool.map(len, [lambda: i for i in range(3)])",
        # Rebound after the lambda: the closure would see the new value, a partial the old.
        "f = lambda x: x + n\n    n = 3\n    pool.map(f, [1])",
        # In a loop: each iteration rebinds what the closure reads.
        "for k in range(2):\n        pool.map(lambda x: x + k, [1])",
        # A default that is a local: it cannot be evaluated at module level.
        "pool.map(lambda x, m=n: x + m, [1])",
    ],
)
def test_lambda_not_offered_when_moving_changes_meaning(ws: Workspace, body: str) -> None:
    source = (
        "import multiprocessing\n\n\ndef main(pool, n):\n    " + body + "\n\n\n"
        "if __name__ == '__main__':\n    main(multiprocessing.Pool(), 1)\n"
    )
    [finding] = [f for f in ws.findings(source) if f.code == "MP001"]
    assert titles(source, finding) == ["Suppress MP001 with `# noqa`"]


# -- MP004: definition under the guard → above it ------------------------------------------------
def test_function_and_class_move_above_the_guard(ws: Workspace) -> None:
    source = """\
        import functools
        import multiprocessing

        if __name__ == "__main__":
            @functools.lru_cache(maxsize=None)
            def work(x):
                \"\"\"Docstring
                over lines.\"\"\"
                return x * 2

            with multiprocessing.Pool(2) as pool:
                assert pool.map(work, [1]) == [2]
        """
    new = ws.fixed(source, "MP004", "Move `work` above the `__main__` guard")
    assert new.startswith(
        "import functools\nimport multiprocessing\n\n@functools.lru_cache(maxsize=None)\n"
        "def work(x):\n"
        '    """Docstring\n    over lines."""\n    return x * 2\n\n\nif __name__'
    )
    ws.run_under_spawn(new)


def test_move_above_guard_not_offered_when_it_uses_guard_names(ws: Workspace) -> None:
    source = textwrap.dedent("""\
        import multiprocessing

        if __name__ == "__main__":
            import math

            def work(x):
                return math.sqrt(x)

            with multiprocessing.Pool(2) as pool:
                pool.map(work, [1])
        """)
    assert titles(source, ws.finding(source, "MP004")) == ["Suppress MP004 with `# noqa`"]


# -- MP002: nested function → module level -------------------------------------------------------
def test_nested_function_moves_out_with_partial(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        from concurrent.futures import ProcessPoolExecutor
        import functools as ft


        def main(factor):
            offset = 1

            def scale(x, /, *, unused=None):
                return x * factor + offset

            with ProcessPoolExecutor(2) as executor:
                assert list(executor.map(scale, [1, 2])) == [4, 7]


        if __name__ == "__main__":
            main(3)
        """,
        "MP002",
        "Move `scale` to module level",
    )
    assert "def scale(factor, offset, x, /, *, unused=None):" in new
    assert "executor.map(ft.partial(scale, factor, offset), [1, 2])" in new
    ws.run_under_spawn(new)


def test_nested_function_renamed_when_the_module_has_the_name(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing


        def work():
            pass


        def main():
            def work(x):
                return x

            with multiprocessing.Pool(2) as pool:
                assert pool.map(func=work, iterable=[1]) == [1]


        if __name__ == "__main__":
            main()
        """,
        "MP002",
        "Move `work` to a module-level function `_work`",
    )
    assert "pool.map(func=_work, iterable=[1])" in new
    ws.run_under_spawn(new)


def test_closure_returned_by_a_factory_becomes_a_partial(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        from multiprocessing import Pool


        def make_parser(sep):
            def parse(line):
                return line.split(sep)

            return parse


        if __name__ == "__main__":
            with Pool(2) as pool:
                assert pool.map(make_parser(","), ["a,b"]) == [["a", "b"]]
        """,
        "MP002",
        "Move `parse` to module level",
    )
    assert "def make_parser(sep):\n    return functools.partial(parse, sep)\n" in new
    ws.run_under_spawn(new)


def test_nested_function_not_offered_when_used_elsewhere(ws: Workspace) -> None:
    source = textwrap.dedent("""\
        import multiprocessing


        def main():
            def work(x):
                return x

            work(1)
            with multiprocessing.Pool() as pool:
                pool.map(work, [1])
        """)
    assert titles(source, ws.finding(source, "MP002")) == ["Suppress MP002 with `# noqa`"]


# -- MP008: missing __main__ guard ---------------------------------------------------------------
def test_guard_wraps_the_rest_of_the_module(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing


        def work(x):
            return x + 1


        pool = multiprocessing.Pool(2)
        # the results
        print(pool.map(work, [1]))
        pool.close()
        """,
        "MP008",
        'Wrap in `if __name__ == "__main__":`',
    )
    assert new.endswith(
        'if __name__ == "__main__":\n    pool = multiprocessing.Pool(2)\n    # the results\n'
        "    print(pool.map(work, [1]))\n    pool.close()\n"
    )
    ws.run_under_spawn(new)


def test_guard_wraps_only_the_statement_when_definitions_follow(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing


        def work(x):
            return x + 1


        with multiprocessing.Pool(2) as pool:
            print(pool.map(work, [1]))


        def later():
            pass
        """,
        "MP008",
        'Wrap in `if __name__ == "__main__":`',
    )
    assert 'if __name__ == "__main__":\n    with multiprocessing.Pool(2) as pool:\n' in new
    assert new.endswith("\n\n\ndef later():\n    pass\n")
    ws.run_under_spawn(new)


def test_guard_not_offered_when_later_code_needs_the_statement(ws: Workspace) -> None:
    source = textwrap.dedent("""\
        import multiprocessing


        def work(x):
            return x


        pool = multiprocessing.Pool()


        def later():
            pass


        results = pool.map(work, [1])
        """)
    assert titles(source, ws.finding(source, "MP008")) == ["Suppress MP008 with `# noqa`"]


# -- MP007: multiprocessing primitive → manager proxy -------------------------------------------
def test_lock_comes_from_a_manager(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing as mp


        def work(lock, x):
            with lock:
                return x


        def main():
            lock = mp.Lock()
            with mp.Pool(2) as pool:
                assert pool.starmap(work, [(lock, 1)]) == [1]


        if __name__ == "__main__":
            main()
        """,
        "MP007",
        "Create `lock` with `manager.Lock()` from a `Manager()`",
    )
    assert "    manager = mp.Manager()\n    lock = manager.Lock()\n" in new
    ws.run_under_spawn(new)


def test_lock_and_queue_of_a_context_fixed_one_after_the_other(ws: Workspace) -> None:
    """The second fix, computed on the first one's result, starts its own manager."""
    source = textwrap.dedent("""\
        import multiprocessing


        def work(lock, queue, x):
            with lock:
                queue.put(x)
            return x


        def main():
            ctx = multiprocessing.get_context("spawn")
            lock = ctx.Lock()
            queue = ctx.Queue()
            with ctx.Pool(2) as pool:
                assert pool.apply(work, (lock, queue, 1)) == 1
            assert queue.get(timeout=10) == 1


        if __name__ == "__main__":
            main()
        """)
    for _ in range(2):
        finding = next(f for f in ws.findings(source) if f.code == "MP007")
        [fix] = [f for f in fixes_for(source, finding) if f.preferred]
        source = apply_edits(source, fix.edits)
    assert "MP007" not in {f.code for f in ws.findings(source)}
    assert "manager = ctx.Manager()\n    lock = manager.Lock()" in source
    assert "manager_2 = ctx.Manager()\n    queue = manager_2.Queue()" in source
    ws.run_under_spawn(source)


def test_lock_under_the_guard_sent_through_a_comprehension(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing as mp


        def work(args):
            lock, n = args
            with lock:
                return n


        if __name__ == "__main__":
            lock = mp.Lock()
            with mp.Pool(2) as pool:
                assert pool.map(work, [(lock, n) for n in range(3)]) == [0, 1, 2]
        """,
        "MP007",
        "Create `lock` with `manager.Lock()` from a `Manager()`",
    )
    assert "    manager = mp.Manager()\n    lock = manager.Lock()\n" in new
    ws.run_under_spawn(new)


def test_manager_not_offered_for_value_or_a_reassigned_name(ws: Workspace) -> None:
    source = textwrap.dedent("""\
        import multiprocessing as mp


        def work(v):
            return v


        def main(flag):
            value = mp.Value("i", 0)
            lock = mp.Lock()
            if flag:
                lock = mp.RLock()
            with mp.Pool() as pool:
                pool.map(work, [value])
                pool.map(work, [lock])
        """)
    findings = ws.findings(source)
    assert [f.code for f in findings] == ["MP007", "MP007"]
    for finding in findings:
        assert titles(source, finding) == ["Suppress MP007 with `# noqa`"]


# -- MP006: attribute that never pickles → __getstate__/__setstate__ ----------------------------
def test_getstate_drops_and_rebuilds_the_connection(ws: Workspace) -> None:
    new = ws.fixed(
        """\
        import multiprocessing
        import sqlite3


        class Job:
            def __init__(self, path, size):
                self.path = path
                self.size = size
                self.conn = sqlite3.connect(path, timeout=size)

            def run(self):
                return self.conn.execute("select 1").fetchone()[0]


        def work(job):
            return job.run()


        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                assert pool.map(work, [Job(":memory:", 1)]) == [1]
        """,
        "MP006",
        "Add `__getstate__`/`__setstate__` to `Job` dropping `.conn`",
    )
    assert new == textwrap.dedent("""\
        import multiprocessing
        import sqlite3


        class Job:
            def __init__(self, path, size):
                self.path = path
                self.size = size
                self.conn = sqlite3.connect(path, timeout=size)

            def run(self):
                return self.conn.execute("select 1").fetchone()[0]

            def __getstate__(self):
                state = self.__dict__.copy()
                state.pop("conn", None)
                return state

            def __setstate__(self, state):
                self.__dict__.update(state)
                self.conn = sqlite3.connect(self.path, timeout=self.size)


        def work(job):
            return job.run()


        if __name__ == "__main__":
            with multiprocessing.Pool(2) as pool:
                assert pool.map(work, [Job(":memory:", 1)]) == [1]
        """)
    ws.run_under_spawn(new)


@pytest.mark.parametrize(
    "init",
    [
        "self.conn = sqlite3.connect(path)",  # `path` is not kept on the instance
        "name = path + '.db'\n        self.path = path\n        self.conn = sqlite3.connect(name)",
    ],
)
def test_getstate_not_offered_when_the_value_cannot_be_rebuilt(ws: Workspace, init: str) -> None:
    source = (
        "import multiprocessing\nimport sqlite3\n\n\nclass Job:\n"
        f"    def __init__(self, path):\n        {init}\n\n\n"
        "def main():\n    with multiprocessing.Pool() as pool:\n"
        "        pool.map(str, [Job(':memory:')])\n"
    )
    assert titles(source, ws.finding(source, "MP006")) == ["Suppress MP006 with `# noqa`"]
