"""The engine thread: every call into the engine (and so into jedi) happens on it.

jedi is not thread-safe and an analysis can take seconds, so the message loop never calls the
engine: it hands snapshots of documents (text and version) to this worker and keeps answering
the editor. The worker runs one job at a time: requests that need the engine (hovers) first,
then analyses, the newest request per document, after a short debounce. It hands each
analysis outcome back through ``deliver``; the scheduler (:mod:`mp_lsp.server.scheduler`)
decides there whether the outcome is still current (the document may have changed meanwhile),
because only the message loop knows the current version.

Open buffers reach the engine as overlays (:meth:`Project.set_overlay`); they are applied on
this thread just before each job, so the engine never sees a half-updated set.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import traceback
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar, Union

from lsprotocol import types

from mp_lsp.engine import jedi_hooks  # jedi, at start-up: the engine imports it when first used
from mp_lsp.engine.analyze import (
    DEFAULT_BUDGET_STEPS,
    AnalysisMemo,
    AnalysisResult,
    Project,
    analyze_nearest_first,
    analyze_source,
)
from mp_lsp.engine.findings import Finding
from mp_lsp.engine.text import decode_lenient
from mp_lsp.server.diagnostics import bound_diagnostic, to_diagnostic
from mp_lsp.server.positions import Encoding, LineIndex
from mp_lsp.server.results import EditorResults
from mp_lsp.settings import Settings

T = TypeVar("T")

#: Files above this size are not read to convert the columns of a culprit in them.
_MAX_CULPRIT_FILE_BYTES = 4_000_000
#: How many other files' line indexes are kept for culprit locations.
_CULPRIT_CACHE_SIZE = 16
#: Documents from this size on publish the sinks nearest the focus first when opened (a
#: smaller one is analysed whole sooner than two publishes would reach the editor).
PROGRESSIVE_CHARS = 100_000


@dataclass(frozen=True)
class ProjectSpec:
    """What the engine ``Project`` is built from; a change rebuilds it (and its jedi caches)."""

    root: Path
    python: Optional[str]


@dataclass(frozen=True)
class AnalysisRequest:
    """A snapshot of one document version and the settings to analyse it with."""

    uri: str
    version: int
    path: str
    text: str
    settings: Settings
    encoding: Encoding
    #: The server's settings generation; an outcome of an older one is not published.
    generation: int
    #: The lines the editor shows (first, last; 1-based), whose sinks a first analysis of the
    #: document publishes first.
    focus: tuple[int, int] = (1, 60)


@dataclass(frozen=True)
class _Call:
    """A function to run with the engine's project, and where its result goes."""

    function: Callable[[Project], Any]
    future: Future[Any]


@dataclass(frozen=True)
class AnalysisOutcome:
    request: AnalysisRequest
    findings: tuple[Finding, ...]
    diagnostics: tuple[types.Diagnostic, ...]
    #: Why the analysis is partial or failed (the engine's note, or an internal error).
    error: Optional[str]
    #: Whether the engine raised: a bug in mp-lsp, not in the user's code.
    crashed: bool
    seconds: float
    #: Sink calls whose earlier result was reused, and calls analysed anew.
    reused: int = 0
    computed: int = 0
    #: An early result: complete for the sinks nearest the focus, the final one follows.
    partial: bool = False


