"""Text synchronisation: the editor's buffers, kept in step edit by edit.

Every malformed notification (a change to a document never opened, a version that goes
backwards, a position past the end) is logged and handled as well as it can be: a text
notification has no answer, so an exception here would only lose the document silently.
"""

from __future__ import annotations

from lsprotocol import types

from mp_lsp.server.documents import Document
from mp_lsp.server.server import MpLanguageServer


def register(server: MpLanguageServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MpLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.scheduler.opened(ls.documents.open(params.text_document))

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MpLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is None:
            ls.log_warning(f"ignoring a change to {params.text_document.uri}, which is not open")
            return
        _apply_changes(ls, document, params)
        ls.scheduler.changed(document)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: MpLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        document = ls.documents.get(params.text_document.uri)
        if document is not None and document.path is not None:
            # The disk now matches the buffer: files importing it see the same either way,
            # but a pyproject.toml saved from the editor changes the settings.
            ls.file_changed_on_disk(document.path)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MpLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        document = ls.documents.close(params.text_document.uri)
        if document is None:
            ls.log_warning(f"ignoring the close of {params.text_document.uri}, which is not open")
            return
        ls.scheduler.closed(document)


def _apply_changes(
    ls: MpLanguageServer, document: Document, params: types.DidChangeTextDocumentParams
) -> None:
    """Apply the edits in order and take the new version, even one that goes backwards."""
    version = params.text_document.version
    if version <= document.version:
        ls.log_warning(
            f"{document.uri}: version {version} after version {document.version}; applying anyway"
        )
    for change in params.content_changes:
        document.apply(change, ls.encoding)
    document.version = version
