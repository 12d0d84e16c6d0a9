"""Diagnostics over a real stdio session: appear, update, disappear, and are never stale."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types

from mp_lsp.server.worker import PROGRESSIVE_CHARS
from tests.server.helpers import (
    FIXED_PROGRAM,
    LAMBDA_PROGRAM,
    RecordingClient,
    change_document,
    diagnostics_for,
    initialize,
    open_document,
    replace_all,
    vscode_capabilities,
    wait_until,
)

pytestmark = pytest.mark.asyncio


async def test_capabilities(client: RecordingClient, tmp_path: Path) -> None:
    result = await initialize(client, tmp_path)
    capabilities = result.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.open_close and sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.save is not None
    assert result.server_info is not None and result.server_info.name == "mp-lsp"


async def test_open_change_close(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)

    published = await diagnostics_for(client, uri, version=1, predicate=bool)
    [diagnostic] = published.diagnostics
    assert diagnostic.code == "MP001"
    assert diagnostic.source == "mp-lsp"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    # `lambda x: x` on line 6 (0-based 5), columns 17 to 28.
    assert diagnostic.range == types.Range(
        start=types.Position(line=5, character=17), end=types.Position(line=5, character=28)
    )
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href.endswith("MP001.md")
    data = diagnostic.data
    assert isinstance(data, dict)
    assert data["code"] == "MP001"
    assert set(data["start_methods"]) == {"spawn", "fork", "forkserver"}
    assert data["chain"]
    assert "lambda" in diagnostic.message

    # Replace `lambda x: x` by `abs`: the finding goes away.
    change_document(client, uri, 2, [((5, 17, 5, 28), "abs")])
    await diagnostics_for(client, uri, version=2, predicate=lambda d: not d)

    # And comes back when the lambda does.
    change_document(client, uri, 3, [((5, 17, 5, 20), "lambda x: x")])
    await diagnostics_for(client, uri, version=3, predicate=bool)

    count = len(client.published)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    cleared = await diagnostics_for(client, uri, since=count)
    assert list(cleared.diagnostics) == []


async def test_range_counts_utf16_units(client: RecordingClient, tmp_path: Path) -> None:
    """An emoji before the lambda on the same line shifts it by two UTF-16 units, not one."""
    await initialize(client, tmp_path)
    program = LAMBDA_PROGRAM.replace(
        "pool.map(lambda x: x, [1])", 'res = {"😀": pool.map(lambda x: "é😀", [1])}'
    )
    uri = open_document(client, tmp_path / "main.py", program)
    published = await diagnostics_for(client, uri, version=1, predicate=bool)
    [diagnostic] = published.diagnostics
    line = program.splitlines()[5]
    start, end = line.index("lambda"), line.index(", [1]")
    # One emoji before the lambda, and one inside it: each is two UTF-16 units.
    assert diagnostic.range.start == types.Position(line=5, character=start + 1)
    assert diagnostic.range.end == types.Position(line=5, character=end + 2)


async def test_utf32_when_the_client_offers_it(client: RecordingClient, tmp_path: Path) -> None:
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf32, types.PositionEncodingKind.Utf16]
        )
    )
    result = await initialize(client, tmp_path, capabilities=capabilities)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf32
    program = LAMBDA_PROGRAM.replace("pool.map(", 'res = {"😀": pool.map(', 1).replace(
        "[1])", "[1])}"
    )
    uri = open_document(client, tmp_path / "main.py", program)
    published = await diagnostics_for(client, uri, version=1, predicate=bool)
    start = program.splitlines()[5].index("lambda")
    assert published.diagnostics[0].range.start.character == start


async def test_a_burst_of_edits_publishes_only_its_last_version(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", FIXED_PROGRAM)
    # Twenty edits without waiting: version v has v - 1 lambdas.
    insertion = "pool.map(lambda y: y, [2])\n        "
    for version in range(2, 22):
        change_document(client, uri, version, [((5, 8, 5, 8), insertion)])
    last = await diagnostics_for(client, uri, version=21, predicate=bool)
    assert len(last.diagnostics) == 20
    await asyncio.sleep(0.3)
    # Normally only versions 1 and 21 are published; a slow client may split the burst, but
    # whatever is published must be the truth of the version it is labelled with.
    for published in client.published:
        assert published.version is not None
        assert len(published.diagnostics) == published.version - 1, published.version
    assert client.published[-1].version == 21


async def test_a_result_computed_for_an_old_version_is_dropped(
    client: RecordingClient, tmp_path: Path
) -> None:
    """An edit that arrives while version 1 is analysed makes that result stale. The edit
    is sent when version 1's first sinks (those nearest the top) are published, with the
    rest still to analyse: no clock decides what the server is doing then."""
    await initialize(client, tmp_path)
    client.set_trace(types.SetTraceParams(value=types.TraceValue.Messages))
    sinks = "".join(f"        pool.map(lambda x: x + {i}, [1])\n" for i in range(400))
    slow = LAMBDA_PROGRAM.replace("        pool.map(lambda x: x, [1])\n", sinks)
    slow += "# a large file: its first sinks are published first\n" * 2_000
    assert len(slow) >= PROGRESSIVE_CHARS
    uri = open_document(client, tmp_path / "main.py", slow)
    first = await diagnostics_for(client, uri, version=1)
    assert 0 < len(first.diagnostics) < 400  # a part: version 1 is still being analysed
    replace_all(client, uri, 2, FIXED_PROGRAM)
    await diagnostics_for(client, uri, version=2)
    assert [p.version for p in client.published if p.uri == uri] == [1, 2]
    # Version 1 was analysed to the end, and its result dropped.
    traces = [trace.message for trace in client.traces]
    assert any("v1" in message and "stale" in message for message in traces), traces


async def test_progress_for_the_first_analyses(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path, capabilities=vscode_capabilities())
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1, predicate=bool)

    def kinds() -> list[list[object]]:
        reports = client.progress_reports.values()
        return [[getattr(value, "kind", None) for value in values] for values in reports]

    assert await wait_until(lambda: ["begin", "end"] in kinds(), what="progress begin and end")


async def test_set_trace_sends_log_traces(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1)
    assert client.traces == []
    client.set_trace(types.SetTraceParams(value=types.TraceValue.Verbose))
    change_document(client, uri, 2, [((0, 0, 0, 0), "\n")])
    await diagnostics_for(client, uri, version=2)
    trace = await wait_until(lambda: client.traces, what="a $/logTrace")
    assert "main.py" in trace[0].message
    # A line inserted above moves every call without changing one: nothing is inferred again.
    assert "(0 call(s) analysed, " in trace[0].message, trace[0].message


async def test_a_syntax_error_is_not_a_crash(client: RecordingClient, tmp_path: Path) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    await diagnostics_for(client, uri, version=1, predicate=bool)
    change_document(client, uri, 2, [((5, 16, 5, 17), "")])  # `pool.map(`  loses its paren
    await diagnostics_for(client, uri, version=2)
    change_document(client, uri, 3, [((5, 16, 5, 16), "(")])
    await diagnostics_for(client, uri, version=3, predicate=bool)


async def test_hover_explains_the_call_under_the_cursor(
    client: RecordingClient, tmp_path: Path
) -> None:
    result = await initialize(client, tmp_path)
    assert result.capabilities.hover_provider
    program = LAMBDA_PROGRAM.replace("pool.map(", 'res = {"😀": pool.map(', 1).replace(
        "[1])", "[1])}"
    )
    uri = open_document(client, tmp_path / "main.py", program)
    line = program.splitlines()[5]
    character = line.index("lambda") + 1 + 3  # one emoji (two UTF-16 units) before it

    def hover_at(line: int, character: int) -> types.HoverParams:
        return types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )

    hover = await client.text_document_hover_async(hover_at(5, character))
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "MP001" in hover.contents.value and "Pool.map" in hover.contents.value
    assert hover.range is not None
    assert hover.range.start == types.Position(line=5, character=line.index("lambda") + 1)
    assert await client.text_document_hover_async(hover_at(0, 3)) is None
    assert await client.text_document_hover_async(hover_at(999, 3)) is None
