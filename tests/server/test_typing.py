"""Findings survive typing: a new function written one keystroke at a time, over the server.

Every prefix of the edit leaves the file as typing does, mostly not valid Python. After each
keystroke the findings of the sinks the edit does not touch must be published, where the edit
moved them, and the new function's own finding as soon as its call is complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from lsprotocol.types import DiagnosticSeverity

from tests.server.helpers import (
    RecordingClient,
    change_document,
    diagnostics_for,
    initialize,
    open_document,
)

pytestmark = pytest.mark.asyncio

PROGRAM = """\
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


def first(items):
    with mp.Pool() as pool:
        return pool.map(lambda v: v * 2, items)


class Job:
    def __init__(self):
        self.lock = mp.Lock()


def second(items):
    def local(v):
        return v + 1
    with ProcessPoolExecutor() as executor:
        return list(executor.map(local, items))


def third(items):
    with mp.Pool() as pool:
        return pool.map(square, [Job() for _ in items])


if __name__ == "__main__":
    print(first([1, 2]), second([3]), third([4]))
"""
#: The findings of PROGRAM: (code, 0-based line) of each sink's argument.
FINDINGS = {("MP001", 10), ("MP002", 22), ("MP007", 27)}

#: What is typed, and after which line of PROGRAM (0-based) it starts on a new line.
NEW_FUNCTION = (
    23,
    "\n\ndef added(items, factor=3):\n"
    "    total = sum(items)\n"
    "    with mp.Pool(processes=2) as pool:\n"
    '        results = pool.map(lambda x: x * factor, {"a": items}["a"])\n'
    '    print(f"{total=} {results!r}")\n'
    "    return results",
)
NEW_METHOD = (
    15,
    "\n    def run(self, items):\n"
    "        with mp.Pool() as pool:\n"
    "            return pool.map(lambda x: x + 1, items)",
)


@pytest.mark.parametrize("edit", [NEW_FUNCTION, NEW_METHOD], ids=["function", "method"])
async def test_findings_survive_every_keystroke(
    client: RecordingClient, tmp_path: Path, edit: tuple[int, str]
) -> None:
    after, typed = edit
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", PROGRAM)
    opened = await diagnostics_for(client, uri, version=1, predicate=bool)
    assert {(d.code, d.range.start.line) for d in opened.diagnostics} == FINDINGS

    lines = PROGRAM.splitlines()
    line, character = after, len(lines[after])
    call = typed.index(".map(")
    call_complete = _closing(typed, call + len(".map(")) + 1
    new_line = after + typed[:call].count("\n")
    failures = []
    for count, key in enumerate(typed, 1):
        version = count + 1
        change_document(client, uri, version, [((line, character, line, character), key)])
        if key == "\n":
            line, character = line + 1, 0
        else:
            character += 1
        published = await diagnostics_for(client, uri, version=version, timeout=10)
        found = {(d.code, d.range.start.line) for d in published.diagnostics}
        moved = typed[:count].count("\n")
        expected = {(code, at + moved if at > after else at) for code, at in FINDINGS}
        if count >= call_complete:
            expected.add(("MP001", new_line))
        if found != expected:
            failures.append(f"after {typed[:count]!r}: {sorted(found)} != {sorted(expected)}")
    assert not failures, "\n".join(failures[:10])


def _closing(text: str, start: int) -> int:
    """Where the bracket open before ``start`` closes."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise ValueError("unclosed")


GUARDED = """\
import multiprocessing as mp


if __name__ == "__main__":
    def guarded(x):
        return x
    with mp.Pool() as pool:
        pool.map(guarded, [1])
"""


@pytest.mark.parametrize(
    ("options", "severity", "note"),
    [
        (None, DiagnosticSeverity.Warning,
         "(fails on macOS and Windows, and on Linux from Python 3.14)"),
        ({"platforms": ["linux"]}, DiagnosticSeverity.Warning, "(fails on Linux from Python 3.14)"),
        ({"platforms": ["darwin"]}, DiagnosticSeverity.Error, "(fails on macOS)"),
        ({"targetVersion": "py314"}, DiagnosticSeverity.Error,
         "(fails on Linux, macOS and Windows)"),
    ],
)
async def test_the_target_settings_decide_severity_and_note(
    client: RecordingClient,
    tmp_path: Path,
    options: Optional[dict[str, object]],
    severity: DiagnosticSeverity,
    note: str,
) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.9"\n')
    await initialize(client, tmp_path, options=options)
    uri = open_document(client, tmp_path / "main.py", GUARDED)
    published = await diagnostics_for(client, uri, version=1, predicate=bool)
    [diagnostic] = published.diagnostics
    assert diagnostic.code == "MP004"
    assert diagnostic.severity == severity
    assert diagnostic.message.endswith(note), diagnostic.message
