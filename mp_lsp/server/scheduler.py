"""When to analyse which document, and which results reach the editor.

Everything here runs on the message loop; the engine runs on
:class:`~mp_lsp.server.worker.AnalysisWorker`'s thread, and its outcomes come back to the loop
before anything is published.

A result is published only if it is still current when it arrives: same document version, same
text, same settings generation, and no newer analysis of the document waiting. So a burst of
edits shows the diagnostics of its last version only, never a flash of older ones.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from lsprotocol import types
from pygls.capabilities import get_capability

from mp_lsp import __version__
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.scan import importer_pattern
from mp_lsp.server.configuration import Configuration
from mp_lsp.server.documents import Document
from mp_lsp.server.worker import AnalysisOutcome, AnalysisRequest, ProjectSpec

if TYPE_CHECKING:
    from mp_lsp.server.server import MpLanguageServer

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
#: Nor documents above this many lines: jedi parses the whole file before its first answer
#: (about 0.1 s per 1,000 lines, and 1.5 MB of memory), so a 50,000-line file would wait
#: seconds for its first diagnostics; this one is said to be too large instead, at once.
MAX_ANALYSED_LINES = 20_000
#: The lines a newly opened document is shown at, until a request says otherwise: its top.
DEFAULT_FOCUS = (1, 60)


class AnalysisScheduler:
    """Schedules analyses of the server's documents on its worker and publishes the results.

    It owns the analysis state (the settings in force and their generation, the published
    findings, the progress report) and reads the rest from ``ls``: its documents, its worker,
    the negotiated encoding; it publishes through pygls' public API.
    """

    def __init__(self, ls: MpLanguageServer) -> None:
        self._ls = ls
        self.configuration: Optional[Configuration] = None
        #: Bumped whenever the settings change; outcomes of an older generation are dropped.
        self.generation = 0
        self._findings: dict[str, tuple[int, tuple[Finding, ...]]] = {}
        #: Documents not analysed for their size (each is logged once, not on every edit).
        self._too_large: set[str] = set()
        self._progress_requested = False
        self._progress_token: Optional[str] = None
        #: The lines the editor last showed of each document (see :meth:`note_visible`).
        self._focus: dict[str, tuple[int, int]] = {}

    def configure(self, configuration: Configuration, root: Path) -> None:
        """Analyse with ``configuration`` from now on: everything again, if it changed."""
        if configuration == self.configuration:
            return
        self.configuration = configuration
        self.generation += 1
        self._ls.worker.configure(ProjectSpec(root, configuration.interpreter))
        self._ls.log(
            f"mp-lsp {__version__}: root {root}, interpreter {configuration.interpreter}, "
            f"settings {configuration.settings}"
        )
        for document in self._ls.documents:
            self.analyse(document)

    # -- what to analyse -----------------------------------------------------------------------
    def analyse(self, document: Document, delay: float = DEBOUNCE_SECONDS) -> None:
        """Schedule the analysis of ``document``'s current version (or clear it if skipped)."""
        configuration = self.configuration
        if configuration is None or document.path is None or not document.is_python:
            return
        relative = _relative(Path(document.path), configuration.root)
        if relative is not None and configuration.settings.is_excluded(relative):
            self.clear(document.uri)
            return
        if len(document.text) > MAX_ANALYSED_CHARS or (
            document.text.count("\n") > MAX_ANALYSED_LINES
        ):
            self._skip_too_large(document)
            return
        self._too_large.discard(document.uri)
        self._ls.worker.submit(
            AnalysisRequest(
                uri=document.uri,
                version=document.version,
                path=document.path,
                text=document.text,
                settings=configuration.settings,
                encoding=self._ls.encoding,
                generation=self.generation,
                focus=self._focus.get(document.uri, DEFAULT_FOCUS),
            ),
            delay,
        )
        self._begin_progress()

    def _skip_too_large(self, document: Document) -> None:
        self._ls.worker.cancel(document.uri)
        self.clear(document.uri)
        if document.uri not in self._too_large:
            self._too_large.add(document.uri)
            size = len(document.text)
            lines = document.text.count("\n") + 1
            self._ls.log(
                f"not analysing {document.path}: the file is too large ({size} characters, "
                f"{lines} lines; the limits are {MAX_ANALYSED_CHARS} characters and "
                f"{MAX_ANALYSED_LINES} lines)",
                types.MessageType.Info,
            )

    def note_visible(self, uri: str, first: int, last: int) -> None:
        """The editor shows lines ``first``..``last`` (1-based) of a document (a request's
        range says so): when it is opened again, its sinks there are published first."""
        self._focus[uri] = (first, last)

    def opened(self, document: Document) -> None:
        """A document was opened: its buffer now wins over the disk for the engine."""
        if document.path is not None:
            self._ls.worker.set_overlay(document.path, document.text)
        self.analyse(document)

    def changed(self, document: Document) -> None:
        """An open document's text changed: analyse it, then the documents importing it."""
        if document.path is not None:
            self._ls.worker.set_overlay(document.path, document.text)
        self.analyse(document)
        if document.path is not None:
            self.analyse_dependents(document.path, exclude=document.uri)

    def closed(self, document: Document) -> None:
        self._ls.worker.cancel(document.uri)
        self._too_large.discard(document.uri)
        self.clear(document.uri)
        if document.path is not None:
            # The disk is the truth again, for this file and for those importing it.
            self._ls.worker.set_overlay(document.path, None)
            self.analyse_dependents(document.path, exclude=document.uri)

    def file_changed(self, path: str) -> None:
        """A Python file changed outside the editor (or was saved, created, deleted)."""
        if self._ls.documents.by_path(path) is None:
            self._ls.worker.set_overlay(path, None)  # drops the engine's caches of the file
        self.analyse_dependents(path)

    def analyse_dependents(self, path: str, exclude: Optional[str] = None) -> None:
        """Re-analyse the open documents that import the module at ``path`` (bounded)."""
        imports = importer_pattern(path)
        if imports is None:
            return
        dependents = [
            document
            for document in self._ls.documents
            if document.uri != exclude and document.is_python and imports.search(document.text)
        ]
        for document in dependents[:MAX_DEPENDENTS]:
            self.analyse(document, DEPENDENT_DEBOUNCE_SECONDS)

    # -- what to publish -----------------------------------------------------------------------
    def on_outcome(self, outcome: AnalysisOutcome) -> None:
        """An analysis finished (call it on the loop): publish it if it is still current."""
        request = outcome.request
        document = self._ls.documents.get(request.uri)
        current = (
            document is not None
            and document.version == request.version
            and document.text is request.text
            and request.generation == self.generation
            and not self._ls.worker.is_pending(request.uri)
        )
        self._ls.trace(
            f"analysed {request.path} v{request.version} in {outcome.seconds:.3f}s "
            f"({outcome.computed} call(s) analysed, {outcome.reused} reused): "
            f"{len(outcome.findings)} finding(s){'' if current else ', stale (not published)'}",
            outcome.error,
        )
        if outcome.crashed:
            self._ls.log(
                f"analysis of {request.path} failed: {outcome.error}", types.MessageType.Error
            )
        elif outcome.error:
            self._ls.log(f"{request.path}: {outcome.error}", types.MessageType.Info)
        if outcome.partial:  # the sinks nearest the focus; the whole result follows
            if current and not outcome.crashed:
                self._publish(types.PublishDiagnosticsParams(
                    uri=request.uri, version=request.version, diagnostics=list(outcome.diagnostics)
                ))
            return
        if current and not outcome.crashed:
            self._findings[request.uri] = (request.version, outcome.findings)
            self._publish(
                types.PublishDiagnosticsParams(
                    uri=request.uri, version=request.version, diagnostics=list(outcome.diagnostics)
                )
            )
        if not self._ls.worker.busy:
            self._end_progress()

    def clear(self, uri: str) -> None:
        """Remove a document's diagnostics from the editor."""
        self._findings.pop(uri, None)
        self._publish(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _publish(self, params: types.PublishDiagnosticsParams) -> None:
        """Send a document's diagnostics; a notebook's go to its cells
        (:mod:`mp_lsp.server.notebooks`)."""
        if self._ls.notebooks.owns(params.uri):
            self._ls.notebooks.publish(params)
        else:
            self._ls.text_document_publish_diagnostics(params)

    def findings(self, uri: str) -> tuple[Finding, ...]:
        """The findings published for the document's current version (for hovers and fixes).

        Empty while the current version is still being analysed, so a feature never offers a
        fix computed for a text the user has since changed.
        """
        document = self._ls.documents.get(uri)
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
        if not get_capability(self._ls.client_capabilities, "window.work_done_progress", False):
            return
        token = f"mp-lsp-analysis-{uuid.uuid4().hex}"

        def created(_: object) -> None:
            if self._ls.worker.busy:
                self._progress_token = token
                self._ls.work_done_progress.begin(
                    token,
                    types.WorkDoneProgressBegin(title="mp-lsp", message="analysing open files"),
                )

        self._ls.work_done_progress.create(token, callback=created)

    def _end_progress(self) -> None:
        if self._progress_token is not None:
            self._ls.work_done_progress.end(
                self._progress_token, types.WorkDoneProgressEnd(message="done")
            )
            self._progress_token = None


def _relative(path: Path, root: Path) -> Optional[Path]:
    try:
        return path.relative_to(root)
    except ValueError:
        return None
