"""Requests for looking inside the server: its copy of a document.

Incremental synchronisation fails silently: a server that applies one edit at a wrong offset
keeps running, with diagnostics on the wrong lines from then on. ``mp-lsp/documentText`` shows
the server's text (or a range of it, converted with the negotiated position encoding), so tests
and users can compare it with the editor's.
"""

from __future__ import annotations

from typing import Optional

from mp_lsp.server.messages import DOCUMENT_TEXT, DocumentTextParams, DocumentTextResult
from mp_lsp.server.server import MpLanguageServer


def register(server: MpLanguageServer) -> None:
    @server.feature(DOCUMENT_TEXT)
    def document_text(
        ls: MpLanguageServer, params: DocumentTextParams
    ) -> Optional[DocumentTextResult]:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            return None
        text = document.text
        if params.range is not None:
            start = document.offset(params.range.start, ls.encoding)
            end = max(start, document.offset(params.range.end, ls.encoding))
            text = text[start:end]
        return DocumentTextResult(uri=document.uri, version=document.version, text=text)
