"""The language server: one session's state, composed of the parts that do the work.

Handlers (:mod:`~mp_lsp.server.lifecycle`, :mod:`~mp_lsp.server.sync`,
:mod:`~mp_lsp.server.workspace`, :mod:`~mp_lsp.server.debug`, :mod:`~mp_lsp.server.features`)
only translate LSP messages into calls of :class:`MpLanguageServer` and its parts:

- :attr:`~MpLanguageServer.connection` (:mod:`~mp_lsp.server.connection`): the message loop,
  the reader thread and the exit code;
- :attr:`~MpLanguageServer.scheduler` (:mod:`~mp_lsp.server.scheduler`): which document is
  analysed when, and which results are published;
- :attr:`~MpLanguageServer.worker` (:mod:`~mp_lsp.server.worker`): the engine's thread;
- :attr:`~MpLanguageServer.documents` (:mod:`~mp_lsp.server.documents`): the editor's texts.

The server itself keeps the settings' sources and the messages meant for the user.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any, Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mp_lsp import __version__
from mp_lsp.server.configuration import ConfigurationSources, section_of
from mp_lsp.server.connection import ClientConnection
from mp_lsp.server.documents import DocumentStore
from mp_lsp.server.notebooks import SYNC_OPTIONS, NotebookStore
from mp_lsp.server.protocol import MpLspProtocol
from mp_lsp.server.scheduler import AnalysisScheduler
from mp_lsp.server.transport import Connection
from mp_lsp.server.worker import AnalysisWorker

logger = logging.getLogger(__name__)


class MpLanguageServer(LanguageServer):
    """mp-lsp's language server: documents, settings, the analysis worker and its scheduler."""

    protocol: MpLspProtocol

    def __init__(self, client_pids: tuple[int, ...] = ()) -> None:
        super().__init__(
            name="mp-lsp",
            version=__version__,
            protocol_cls=MpLspProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=SYNC_OPTIONS,
        )
        self.connection = ClientConnection(self.protocol, self.log_warning, client_pids)
        self.documents = DocumentStore()
        #: Open notebooks: their cells, and their modules among ``documents``.
        self.notebooks = NotebookStore(self)
        self.scheduler = AnalysisScheduler(self)
        self.worker = AnalysisWorker(
            deliver=lambda outcome: self.connection.call_from_thread(
                self.scheduler.on_outcome, outcome
            ),
            notice=lambda message: self.connection.call_from_thread(self.show_warning, message),
        )
        self.sources: Optional[ConfigurationSources] = None
        self.root = Path(os.getcwd())
        self._shown_messages: set[str] = set()

    def serve(self, stream: Connection) -> int:
        """Serve one client until ``exit``, the end of its stream, or its death; the exit code."""
        return asyncio.run(self._serve(stream))

    async def _serve(self, stream: Connection) -> int:
        self.worker.start()
        try:
            return await self.connection.run(stream)
        finally:
            self.worker.close()

    # -- messages to the user ------------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        """A ``window/logMessage`` (the client's output panel), also written to stderr."""
        logger.log(logging.WARNING if kind <= types.MessageType.Warning else logging.INFO, message)
        if self.protocol.writer is not None:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def log_warning(self, message: str) -> None:
        self.log(message, types.MessageType.Warning)

    def show_warning(self, message: str) -> None:
        """A ``window/showMessage`` the user sees, once per distinct message per session."""
        self.log_warning(message)
        if message not in self._shown_messages:
            self._shown_messages.add(message)
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=message)
            )

    def trace(self, message: str, verbose: Optional[str] = None) -> None:
        """A ``$/logTrace``, sent only when the client turned tracing on (``$/setTrace``)."""
        if self.protocol.trace == types.TraceValue.Off:
            return
        detail = verbose if self.protocol.trace == types.TraceValue.Verbose else None
        self.log_trace(types.LogTraceParams(message=message, verbose=detail))

    def report_server_error(self, error: Exception, source: Any) -> None:
        """Log a handler's crash instead of pygls' default pop-up for every notification."""
        self.log(f"internal error ({source.__name__}): {error}", types.MessageType.Error)

    # -- configuration -------------------------------------------------------------------------
    def initialize(self, params: types.InitializeParams) -> None:
        """Take the root, the initial settings and the client's process id from ``initialize``."""
        root = _root_of(params)
        if root is not None:
            self.root = root
        if params.trace is not None:
            self.protocol.trace = params.trace
        self.sources = ConfigurationSources(self.root)
        self.sources.initialization = section_of(params.initialization_options)
        if params.process_id is not None:
            self.connection.watch_client([params.process_id])
        self.apply_configuration()

    def apply_configuration(self) -> None:
        """Merge the settings again; report wrong ones; re-analyse everything if they changed."""
        if self.sources is None:
            return
        configuration, messages = self.sources.resolve()
        for message in messages:
            self.show_warning(message)
        self.scheduler.configure(configuration, self.root)

    def file_changed_on_disk(self, path: str) -> None:
        """A workspace file changed outside the editor (or was saved, created, deleted)."""
        if os.path.basename(path) != "pyproject.toml":
            self.scheduler.file_changed(path)
            return
        if self.sources is not None:
            self.sources.reload_pyproject()
        self.apply_configuration()

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (UTF-16 unless the client offered another)."""
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)


def _root_of(params: types.InitializeParams) -> Optional[Path]:
    """The workspace root: the first folder, else ``rootUri``, else ``rootPath``."""
    candidates = [folder.uri for folder in params.workspace_folders or []]
    if params.root_uri:
        candidates.append(params.root_uri)
    for uri in candidates:
        path = to_fs_path(uri)
        if path and os.path.isdir(path):
            return Path(path).resolve()
    if params.root_path and os.path.isdir(params.root_path):
        return Path(params.root_path).resolve()
    return None
