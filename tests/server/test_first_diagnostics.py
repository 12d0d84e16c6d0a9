"""The first diagnostics of a large file (issue 13): the sinks nearest the visible lines are
published first, complete for those sinks, then all of them; a file the results cache knows
(``mp-lsp check`` analysed it as it is) is published whole at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types

from mp_lsp.cli import main
from mp_lsp.server.worker import PROGRESSIVE_CHARS
from tests.server.helpers import RecordingClient, diagnostics_for, initialize, open_document

pytestmark = pytest.mark.asyncio

SINK = """
def run_{i}(items):
    with mp.Pool() as pool:
        return pool.map(lambda x: x + {i}, items)
"""


def large_program() -> str:
    """Two sinks at the top, two at the bottom, helpers between: over the progressive size."""
    filler_count = PROGRESSIVE_CHARS // 40 + 1
    filler = "".join(f"\ndef helper_{n}(a, b):\n    return a * b + {n}\n"
                     for n in range(filler_count))
    top = SINK.format(i=0) + SINK.format(i=1)
    bottom = SINK.format(i=2) + SINK.format(i=3)
    return "import multiprocessing as mp\n" + top + filler + bottom


def lines_of(published: object) -> list[int]:
    return sorted(d.range.start.line for d in published.diagnostics)  # type: ignore[attr-defined]


async def test_the_sinks_near_the_top_are_published_first(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    text = large_program()
    assert len(text) >= PROGRESSIVE_CHARS
    uri = open_document(client, tmp_path / "main.py", text)
    complete = await diagnostics_for(client, uri, version=1, predicate=lambda d: len(d) == 4,
                                     timeout=60)
    first = next(p for p in client.published if p.uri == uri and p.version == 1)
    top = [line for line in lines_of(complete) if line < 20]
    assert len(top) == 2
    # The early publish holds the top sinks (all of their findings), not yet the bottom ones.
    assert lines_of(first) == top


async def test_a_file_the_cache_knows_is_published_whole_at_once(
    client: RecordingClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mp-lsp]\n")
    path = tmp_path / "main.py"
    text = large_program()
    path.write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MP_LSP_NO_CACHE", raising=False)
    assert main(["check", "--output-format", "json", "--jobs", "1", "."]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 4
    await initialize(client, tmp_path)
    uri = open_document(client, path, text)
    await diagnostics_for(client, uri, version=1, predicate=lambda d: len(d) == 4, timeout=60)
    first = next(p for p in client.published if p.uri == uri and p.version == 1)
    assert len(first.diagnostics) == 4


async def test_a_reopened_file_publishes_the_sinks_at_the_cursor_first(
    client: RecordingClient, tmp_path: Path
) -> None:
    """Code actions follow the editor's cursor: the lines they ask about are where the user
    looks, and the next first analysis of the document (reopened once its results are gone,
    or after a change of settings) starts there."""
    await initialize(client, tmp_path)
    text = large_program()
    uri = open_document(client, tmp_path / "main.py", text)
    complete = await diagnostics_for(client, uri, version=1, predicate=lambda d: len(d) == 4,
                                     timeout=60)
    bottom = [line for line in lines_of(complete) if line > 20]
    assert len(bottom) == 2
    cursor = types.Position(line=bottom[-1], character=0)
    await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=cursor, end=cursor),
        context=types.CodeActionContext(diagnostics=[]),
    ))
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    # Another document's analysis takes the close to the engine: main.py's results are gone.
    other = open_document(client, tmp_path / "other.py", SINK.format(i=9).replace("mp.", "x."))
    await diagnostics_for(client, other, version=1)
    client.published.clear()
    open_document(client, tmp_path / "main.py", text, version=2)
    await diagnostics_for(client, uri, version=2, predicate=lambda d: len(d) == 4, timeout=60)
    first = next(p for p in client.published if p.uri == uri and p.version == 2)
    assert lines_of(first) == bottom
