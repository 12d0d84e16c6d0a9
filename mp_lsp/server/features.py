"""Editor features built on the engine's findings: hover and quick fixes (code actions).

A hover explains the sink call under the cursor (:func:`mp_lsp.engine.explain.explain_at`):
which values cross the process boundary and whether each can. It runs on the engine thread, as
every jedi call must, ahead of waiting analyses but after the one that is running; if that
takes longer than :data:`HOVER_WAIT_SECONDS`, the hover answers nothing rather than keep the
editor's tooltip waiting (and the queued call is skipped).

Code actions offer :mod:`mp_lsp.fixes` for the findings in the requested range. They are
computed on the message loop from the findings of the document's current version: fixes only
parse the text (no jedi), so they need not wait behind an analysis. What a feature needs from
the server:

- ``ls.scheduler.findings(uri)``: the findings of the document's *current* version (empty
  while it is being re-analysed, so no fix is offered for text that has changed since);
- ``ls.documents.get(uri)`` and ``document.offset(position, ls.encoding)``: client positions as
  indexes into the server's text, and ``document.lines.to_units(...)`` for the way back;
- :func:`mp_lsp.server.diagnostics.to_range`: a finding's span as an LSP range;
- ``ls.worker.call(function)``: run ``function(project)`` on the engine thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Optional

from lsprotocol import types
from pygls.capabilities import get_capability

from mp_lsp.engine.explain import explain_at
from mp_lsp.engine.findings import Finding
from mp_lsp.fixes import Fix, fixes_for
from mp_lsp.server import notebooks
from mp_lsp.server.configuration import Configuration
from mp_lsp.server.diagnostics import to_diagnostic, to_range
from mp_lsp.server.documents import Document
from mp_lsp.server.positions import units_to_column
from mp_lsp.server.server import MpLanguageServer

#: How long a hover waits for the engine thread (busy with an analysis) before giving up.
HOVER_WAIT_SECONDS = 3.0


def register(server: MpLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: MpLanguageServer, params: types.HoverParams) -> Optional[types.Hover]:
        uri, position = params.text_document.uri, params.position
        _note_focus(ls, uri, position.line, position.line)
        notebook = ls.notebooks.of_cell(uri)
        if notebook is not None:  # a cell: asked of its notebook's module, answered in the cell
            document: Optional[Document] = notebook.document
            position = notebooks.cell_to_module(notebook, uri, position)  # type: ignore[assignment]
        else:
            document = ls.documents.get(uri)
        configuration = ls.scheduler.configuration
        if document is None or not document.is_python or configuration is None or not position:
            return None
        found = await _hover(ls, document, configuration, position)
        if found is None or notebook is None or found.range is None:
            return found
        placed = notebook.to_cell(found.range)
        found.range = placed[1] if placed is not None and placed[0] == uri else None
        return found

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(
        ls: MpLanguageServer, params: types.CodeActionParams
    ) -> Optional[list[types.CodeAction]]:
        # Editors ask for the code actions at the cursor as it moves: where the user looks.
        _note_focus(ls, params.text_document.uri, params.range.start.line, params.range.end.line)
        if not _wants_quick_fixes(params.context.only):
            return None
        notebook = ls.notebooks.of_cell(params.text_document.uri)
        if notebook is not None:
            return notebooks.code_actions(ls, notebook, params.text_document.uri, params) or None
        document = ls.documents.get(params.text_document.uri)
        if document is None or document.path is None:
            return None
        return _quick_fixes(ls, document, params) or None


#: Lines either side of a position the editor asked about that count as shown: about half a
#: screen (:data:`~mp_lsp.server.scheduler.DEFAULT_FOCUS` is one).
FOCUS_MARGIN = 30


def _note_focus(ls: MpLanguageServer, uri: str, first: int, last: int) -> None:
    """A request about lines ``first``..``last`` (0-based) of a document says the editor shows
    them: LSP has no notification of the visible range, and the cursor (code actions follow
    it) or the mouse (hovers) is the nearest sign of it. A notebook's cells have their own
    order of publishing (all at once), so only text documents take it."""
    if ls.documents.get(uri) is not None:
        ls.scheduler.note_visible(
            uri, max(first + 1 - FOCUS_MARGIN, 1), last + 1 + FOCUS_MARGIN
        )


async def _hover(
    ls: MpLanguageServer,
    document: Document,
    configuration: Configuration,
    position: types.Position,
) -> Optional[types.Hover]:
    """The explanation of the sink call at ``position`` in the document's text as it is now,
    computed on the engine thread; ``None`` if there is none or the engine stays busy."""
    assert document.path is not None  # a Python document is a file
    path, text, lines, encoding = document.path, document.text, document.lines, ls.encoding
    line = position.line
    column = units_to_column(lines.line(line), position.character, encoding)
    settings = configuration.settings
    future = ls.worker.call(
        lambda project: explain_at(project, path, text, settings, line + 1, column,
                                   memo=ls.worker.memo(path))
    )
    try:
        explanation = await asyncio.wait_for(asyncio.wrap_future(future), HOVER_WAIT_SECONDS)
    except asyncio.TimeoutError:
        return None
    if explanation is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=explanation.markdown),
        range=to_range(explanation.span, lines, encoding),
    )


def _wants_quick_fixes(only: Optional[Sequence[str]]) -> bool:
    """Whether a client that asks ``only`` for some kinds of action accepts quick fixes."""
    return only is None or any(
        types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only
    )


def _quick_fixes(
    ls: MpLanguageServer, document: Document, params: types.CodeActionParams
) -> list[types.CodeAction]:
    """The fixes of the current findings whose ranges touch the requested range."""
    actions: list[types.CodeAction] = []
    for finding in ls.scheduler.findings(document.uri):
        diagnostic = _diagnostic_of(ls, document, finding, params)
        if diagnostic is not None:
            actions.extend(
                _action(ls, document, fix, diagnostic) for fix in fixes_for(document.text, finding)
            )
    return actions


def _diagnostic_of(
    ls: MpLanguageServer, document: Document, finding: Finding, params: types.CodeActionParams
) -> Optional[types.Diagnostic]:
    """The client's diagnostic for ``finding`` if it sent one, else the finding's own, when the
    finding's range touches the requested range; ``None`` otherwise."""
    assert document.path is not None
    found = to_range(finding.span, document.lines, ls.encoding)
    for diagnostic in params.context.diagnostics:
        if diagnostic.code == finding.code and diagnostic.range == found:
            return diagnostic
    wanted = params.range
    start, end = (found.start.line, found.start.character), (found.end.line, found.end.character)
    if end < (wanted.start.line, wanted.start.character) or start > (
        wanted.end.line, wanted.end.character
    ):
        return None
    return to_diagnostic(finding, document.path, document.lines, lambda _: None, ls.encoding)


def _action(
    ls: MpLanguageServer, document: Document, fix: Fix, diagnostic: types.Diagnostic
) -> types.CodeAction:
    """A fix as a quick fix. The edit names the document version when the client accepts that,
    so a client whose text has moved on refuses it instead of applying it in the wrong place."""
    edits = [
        types.TextEdit(range=to_range(edit.span, document.lines, ls.encoding),
                       new_text=edit.new_text)
        for edit in fix.edits
    ]
    if get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False):
        workspace_edit = types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=document.uri, version=document.version
                    ),
                    edits=list(edits),
                )
            ]
        )
    else:
        workspace_edit = types.WorkspaceEdit(changes={document.uri: list(edits)})
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=workspace_edit,
        is_preferred=fix.preferred or None,
    )
