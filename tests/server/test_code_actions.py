"""Quick fixes over a real stdio session: offered for the published diagnostics, with edits in
the negotiated position encoding that, once applied by the client, make the diagnostic go."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from lsprotocol import types

from mp_lsp.server.positions import LineIndex
from tests.server.helpers import (
    LAMBDA_PROGRAM,
    RecordingClient,
    diagnostics_for,
    initialize,
    open_document,
    replace_all,
    vscode_capabilities,
)

pytestmark = pytest.mark.asyncio

ENCODING = types.PositionEncodingKind.Utf16


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions, all against the original text) as a client
    does."""
    lines = LineIndex(text)

    def offset(position: types.Position) -> int:
        return lines.offset_of_units(position.line, position.character, ENCODING)

    ordered = sorted(
        enumerate(edits), key=lambda item: (offset(item[1].range.start), item[0]), reverse=True
    )
    for _, edit in ordered:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def code_actions(
    client: RecordingClient,
    uri: str,
    diagnostics: list[types.Diagnostic],
    only: Optional[list[str]] = None,
    range_: Optional[types.Range] = None,
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=range_ or diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics, only=only),
        )
    )
    assert all(isinstance(action, types.CodeAction) for action in result or [])
    return list(result or [])  # type: ignore[arg-type]


async def test_lambda_fix_applied_by_the_client_clears_the_diagnostic(
    client: RecordingClient, tmp_path: Path
) -> None:
    result = await initialize(client, tmp_path)
    provider = result.capabilities.code_action_provider
    assert isinstance(provider, types.CodeActionOptions)
    assert list(provider.code_action_kinds or []) == [types.CodeActionKind.QuickFix]
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    [diagnostic] = (await diagnostics_for(client, uri, version=1, predicate=bool)).diagnostics

    actions = await code_actions(client, uri, [diagnostic])

    assert [a.title for a in actions] == [
        "Move lambda to a module-level function `_lambda_6`",
        "Suppress MP001 with `# noqa`",
    ]
    move, noqa = actions
    assert all(a.kind == types.CodeActionKind.QuickFix for a in actions)
    assert all(list(a.diagnostics or []) == [diagnostic] for a in actions)
    assert move.is_preferred and not noqa.is_preferred
    # A client without documentChanges support gets plain `changes`.
    assert move.edit is not None and move.edit.changes is not None
    fixed = apply(LAMBDA_PROGRAM, list(move.edit.changes[uri]))
    assert "pool.map(_lambda_6, [1])" in fixed and "def _lambda_6(x):" in fixed

    replace_all(client, uri, 2, fixed)
    await diagnostics_for(client, uri, version=2, predicate=lambda d: not d)


async def test_edits_count_utf16_units_and_name_the_version(
    client: RecordingClient, tmp_path: Path
) -> None:
    """An emoji before the lambda is two UTF-16 units: the replaced range must say so."""
    await initialize(client, tmp_path, capabilities=vscode_capabilities())
    program = LAMBDA_PROGRAM.replace(
        "pool.map(lambda x: x, [1])", 'res = {"😀": pool.map(lambda x: "é😀", [1])}'
    )
    uri = open_document(client, tmp_path / "main.py", program, version=7)
    [diagnostic] = (await diagnostics_for(client, uri, version=7, predicate=bool)).diagnostics

    move, noqa = await code_actions(client, uri, [diagnostic])

    assert move.edit is not None and move.edit.document_changes is not None
    [change] = move.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    assert change.text_document.uri == uri and change.text_document.version == 7
    replaced = [e for e in change.edits if e.new_text == "_lambda_6"]
    assert [e.range for e in replaced] == [diagnostic.range]
    assert diagnostic.range.start.character == 30  # 29 code points + 1 for the emoji
    edits = [e for e in change.edits if isinstance(e, types.TextEdit)]
    fixed = apply(program, edits)
    assert 'res = {"😀": pool.map(_lambda_6, [1])}' in fixed
    assert 'def _lambda_6(x):\n    return "é😀"\n' in fixed

    assert noqa.edit is not None and noqa.edit.document_changes is not None
    [noqa_change] = noqa.edit.document_changes
    assert isinstance(noqa_change, types.TextDocumentEdit)
    noqa_edits = [e for e in noqa_change.edits if isinstance(e, types.TextEdit)]
    assert '[1])}  # noqa: MP001\n' in apply(program, noqa_edits)


async def test_only_other_kinds_gets_no_quick_fix(
    client: RecordingClient, tmp_path: Path
) -> None:
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    [diagnostic] = (await diagnostics_for(client, uri, version=1, predicate=bool)).diagnostics

    assert await code_actions(client, uri, [diagnostic], only=["source.organizeImports"]) == []
    assert len(await code_actions(client, uri, [diagnostic], only=["quickfix"])) == 2
    # A request for a range, without the client's diagnostics, still finds the finding there.
    [move, _] = await code_actions(client, uri, [], range_=diagnostic.range)
    assert move.diagnostics is not None and move.diagnostics[0].code == "MP001"
    assert move.diagnostics[0].range == diagnostic.range


async def test_no_fix_for_a_version_not_yet_analysed(
    client: RecordingClient, tmp_path: Path
) -> None:
    """Fixes are computed for the published findings of the current text, never older ones."""
    await initialize(client, tmp_path)
    uri = open_document(client, tmp_path / "main.py", LAMBDA_PROGRAM)
    [diagnostic] = (await diagnostics_for(client, uri, version=1, predicate=bool)).diagnostics
    replace_all(client, uri, 2, "\n\n" + LAMBDA_PROGRAM)

    # Either version 2 is not analysed yet (no findings, nothing offered) or it is, and its
    # finding is two lines down, outside the range asked about.
    assert await code_actions(client, uri, [diagnostic]) == []
    await diagnostics_for(client, uri, version=2, predicate=bool)
    moved = types.Range(
        start=types.Position(line=7, character=0), end=types.Position(line=8, character=0)
    )
    assert len(await code_actions(client, uri, [], range_=moved)) == 2