class AnalysisWorker:
    """A dedicated thread that owns the engine ``Project``.

    ``deliver`` receives every outcome and ``notice`` every message meant for the user (an
    interpreter that cannot be used); both are called on the worker thread, so the server
    passes functions that hop over to its message loop.
    """

    def __init__(
        self,
        deliver: Callable[[AnalysisOutcome], object],
        notice: Callable[[str], object],
        budget_steps: int = DEFAULT_BUDGET_STEPS,
    ) -> None:
        self._deliver = deliver
        self._notice = notice
        self._budget = budget_steps
        self._condition = threading.Condition()
        # Shared with the message loop, guarded by the condition's lock.
        self._pending: dict[str, tuple[float, AnalysisRequest]] = {}
        self._overlay_changes: dict[str, Optional[str]] = {}
        self._calls: deque[_Call] = deque()
        self._spec: Optional[ProjectSpec] = None
        self._spec_changed = False
        self._running: Optional[str] = None
        self._closed = False
        # Owned by the worker thread.
        self._project: Optional[Project] = None
        self._overlays: dict[str, str] = {}
        #: Per open document, the results of its earlier versions (incremental re-analysis).
        self._memos: dict[str, AnalysisMemo] = {}
        self._culprit_lines: dict[str, tuple[object, LineIndex]] = {}
        self._results = EditorResults()
        self._thread = threading.Thread(target=self._run, name="mp-lsp-engine", daemon=True)

    # -- called from the message loop ------------------------------------------------------
    def start(self) -> None:
        self._thread.start()

    def configure(self, spec: ProjectSpec) -> None:
        """Use a project with this root and interpreter from the next analysis on."""
        with self._condition:
            if spec != self._spec:
                self._spec = spec
                self._spec_changed = True

    def set_overlay(self, path: str, text: Optional[str]) -> None:
        """Make the engine read ``text`` for ``path`` (``None``: read the disk again)."""
        with self._condition:
            self._overlay_changes[path] = text

    def submit(self, request: AnalysisRequest, delay: float) -> None:
        """Analyse ``request`` after ``delay`` seconds, replacing any pending one of its URI.

        Replacing also restarts the delay, which is the debounce: a burst of edits is
        analysed once, at its last version.
        """
        with self._condition:
            self._pending[request.uri] = (time.monotonic() + delay, request)
            self._condition.notify()

    def cancel(self, uri: str) -> None:
        with self._condition:
            self._pending.pop(uri, None)

    def is_pending(self, uri: str) -> bool:
        """Whether a newer analysis of ``uri`` is waiting (which makes a current outcome moot)."""
        with self._condition:
            return uri in self._pending

    @property
    def busy(self) -> bool:
        with self._condition:
            return bool(self._pending) or self._running is not None

    def call(self, function: Callable[[Project], T]) -> Future[T]:
        """Run ``function(project)`` on the engine thread, before any waiting analysis.

        For requests that need the engine (a hover): they wait at most for the analysis that
        is running. Cancelling the future before it starts skips the call.
        """
        future: Future[T] = Future()
        with self._condition:
            if self._closed:
                future.cancel()
            else:
                self._calls.append(_Call(function, future))
                self._condition.notify()
        return future

    def close(self) -> None:
        """Stop after the current job; the thread is a daemon, so nobody waits for it."""
        with self._condition:
            self._closed = True
            self._pending.clear()
            for call in self._calls:
                call.future.cancel()
            self._calls.clear()
            self._condition.notify()

    # -- the worker thread -----------------------------------------------------------------
    def _next(self) -> Optional[tuple[Union[AnalysisRequest, _Call], dict[str, Optional[str]]]]:
        """Wait for the next call or due analysis (and take the overlay changes made so far);
        ``None`` once closed."""
        with self._condition:
            while True:
                if self._closed:
                    return None
                job: Union[AnalysisRequest, _Call, None] = None
                now = time.monotonic()
                due = min(self._pending.values(), key=lambda item: item[0], default=None)
                if self._calls:
                    job = self._calls.popleft()
                elif due is not None and due[0] <= now:
                    job = due[1]
                    del self._pending[job.uri]
                    self._running = job.uri
                if job is not None:
                    changes, self._overlay_changes = self._overlay_changes, {}
                    return job, changes
                self._condition.wait(None if due is None else due[0] - now)

    def _run(self) -> None:
        _start_environment()
        while True:
            item = self._next()
            if item is None:
                return
            job, changes = item
            if isinstance(job, _Call):
                self._call(job, changes)
                continue
            try:
                outcome = self._analyse(job, changes)
            finally:
                with self._condition:
                    self._running = None
            self._deliver(outcome)

    def _prepare(self, changes: dict[str, Optional[str]]) -> Project:
        """The project, rebuilt if its spec changed, with the buffers' latest texts."""
        with self._condition:
            spec, rebuild = self._spec, self._spec_changed
            self._spec_changed = False
        assert spec is not None, "configure() must be called before the first job"
        if self._project is None or rebuild:
            try:
                project = Project(spec.root, python=spec.python)
            except Exception as error:  # jedi cannot use that interpreter
                self._notice(
                    f"mp-lsp: cannot use the interpreter {spec.python!r} "
                    f"({type(error).__name__}: {error}); using the default one"
                )
                project = Project(spec.root)
            for path, buffer in self._overlays.items():
                project.set_overlay(path, buffer)
            self._project = project
            self._memos.clear()
        for path, text in changes.items():
            if text is None:
                self._overlays.pop(path, None)
                self._memos.pop(path, None)
            else:
                self._overlays[path] = text
            self._culprit_lines.pop(path, None)
            self._project.set_overlay(path, text)
        return self._project

    def memo(self, path: str) -> AnalysisMemo:
        """The memo of a document's earlier results. Only for functions run on the engine
        thread (:meth:`call`), which owns it."""
        assert threading.current_thread() is self._thread, "memos belong to the engine thread"
        return self._memos.setdefault(path, AnalysisMemo())

    def _call(self, call: _Call, changes: dict[str, Optional[str]]) -> None:
        if not call.future.set_running_or_notify_cancel():
            with self._condition:  # the changes still have to reach the project
                self._overlay_changes = {**changes, **self._overlay_changes}
            return
        try:
            call.future.set_result(call.function(self._prepare(changes)))
        except Exception as error:  # reported to whoever waits on the future
            call.future.set_exception(error)

    def _analyse(
        self, request: AnalysisRequest, changes: dict[str, Optional[str]]
    ) -> AnalysisOutcome:
        started = time.monotonic()
        try:
            project = self._prepare(changes)
            # Re-registering the document's own text drops the engine's cached jedi script of
            # it, which would otherwise keep what it inferred from other files before they
            # changed (a dependent is re-analysed with the very same text object).
            project.set_overlay(request.path, request.text)
            self._overlays[request.path] = request.text
            first = request.path not in self._memos
            memo = self.memo(request.path)
            if first:
                result = self._first_analysis(project, request, memo, started)
            else:
                result = analyze_source(
                    project, request.path, request.text, request.settings, self._budget,
                    memo=memo,
                )
            return self._outcome(request, result, started, memo.reused, memo.computed)
        except Exception as error:  # a bug in mp-lsp must cost one analysis, not the server
            frames = traceback.format_exception(type(error), error, error.__traceback__)
            message = f"internal error: {type(error).__name__}: {error}\n{''.join(frames)}"
            return AnalysisOutcome(request, (), (), message, True, time.monotonic() - started)

    def _outcome(
        self, request: AnalysisRequest, result: AnalysisResult, started: float,
        reused: int = 0, computed: int = 0, partial: bool = False,
    ) -> AnalysisOutcome:
        lines = LineIndex(request.text)
        diagnostics = tuple(
            to_diagnostic(finding, request.path, lines, self._lines_of, request.encoding)
            for finding in result.findings
        )
        if result.bounded:  # said where the user looks, never silently
            diagnostics += (bound_diagnostic(result.error or ""),)
        return AnalysisOutcome(
            request, result.findings, diagnostics, result.error, False,
            time.monotonic() - started, reused, computed, partial,
        )

    def _first_analysis(
        self, project: Project, request: AnalysisRequest, memo: AnalysisMemo, started: float
    ) -> AnalysisResult:
        """The first analysis of a document, which pays for all its sinks at once: the
        results cache's findings if they hold (published at once), else the sinks nearest
        the focus published first; a clean result of the disk's text is cached."""
        with self._condition:
            spec = self._spec
        assert spec is not None
        buffers = dict(self._overlays)
        cached = self._results.lookup(
            spec.root, spec.python, request.settings, request.path, request.text, buffers
        )
        if cached is not None:
            self._deliver(self._outcome(request, AnalysisResult(cached), started))

        def publish(early: AnalysisResult) -> None:
            if cached is None:
                self._deliver(self._outcome(request, early, started, partial=True))

        project.track_reads()
        if len(request.text) >= PROGRESSIVE_CHARS:
            result = analyze_nearest_first(
                project, request.path, request.text, request.settings, request.focus, publish,
                self._budget, memo,
            )
        else:
            result = analyze_source(
                project, request.path, request.text, request.settings, self._budget, memo=memo
            )
        if cached is None and result.error is None:
            self._results.store(
                spec.root, spec.python, request.settings, request.path, request.text,
                result.findings, project.jedi_reads(), buffers,
            )
        return result

    def _lines_of(self, path: str) -> Optional[LineIndex]:
        """The line index of another file: its open buffer if it has one, else the disk."""
        overlay = self._overlays.get(path)
        stamp: object
        if overlay is not None:
            stamp = id(overlay)
        else:
            try:
                stat = os.stat(path)
            except OSError:
                return None
            if stat.st_size > _MAX_CULPRIT_FILE_BYTES:
                return None
            stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._culprit_lines.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if overlay is None:
            try:
                with open(path, "rb") as handle:
                    overlay = decode_lenient(handle.read())
            except OSError:
                return None
        if len(self._culprit_lines) >= _CULPRIT_CACHE_SIZE:
            self._culprit_lines.clear()
        lines = LineIndex(overlay)
        self._culprit_lines[path] = (stamp, lines)
        return lines



def _start_environment() -> None:
    """Start jedi's environment (its subprocess) as the engine thread starts, while the client
    is still setting up: the thread only waits for the subprocess, which the first analysis
    would otherwise wait for."""
    with contextlib.suppress(Exception):  # if it fails, the first analysis says why
        jedi_hooks.shared_environment(None)
