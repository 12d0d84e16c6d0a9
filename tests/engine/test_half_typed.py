"""Half-typed code costs the findings of the statement being typed, and nothing else.

The engine side of ``tests/server/test_typing.py``: every prefix of an edit, analysed with the
document's memo as the server does, and the module rule (MP008) that reads the module's
structure, which a half-typed header changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mp_lsp.engine.analyze import AnalysisMemo, Project, analyze_source
from mp_lsp.settings import Settings
from tests.server.test_typing import FINDINGS, NEW_FUNCTION, NEW_METHOD, PROGRAM, _closing

GUARDED = """\
import multiprocessing as mp


def work(x):
    return x


if __name__ == "__main__":
    with mp.Pool() as pool:
        pool.map(work, [1])
"""
GUARD_LINE = 'if __name__ == "__main__":'


@pytest.mark.parametrize("edit", [NEW_FUNCTION, NEW_METHOD], ids=["function", "method"])
def test_every_prefix_keeps_the_other_findings(tmp_path: Path, edit: tuple[int, str]) -> None:
    after, typed = edit
    project, memo = Project(tmp_path), AnalysisMemo()
    path = str(tmp_path / "main.py")
    lines = PROGRAM.splitlines(keepends=True)
    # Typed at the end of line ``after``, as the server test types it.
    head = "".join(lines[:after]) + lines[after][:-1]
    tail = "\n" + "".join(lines[after + 1 :])
    call = typed.index(".map(")
    complete = _closing(typed, call + len(".map(")) + 1
    new_line = after + typed[:call].count("\n")
    for count in range(len(typed) + 1):
        text = head + typed[:count] + tail
        result = analyze_source(project, path, text, Settings(), memo=memo)
        assert result.error is None
        moved = typed[:count].count("\n")
        expected = {(code, at + moved if at > after else at) for code, at in FINDINGS}
        if count >= complete:
            expected.add(("MP001", new_line))
        found = {(f.code, f.span.line - 1) for f in result.findings}
        assert found == expected, typed[:count]


def test_a_main_guard_being_typed_is_no_reason_for_mp008(tmp_path: Path) -> None:
    project = Project(tmp_path)
    path = str(tmp_path / "main.py")
    assert analyze_source(project, path, GUARDED, Settings()).findings == ()
    for count in range(len(GUARD_LINE) + 1):
        text = GUARDED.replace(GUARD_LINE, GUARD_LINE[:count])
        result = analyze_source(project, path, text, Settings())
        assert [f.code for f in result.findings if f.code == "MP008"] == [], GUARD_LINE[:count]
    # Unindented, the block runs at import: once it parses, MP008 says so.
    unguarded = GUARDED.replace(GUARD_LINE + "\n", "").replace("\n    ", "\n")
    assert [f.code for f in analyze_source(project, path, unguarded, Settings()).findings] == [
        "MP008"
    ]
