"""Editor features built on the engine's findings: hover (and, once it exists, code actions).

A hover explains the sink call under the cursor (:func:`mp_lsp.engine.explain.explain_at`):
which values cross the process boundary and whether each can. It runs on the engine thread, as
every jedi call must, ahead of waiting analyses but after the one that is running; if that
takes longer than :data:`HOVER_WAIT_SECONDS`, the hover answers nothing rather than keep the
editor's tooltip waiting (and the queued call is skipped).

Code actions belong here too, registered the same way, once their engine side
(``mp_lsp.fixes``) exists. What a feature needs from the server:

- ``ls.findings(uri)``: the findings of the document's *current* version (empty while it is
  being re-analysed, so no fix is offered for text that has changed since);
- ``ls.documents.get(uri)`` and ``document.offset(position, ls.encoding)``: client positions as
  indexes into the server's text, and ``document.lines.to_units(...)`` for the way back;
- :func:`mp_lsp.server.diagnostics.to_range`: a finding's span as an LSP range;
- ``ls.worker.call(function)``: run ``function(project)`` on the engine thread.
"""

from __future__ import annotations

import asyncio
from typing import Optional

from lsprotocol import types

from mp_lsp.engine.explain import explain_at
from mp_lsp.server.diagnostics import to_range
from mp_lsp.server.positions import units_to_column
from mp_lsp.server.server import MpLanguageServer

#: How long a hover waits for the engine thread (busy with an analysis) before giving up.
HOVER_WAIT_SECONDS = 3.0


def register(server: MpLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: MpLanguageServer, params: types.HoverParams) -> Optional[types.Hover]:
        document = ls.documents.get(params.text_document.uri)
        configuration = ls.configuration
        if document is None or document.path is None or configuration is None:
            return None
        if not document.is_python:
            return None
        path, text, lines, encoding = document.path, document.text, document.lines, ls.encoding
        line = params.position.line
        column = units_to_column(lines.line(line), params.position.character, encoding)
        settings = configuration.settings
        future = ls.worker.call(
            lambda project: explain_at(project, path, text, settings, line + 1, column)
        )
        try:
            explanation = await asyncio.wait_for(asyncio.wrap_future(future), HOVER_WAIT_SECONDS)
        except asyncio.TimeoutError:
            return None
        if explanation is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value=explanation.markdown
            ),
            range=to_range(explanation.span, lines, encoding),
        )
