"""The language server's state and the rules that connect editor events to analyses.

Handlers (:mod:`~mp_lsp.server.lifecycle`, :mod:`~mp_lsp.server.sync`,
:mod:`~mp_lsp.server.watching`, :mod:`~mp_lsp.server.debug`, :mod:`~mp_lsp.server.features`)
only translate LSP messages into calls of :class:`MpLanguageServer`. Everything here runs on the
message loop; the engine runs on :class:`~mp_lsp.server.worker.AnalysisWorker`'s thread, and
its outcomes come back to the loop before anything is published.

A result is published only if it is still current when it arrives: same document version, same
text, same settings generation, and no newer analysis of the document waiting. So a burst of
edits shows the diagnostics of its last version only, never a flash of older ones.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mp_lsp import __version__
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.scan import importer_pattern
from mp_lsp.server.configuration import Configuration, ConfigurationSources, section_of
from mp_lsp.server.documents import Document, DocumentStore
from mp_lsp.server.protocol import MpLspProtocol
from mp_lsp.server.transport import Connection, FrameReader, FrameWriter
from mp_lsp.server.watchdog import watch_processes
from mp_lsp.server.worker import AnalysisOutcome, AnalysisRequest, AnalysisWorker, ProjectSpec

logger = logging.getLogger(__name__)

#: Seconds between an edit and the analysis of the edited document: enough for the messages
#: of one burst (a paste, a multi-cursor edit) to arrive and be analysed once. Longer only
#: adds latency: re-analysis is incremental and a result for an older version is dropped.
DEBOUNCE_SECONDS = 0.01
#: Seconds before re-analysing documents that import a changed file: typing in one file must
#: not re-analyse the others on every keystroke.
DEPENDENT_DEBOUNCE_SECONDS = 0.5
#: At most this many other documents are re-analysed when one file changes.
MAX_DEPENDENTS = 32
#: Documents above this many characters are not analysed. ``ast.parse`` holds the GIL for the
#: whole parse (about 0.7 s per MB), which no worker thread can hide from the message loop; a
#: file this big is generated code in practice.
MAX_ANALYSED_CHARS = 2_000_000
#: Exit code when the client disappears without ``shutdown``/``exit``.
EXIT_CLIENT_GONE = 1


class MpLanguageServer(LanguageServer):
    """mp-lsp's language server: documents, settings and the analysis worker."""

    protocol: MpLspProtocol

    def __init__(self, client_pids: tuple[int, ...] = ()) -> None:
        super().__init__(
            name="mp-lsp",
            version=__version__,
            protocol_cls=MpLspProtocol,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        )
        self.documents = DocumentStore()
        self.worker = AnalysisWorker(
            deliver=lambda outcome: self.call_from_thread(self._on_outcome, outcome),
            notice=lambda message: self.call_from_thread(self.show_warning, message),
        )
        self.sources: Optional[ConfigurationSources] = None
        self.configuration: Optional[Configuration] = None
        self.root = Path(os.getcwd())
        #: Bumped whenever the settings change; outcomes of an older generation are dropped.
        self.generation = 0
        self._client_pids = list(client_pids)
        self._findings: dict[str, tuple[int, tuple[Finding, ...]]] = {}
        self._shown_messages: set[str] = set()
        #: Documents not analysed for their size (each is logged once, not on every edit).
        self._too_large: set[str] = set()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._exit_code: Optional[asyncio.Future[int]] = None
        self._progress_requested = False
        self._progress_token: Optional[str] = None
        self._watchdog: Optional[asyncio.Task[None]] = None

    # -- running -------------------------------------------------------------------------------
    def serve(self, connection: Connection) -> int:
        """Serve one client until ``exit``, the end of its stream, or its death; the exit code."""
        return asyncio.run(self._serve(connection))

    async def _serve(self, connection: Connection) -> int:
        self._loop = asyncio.get_running_loop()
        self._exit_code = self._loop.create_future()
        self.protocol.set_writer(FrameWriter(connection, on_broken=self._on_broken_pipe))
        reader = FrameReader(connection.read, log=self._log_from_reader)
        threading.Thread(
            target=self._read_messages, args=(reader,), name="mp-lsp-reader", daemon=True
        ).start()
        self.worker.start()
        if self._client_pids:
            self.watch_client(self._client_pids)
        try:
            return await self._exit_code
        finally:
            self.worker.close()
            if self._watchdog is not None:
                self._watchdog.cancel()

    def _read_messages(self, reader: FrameReader) -> None:
        """The reader thread: blocks on the stream so the message loop never does."""
        while True:
            body = reader.next_body()
            if body is None:
                self.call_from_thread(self._on_end_of_stream)
                return
            if not self.call_from_thread(self.protocol.receive, body):
                return

    def call_from_thread(self, function: Callable[..., Any], *args: Any) -> bool:
        """Run ``function(*args)`` on the message loop (from any thread); false once the loop
        has closed, when the server is exiting anyway."""
        loop = self._loop
        if loop is None:
            return False
        try:
            loop.call_soon_threadsafe(function, *args)
        except RuntimeError:
            return False
        return True

    def stop(self, code: int) -> None:
        """End :meth:`serve` with exit code ``code`` (the first call wins)."""
        if self._exit_code is not None and not self._exit_code.done():
            self._exit_code.set_result(code)

    def _on_end_of_stream(self) -> None:
        logger.info("the client closed the connection")
        self.stop(0 if self.protocol._shutdown else EXIT_CLIENT_GONE)

    def _on_broken_pipe(self) -> None:
        self.call_from_thread(self.stop, EXIT_CLIENT_GONE)

    def watch_client(self, pids: list[int]) -> None:
        """Exit when one of ``pids`` (the editor) dies, even if it left the stream open."""
        self._client_pids = sorted(set(pids))
        if self._watchdog is not None:
            self._watchdog.cancel()
        self._watchdog = asyncio.ensure_future(
            watch_processes(self._client_pids, self._on_client_gone)
        )

    def _on_client_gone(self, pid: int) -> None:
        logger.warning("the client process %d is gone; exiting", pid)
        self.stop(EXIT_CLIENT_GONE)

    # -- messages to the user ------------------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        """A ``window/logMessage`` (the client's output panel), also written to stderr."""
        logger.log(logging.WARNING if kind <= types.MessageType.Warning else logging.INFO, message)
        if self.protocol.writer is not None:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def log_warning(self, message: str) -> None:
        self.log(message, types.MessageType.Warning)

    def _log_from_reader(self, message: str) -> None:
        self.call_from_thread(self.log_warning, message)

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
            self.watch_client([*self._client_pids, params.process_id])
        self.apply_configuration()

    def apply_configuration(self) -> None:
        """Merge the settings again; report wrong ones; re-analyse everything if they changed."""
        if self.sources is None:
            return
        configuration, messages = self.sources.resolve()
        for message in messages:
            self.show_warning(message)
        if configuration == self.configuration:
            return
        self.configuration = configuration
        self.generation += 1
        self.worker.configure(ProjectSpec(self.root, configuration.interpreter))
        self.log(
            f"mp-lsp {__version__}: root {self.root}, interpreter {configuration.interpreter}, "
            f"settings {configuration.settings}"
        )
        for document in self.documents:
            self.analyse(document)

    @property
    def encoding(self) -> str:
        """The negotiated position encoding (UTF-16 unless the client offered another)."""
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    # -- analysis ------------------------------------------------------------------------------
    def analyse(self, document: Document, delay: float = DEBOUNCE_SECONDS) -> None:
        """Schedule the analysis of ``document``'s current version (or clear it if skipped)."""
        configuration = self.configuration
        if configuration is None or document.path is None or not document.is_python:
            return
        relative = _relative(Path(document.path), configuration.root)
        if relative is not None and configuration.settings.is_excluded(relative):
            self.clear(document.uri)
            return
        if len(document.text) > MAX_ANALYSED_CHARS:
            self.worker.cancel(document.uri)
            self.clear(document.uri)
            if document.uri not in self._too_large:
                self._too_large.add(document.uri)
                self.log(
                    f"not analysing {document.path}: {len(document.text)} characters is above "
                    f"the limit of {MAX_ANALYSED_CHARS}",
                    types.MessageType.Info,
                )
            return
        self._too_large.discard(document.uri)
        self.worker.submit(
            AnalysisRequest(
                uri=document.uri,
                version=document.version,
                path=document.path,
                text=document.text,
                settings=configuration.settings,
                encoding=self.encoding,
                generation=self.generation,
            ),
            delay,
        )
        self._begin_progress()

    def document_opened(self, document: Document) -> None:
        """A document was opened: its buffer now wins over the disk for the engine."""
        if document.path is not None:
            self.worker.set_overlay(document.path, document.text)
        self.analyse(document)

    def document_changed(self, document: Document) -> None:
        """An open document's text changed: analyse it, then the documents importing it."""
        if document.path is not None:
            self.worker.set_overlay(document.path, document.text)
        self.analyse(document)
        if document.path is not None:
            self.analyse_dependents(document.path, exclude=document.uri)

    def document_closed(self, document: Document) -> None:
        self.worker.cancel(document.uri)
        self._too_large.discard(document.uri)
        self.clear(document.uri)
        if document.path is not None:
            # The disk is the truth again, for this file and for those importing it.
            self.worker.set_overlay(document.path, None)
            self.analyse_dependents(document.path, exclude=document.uri)

    def file_changed_on_disk(self, path: str) -> None:
        """A workspace file changed outside the editor (or was saved, created, deleted)."""
        if os.path.basename(path) == "pyproject.toml":
            if self.sources is not None:
                self.sources.reload_pyproject()
            self.apply_configuration()
            return
        if self.documents.by_path(path) is None:
            self.worker.set_overlay(path, None)  # drops the engine's caches of the file
        self.analyse_dependents(path)

    def analyse_dependents(self, path: str, exclude: Optional[str] = None) -> None:
        """Re-analyse the open documents that import the module at ``path`` (bounded)."""
        imports = importer_pattern(path)
        if imports is None:
            return
        dependents = [
            document
            for document in self.documents
            if document.uri != exclude and document.is_python and imports.search(document.text)
        ]
        for document in dependents[:MAX_DEPENDENTS]:
            self.analyse(document, DEPENDENT_DEBOUNCE_SECONDS)

    def _on_outcome(self, outcome: AnalysisOutcome) -> None:
        """An analysis finished (on the loop now): publish it if it is still current."""
        request = outcome.request
        document = self.documents.get(request.uri)
        current = (
            document is not None
            and document.version == request.version
            and document.text is request.text
            and request.generation == self.generation
            and not self.worker.is_pending(request.uri)
        )
        self.trace(
            f"analysed {request.path} v{request.version} in {outcome.seconds:.3f}s "
            f"({outcome.computed} call(s) analysed, {outcome.reused} reused): "
            f"{len(outcome.findings)} finding(s){'' if current else ', stale (not published)'}",
            outcome.error,
        )
        if outcome.crashed:
            self.log(f"analysis of {request.path} failed: {outcome.error}", types.MessageType.Error)
        elif outcome.error:
            self.log(f"{request.path}: {outcome.error}", types.MessageType.Info)
        if current and document is not None and not outcome.crashed:
            self._findings[request.uri] = (request.version, outcome.findings)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=request.uri, version=request.version, diagnostics=list(outcome.diagnostics)
                )
            )
        if not self.worker.busy:
            self._end_progress()

    def clear(self, uri: str) -> None:
        """Remove a document's diagnostics from the editor."""
        self._findings.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def findings(self, uri: str) -> tuple[Finding, ...]:
        """The findings published for the document's current version (for hovers and fixes).

        Empty while the current version is still being analysed, so a feature never offers a
        fix computed for a text the user has since changed.
        """
        document = self.documents.get(uri)
        published = self._findings.get(uri)
        if document is None or published is None or published[0] != document.version:
            return ()
        return published[1]

    # -- progress ------------------------------------------------------------------------------
    def _begin_progress(self) -> None:
        """Show progress for the first analyses (cold jedi caches make them the slow ones)."""
        if self._progress_requested:
            return
        self._progress_requested = True
        if not get_capability(self.client_capabilities, "window.work_done_progress", False):
            return
        token = f"mp-lsp-analysis-{uuid.uuid4().hex}"

        def created(_: object) -> None:
            if self.worker.busy:
                self._progress_token = token
                self.work_done_progress.begin(
                    token,
                    types.WorkDoneProgressBegin(title="mp-lsp", message="analysing open files"),
                )

        self.work_done_progress.create(token, callback=created)

    def _end_progress(self) -> None:
        if self._progress_token is not None:
            self.work_done_progress.end(
                self._progress_token, types.WorkDoneProgressEnd(message="done")
            )
            self._progress_token = None


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


def _relative(path: Path, root: Path) -> Optional[Path]:
    try:
        return path.relative_to(root)
    except ValueError:
        return None
