"""The ``mp-lsp`` command: check files from a terminal, a pre-commit hook or CI.

The command line mirrors ruff (``mp-lsp check [PATH ...]``, ``--select``/``--ignore``,
``--output-format``, exit code 1 when something is found) so that it drops into the places ruff
already runs. Problems with single files (unreadable, undecodable, crashing the engine) are
reported on stderr and the remaining files are still checked: one odd file must not hide the
findings in all the others.

Exit codes: 0 nothing found, 1 findings, 2 a usage error, an internal error of the engine, or
nothing could be checked at all.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Optional, TextIO, Union

from mp_lsp import __version__, runtime
from mp_lsp.cache import ResultsCache
from mp_lsp.engine.findings import Finding, StartMethod
from mp_lsp.engine.knowledge.sinks import CANDIDATE_CONSTRUCTORS, CANDIDATE_METHODS
from mp_lsp.engine.notebook import (
    CellMap,
    NotebookFormatError,
    is_notebook_path,
    notebook_source,
    read_notebook,
)
from mp_lsp.engine.prefilter import Prefilter, WorkspaceFiles
from mp_lsp.engine.project import project_root
from mp_lsp.engine.text import decode_source
from mp_lsp.output import FORMATTERS, display_path, format_text, sort_findings
from mp_lsp.runtime import relax_garbage_collection
from mp_lsp.settings import (
    Settings,
    default_settings,
    find_pyproject,
    load_config,
    settings_from_mapping,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

    from mp_lsp.engine.analyze import AnalysisResult, Project, SinkPart

#: What jedi loaded for an analysis, and all its inference states held (``jedi_reads``).
JediReads = tuple[frozenset[str], frozenset[str]]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


@dataclass(frozen=True)
class FileOutcome:
    """What checking one file produced; crosses back from a worker process, so it is plain data."""

    path: str
    findings: tuple[Finding, ...] = ()
    #: Messages for stderr, already prefixed with ``mp-lsp: <path>:``.
    errors: tuple[str, ...] = ()
    #: Whether the engine analysed the whole file (false if unreadable, a syntax error, ...).
    analysed: bool = True
    #: Whether the engine raised: a bug in mp-lsp rather than in the checked file.
    crashed: bool = False
    #: A notebook's cells in the module the engine read (findings are shown by cell).
    cells: Optional[CellMap] = None


def _crash_message(error: Exception) -> str:
    """Name the exception and where the engine raised it, so a bug report can point at a line."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" in {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"internal error{where}: {type(error).__name__}: {error} (please report this)"


class Checker:
    """Checks files against one engine ``Project``, which caches what jedi inferred."""

    def __init__(self, root: Path, settings: Settings) -> None:
        relax_garbage_collection()
        self.settings = settings
        self._root = root
        self._project: Optional[Project] = None
        #: What jedi read for the last file checked (:meth:`Project.jedi_reads`).
        self.reads: JediReads = (frozenset(), frozenset())

    @property
    def project(self) -> Project:
        """The engine's project, made on the first file that reaches the engine. Imported
        here, not at module level: the engine is not needed by `--help`, by a re-run the
        cache answers, or by files that cannot be decoded (a worker process imports it
        once, for its first file)."""
        if self._project is None:
            from mp_lsp.engine.analyze import Project

            self._project = Project(self._root)
        return self._project

    def _track(self) -> None:
        track = getattr(self.project, "track_reads", None)  # a stand-in engine may lack it
        if track is not None:
            track()

    def _tracked(self) -> None:
        reads = getattr(self.project, "jedi_reads", None)
        self.reads = reads() if reads is not None else (frozenset(), frozenset())

    def check(self, path: str, data: Optional[bytes] = None) -> FileOutcome:
        """Read (unless ``data`` holds its bytes), decode and analyse one file, turning every
        failure into a message."""
        shown = display_path(path, Path.cwd())
        read = self._source(path, data)
        if isinstance(read, FileOutcome):
            return read
        source, cells = read
        from mp_lsp.engine.analyze import analyze_source

        self._track()
        try:
            result: AnalysisResult = analyze_source(self.project, path, source, self.settings)
        except Exception as error:
            message = f"mp-lsp: {shown}: {_crash_message(error)}"
            return FileOutcome(path, errors=(message,), analysed=False, crashed=True)
        self._tracked()
        return self._outcome(path, result, cells)

    def share(self, path: str, data: bytes, share: tuple[int, int]) -> ShareOutcome:
        """One share of a file's candidate calls (``analyze_share``): a part to conclude, or the
        file's outcome when it ends before any call is analysed (it cannot be read...)."""
        read = self._source(path, data)
        if isinstance(read, FileOutcome):
            return ShareOutcome(path, outcome=read)
        from mp_lsp.engine.analyze import analyze_share

        self._track()
        try:
            part = analyze_share(self.project, path, read[0], self.settings, share)
            self._tracked()
        except Exception as error:
            message = f"mp-lsp: {display_path(path, Path.cwd())}: {_crash_message(error)}"
            return ShareOutcome(
                path, outcome=FileOutcome(path, errors=(message,), analysed=False, crashed=True)
            )
        return ShareOutcome(path, part=part)

    def conclude(self, path: str, data: bytes, parts: Sequence[SinkPart]) -> FileOutcome:
        """The outcome of a file whose shares were analysed: ``conclude_shares``."""
        read = self._source(path, data)
        if isinstance(read, FileOutcome):
            return read
        from mp_lsp.engine.analyze import conclude_shares

        self._track()
        try:
            result = conclude_shares(self.project, path, read[0], self.settings, parts)
            self._tracked()
        except Exception as error:
            message = f"mp-lsp: {display_path(path, Path.cwd())}: {_crash_message(error)}"
            return FileOutcome(path, errors=(message,), analysed=False, crashed=True)
        return self._outcome(path, result, read[1])

    @staticmethod
    def _outcome(path: str, result: AnalysisResult, cells: Optional[CellMap]) -> FileOutcome:
        if result.error is not None:
            shown = display_path(path, Path.cwd())
            return FileOutcome(
                path, result.findings, errors=(f"mp-lsp: {shown}: {result.error}",),
                analysed=False, cells=cells,
            )
        return FileOutcome(path, result.findings, cells=cells)

    @staticmethod
    def _source(
        path: str, data: Optional[bytes]
    ) -> Union[tuple[str, Optional[CellMap]], FileOutcome]:
        """The module text of a file (and a notebook's cells), or why there is none."""
        shown = display_path(path, Path.cwd())
        if data is None:
            try:
                data = Path(path).read_bytes()
            except OSError as error:
                return FileOutcome(
                    path, errors=(f"mp-lsp: {shown}: cannot read: {error.strerror}",),
                    analysed=False,
                )
        cells: Optional[CellMap] = None
        try:
            if is_notebook_path(path):
                # A notebook: its code cells as one module (mp_lsp.engine.notebook).
                notebook = notebook_source(read_notebook(data.decode("utf-8-sig")))
                source, cells = notebook.text, notebook.cells
            else:
                source = decode_source(data)
        except NotebookFormatError as error:
            return FileOutcome(path, errors=(f"mp-lsp: {shown}: {error}",), analysed=False)
        except (SyntaxError, LookupError, UnicodeDecodeError) as error:
            return FileOutcome(
                path, errors=(f"mp-lsp: {shown}: cannot decode: {error}",), analysed=False
            )
        return source, cells


@dataclass(frozen=True)
class ShareOutcome:
    """What one share of a file produced in a worker: a part, or already the file's outcome."""

    path: str
    part: Optional[SinkPart] = None
    outcome: Optional[FileOutcome] = None


#: The checker of a worker process, created once by :func:`_init_worker`.
_worker_checker: Optional[Checker] = None


def _init_worker(
    root: str, settings: Settings, startup: Optional[tuple[str, ...]] = None
) -> None:
    """Give each worker process its own ``Project``, whose jedi caches then serve many files.

    ``startup``: the parent's start-up ``sys.path`` (:func:`mp_lsp.runtime.note_startup`), for
    a worker that did not inherit it (``spawn``). A worker ends with ``os._exit``
    (multiprocessing's way), which skips the finalizer that would stop jedi's subprocess: a
    multiprocessing finalizer does it instead.
    """
    global _worker_checker
    from multiprocessing import util

    if startup is not None:
        runtime.note_startup(startup)
    _worker_checker = Checker(Path(root), settings)
    util.Finalize(None, _close_jedi, exitpriority=10)


#: A worker's answer: what it made, and the files jedi read for it (for the results cache).
_Answer = tuple[Any, "JediReads"]


def _check_in_worker(path: str, data: Optional[bytes] = None) -> _Answer:
    assert _worker_checker is not None, "the pool initializer did not run"
    return _worker_checker.check(path, data), _worker_checker.reads


def _share_in_worker(path: str, data: bytes, share: tuple[int, int]) -> _Answer:
    assert _worker_checker is not None, "the pool initializer did not run"
    return _worker_checker.share(path, data, share), _worker_checker.reads


def _conclude_in_worker(path: str, data: bytes, parts: Sequence[SinkPart]) -> _Answer:
    assert _worker_checker is not None, "the pool initializer did not run"
    return _worker_checker.conclude(path, data, parts), _worker_checker.reads


def _close_jedi() -> None:
    """Stop jedi's subprocesses, if jedi was loaded at all (never imports it)."""
    hooks = sys.modules.get("mp_lsp.engine.jedi_hooks")
    if hooks is not None:
        hooks.close_environments()


#: Estimated seconds of analysis below which the files are checked in this process: a worker
#: costs its start, jedi's import and its own warm-up of jedi (~0.5 s each).
POOL_MIN_SECONDS = 2.0
#: A worker is started for each this many estimated seconds of analysis (up to ``--jobs``).
SECONDS_PER_WORKER = 1.0
#: A file estimated above this many seconds (and above a third of a worker's share of the run)
#: is split by its sinks into shares that workers analyse at once (``analyze_share``).
SHARE_MIN_SECONDS = 2.0
#: Shares per worker at most: each share parses the file again in its worker.
SHARES_PER_WORKER = 2
#: Calls the scan may take for a sink, found in a file's bytes: what its analysis costs.
_CANDIDATE_CALL = re.compile(
    rb"\.(?:" + "|".join(sorted(m for m in CANDIDATE_METHODS if m.isidentifier()
                                and not m.startswith("_"))).encode()
    + rb")\s*\("
)
_CONSTRUCTOR_CALL = re.compile(
    rb"(?:" + "|".join(sorted(CANDIDATE_CONSTRUCTORS)).encode() + rb")\s*\("
)


def _estimate(data: bytes) -> float:
    """Seconds the analysis of a file may take, from its bytes: jedi parses the whole file
    (~2 µs a byte) and infers each candidate call (~30 ms)."""
    calls = len(_CANDIDATE_CALL.findall(data)) + len(_CONSTRUCTOR_CALL.findall(data))
    return 0.02 + 2e-6 * len(data) + 0.03 * calls


#: A run shows its progress line once it has taken this long.
PROGRESS_DELAY_SECONDS = 1.0


class _Progress:
    """``checked 120/8138 files`` on one line of a terminal, redrawn at most ten times a
    second, shown only once a run has taken :data:`PROGRESS_DELAY_SECONDS`, and erased at the
    end."""

    def __init__(self, total: int, stream: Optional[TextIO]) -> None:
        self._total = total
        self._stream = stream
        self._start = time.monotonic()
        self._delay = PROGRESS_DELAY_SECONDS
        self._drawn = 0.0
        self._width = 0
        self.done = 0

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self._stream is None:
            return
        now = time.monotonic()
        if now - self._start < self._delay or now - self._drawn < 0.1:
            return
        self._drawn = now
        text = f"mp-lsp: checked {self.done}/{self._total} files"
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def close(self) -> None:
        if self._stream is not None and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()
            self._width = 0


#: Set (to anything) to give every file to the engine: what the prefilter's soundness is
#: checked against (the findings must be the same).
NO_PREFILTER_VARIABLE = "MP_LSP_NO_PREFILTER"


def _directory_names(workspace: WorkspaceFiles) -> Callable[[str], object]:
    """:func:`mp_lsp.cache.directory_names`, with inference's sibling bound read only when a
    directory is first listed (it imports the engine's inference module)."""
    names: list[Callable[[str], object]] = []

    def listed(directory: str) -> object:
        if not names:
            from mp_lsp.cache import directory_names
            from mp_lsp.engine.inference import MAX_SIBLINGS

            names.append(directory_names(workspace, MAX_SIBLINGS))
        return names[0](directory)

    return listed


def _make_prefilter(root: Path, files: WorkspaceFiles) -> Optional[Prefilter]:
    """The prefilter for ``root`` (a function, so that tests of the command line alone can
    run every file through their stand-in engine)."""
    if os.environ.get(NO_PREFILTER_VARIABLE):
        return None
    return Prefilter(str(root.resolve()), files)


def check_files(
    files: Sequence[str],
    root: Path,
    settings: Settings,
    jobs: int,
    *,
    cache: Optional[ResultsCache] = None,
    progress: Optional[TextIO] = None,
) -> list[FileOutcome]:
    """Check ``files``: from ``cache`` when it vouches for them, by the prefilter when they
    cannot have findings, else with the engine, in worker processes when there is work enough
    for them (a file with hundreds of sinks in several at once).

    Without a pool, an engine that cannot even start raises; in a pool that shows up as a failed
    worker for each file. ``progress``: the terminal stream for a progress line.
    """
    meter = _Progress(len(files), progress)
    workspace = WorkspaceFiles()
    prefilter = _make_prefilter(root, workspace)
    names = _directory_names(workspace)
    outcomes: list[FileOutcome] = []
    todo: list[tuple[str, bytes]] = []
    for path in files:
        if cache is not None and path.endswith(".py"):
            found = cache.lookup(path, names)
            if found is not None:
                outcomes.append(FileOutcome(path, found))
                meter.advance()
                continue
        try:
            data = Path(path).read_bytes()
        except OSError:
            todo.append((path, b""))  # the checker says it cannot be read
            continue
        if prefilter is not None:
            verdict = prefilter.verdict(path, data)
            if not verdict.keep:
                if cache is not None:
                    cache.store(path, data, (), verdict.files, verdict.directories, names)
                outcomes.append(FileOutcome(path))
                meter.advance()
                continue
        todo.append((path, data))
    try:
        for outcome, data, reads in _analyse(todo, root, settings, jobs, meter):
            outcomes.append(outcome)
            if cache is not None:
                _store(cache, workspace, root, outcome, data, reads, names)
    finally:
        meter.close()
    return outcomes


def _store(
    cache: ResultsCache, workspace: WorkspaceFiles, root: Path, outcome: FileOutcome,
    data: bytes, jedi_reads: JediReads, names: Callable[[str], object],
) -> None:
    """Cache a whole, clean analysis with what it may have read (never a partial one)."""
    if (outcome.errors or outcome.crashed or not outcome.analysed or outcome.cells is not None
            or not outcome.path.endswith(".py")):
        cache.forget(outcome.path)
        return
    from mp_lsp.cache import read_set
    from mp_lsp.engine.inference import MAX_SIBLINGS

    workspace.remember(outcome.path, data)
    read = read_set(workspace, str(root.resolve()), outcome.path, jedi_reads, MAX_SIBLINGS)
    cache.store(
        outcome.path, data, outcome.findings, read.files, read.directories, names, read.calls
    )


def _analyse(
    todo: Sequence[tuple[str, bytes]], root: Path, settings: Settings, jobs: int,
    meter: _Progress,
) -> Iterator[tuple[FileOutcome, bytes, JediReads]]:
    """The engine's outcome for each file (with the bytes it read), in this process or in a
    pool of as many workers as the estimated work keeps busy."""
    if not todo:
        return
    estimates = {path: _estimate(data) for path, data in todo}
    total = sum(estimates.values())
    workers = min(jobs, max(1, math.ceil(total / SECONDS_PER_WORKER)))
    shares: dict[str, int] = {}
    if workers > 1:
        target = max(SHARE_MIN_SECONDS, total / (workers * 3))
        for path, _ in todo:
            if estimates[path] > target and path.endswith(".py"):
                count = min(workers * SHARES_PER_WORKER, math.ceil(estimates[path] / target))
                if count > 1:
                    shares[path] = count
    tasks = len(todo) - len(shares) + sum(shares.values())
    workers = min(workers, tasks)
    if workers <= 1 or total < POOL_MIN_SECONDS:
        checker = Checker(root, settings)
        for path, data in todo:
            yield checker.check(path, data or None), data, checker.reads
            meter.advance()
        return
    biggest_first = sorted(todo, key=lambda item: estimates[item[0]], reverse=True)
    yield from _pool(biggest_first, shares, root, settings, workers, meter)


def _pool(
    tasks: Sequence[tuple[str, bytes]], shares: dict[str, int], root: Path, settings: Settings,
    workers: int, meter: _Progress,
) -> Iterator[tuple[FileOutcome, bytes, JediReads]]:
    """Run the tasks in a pool, biggest first, a file's concluding step as soon as all its
    shares are back; at most a task more than there are workers waits in the pool's queue, so
    that what comes up later (a conclusion) runs next."""
    queue: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []
    for path, data in tasks:
        count = shares.get(path, 0)
        if count > 1:
            queue += [(_share_in_worker, (path, data, (index, count))) for index in range(count)]
        else:
            queue.append((_check_in_worker, (path, data or None)))
    datas = dict(tasks)
    #: The parts back so far of each file analysed in shares.
    pending: dict[str, list[Optional[SinkPart]]] = {
        path: [None] * shares[path] for path, _ in tasks if shares.get(path, 0) > 1
    }
    failed: set[str] = set()
    #: What jedi read for the shares of a file, until its conclusion is back.
    reads: dict[str, JediReads] = {}
    from concurrent.futures import FIRST_COMPLETED, wait

    pool_class = sys.modules[__name__].ProcessPoolExecutor  # a test may stand in for it
    with pool_class(
        max_workers=workers, initializer=_init_worker,
        initargs=(str(root), settings, runtime.startup_path()),
    ) as pool:
        running: dict[Future[Any], tuple[str, Optional[int]]] = {}

        def submit() -> None:
            while queue and len(running) <= workers:
                function, arguments = queue.pop(0)
                share = arguments[2][0] if function is _share_in_worker else None
                running[pool.submit(function, *arguments)] = (arguments[0], share)

        submit()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                path, share = running.pop(future)
                data = datas[path]
                try:
                    result = future.result()
                except Exception as error:  # the worker died (or its initializer failed)
                    if path in failed:
                        continue
                    failed.add(path)
                    message = (
                        f"mp-lsp: {display_path(path, Path.cwd())}: worker process failed: "
                        f"{type(error).__name__}: {error}"
                    )
                    meter.advance()
                    failure = FileOutcome(path, errors=(message,), analysed=False, crashed=True)
                    yield failure, data, _NO_READS
                    continue
                answer, read = result
                if share is None:
                    meter.advance()
                    yield answer, data, _joined(read, reads.pop(path, _NO_READS))
                    continue
                if path in failed:
                    continue
                if answer.outcome is not None:  # the file ended before its calls
                    failed.add(path)
                    meter.advance()
                    yield answer.outcome, data, read
                    continue
                reads[path] = _joined(reads.get(path, _NO_READS), read)
                parts = pending[path]
                parts[share] = answer.part
                if all(part is not None for part in parts):
                    queue.insert(0, (_conclude_in_worker, (path, data, tuple(parts))))
            submit()


_NO_READS: JediReads = (frozenset(), frozenset())


def _joined(one: JediReads, other: JediReads) -> JediReads:
    return one[0] | other[0], one[1] | other[1]


def __getattr__(name: str) -> Any:
    """``ProcessPoolExecutor``, imported when first used: multiprocessing and the
    ``concurrent.futures`` machinery are ~40 ms of a run that may never need a worker."""
    if name == "ProcessPoolExecutor":
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _relative_to(path: Path, base: Path) -> Optional[PurePath]:
    try:
        return path.relative_to(base)
    except ValueError:
        return None


def collect_files(
    targets: Sequence[Path], root: Path, settings: Settings
) -> tuple[list[str], list[str]]:
    """The files below ``targets`` that ``include`` names (``.py`` files and ``.ipynb``
    notebooks by default; absolute, sorted, unique) and messages for bad targets.

    Excludes are matched relative to ``root`` (or to the target for a target outside ``root``).
    As in ruff, a path named on the command line is checked even when it matches an exclude;
    only what is found by walking a directory is filtered.
    """
    found: dict[str, None] = {}
    errors: list[str] = []
    for target in targets:
        target = Path(os.path.abspath(target))
        if target.is_file():
            found[str(target)] = None
            continue
        if not target.is_dir():
            errors.append(f"mp-lsp: {target}: no such file or directory")
            continue
        base = root if _relative_to(target, root) is not None else target
        for directory, subdirectories, filenames in os.walk(target):
            # The walk's entries as strings (a path object for each of thousands of files
            # was most of a cached re-run): their path relative to ``base``, with ``/``.
            here = os.path.relpath(directory, base).replace(os.sep, "/")
            prefix = "" if here == "." else f"{here}/"
            subdirectories[:] = sorted(
                name for name in subdirectories
                if not settings.excludes_name(name, prefix + name)
            )
            for name in filenames:
                relative = prefix + name
                if settings.includes_name(name, relative) and not settings.excludes_name(
                    name, relative
                ):
                    found[os.path.join(directory, name)] = None
    return sorted(found), errors


def _comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value!r}")
    return number


def _common_directory(targets: Sequence[Path]) -> Path:
    common = Path(os.path.commonpath([os.path.abspath(target) for target in targets]))
    return common.parent if common.is_file() else common


def _run_check(args: argparse.Namespace) -> int:
    targets = [Path(path) for path in args.paths] or [Path(".")]
    common = _common_directory(targets)
    if args.config is not None:
        config: Optional[Path] = Path(os.path.abspath(args.config))
        if not config.is_file():
            print(f"mp-lsp: --config {args.config}: no such file", file=sys.stderr)
            return EXIT_ERROR
        settings, config_errors = load_config(config)
    else:
        config = find_pyproject(common)
        settings, config_errors = load_config(config) if config else (default_settings(common), [])
    # An invalid configuration falls back to defaults that report more, so checking goes on.
    for message in config_errors:
        print(message, file=sys.stderr)

    overrides: dict[str, object] = {
        key: value
        for key, value in (
            ("start-method", args.start_method),
            ("select", args.select),
            ("ignore", args.ignore),
            ("exclude", args.exclude),
        )
        if value is not None
    }
    settings, override_errors = settings_from_mapping(overrides, settings)
    if override_errors:
        for message in override_errors:
            print(message.replace("setting '", "option '--", 1), file=sys.stderr)
        return EXIT_ERROR

    root = config.parent if config is not None else project_root(common)
    files, target_errors = collect_files(targets, root, settings)
    for message in target_errors:
        print(message, file=sys.stderr)
    if not files:
        if target_errors:
            return EXIT_ERROR
        print("mp-lsp: warning: no Python files found", file=sys.stderr)
        return EXIT_OK

    cache = _open_cache(args, root, settings)
    progress = sys.stderr if not args.quiet and sys.stderr.isatty() else None
    try:
        checked = check_files(files, root, settings, args.jobs, cache=cache, progress=progress)
    except Exception as error:
        print(f"mp-lsp: cannot start the engine: {_crash_message(error)}", file=sys.stderr)
        return EXIT_ERROR
    if cache is not None:
        cache.save()
    outcomes = sorted(checked, key=lambda o: o.path)
    for outcome in outcomes:
        for message in outcome.errors:
            print(message, file=sys.stderr)
    findings = sort_findings(finding for outcome in outcomes for finding in outcome.findings)
    # Paths are shown relative to the working directory, as ruff does, so that terminals and CI
    # (which run at the repository root) resolve them; the project root only steers the engine.
    shown_from = Path.cwd()
    notebooks = {o.path: o.cells for o in outcomes if o.cells is not None}
    if args.output_format == "text":
        text = format_text(findings, shown_from, summary=not args.quiet, notebooks=notebooks)
        sys.stdout.write(text)
    else:
        sys.stdout.write(FORMATTERS[args.output_format](findings, shown_from, notebooks=notebooks))
    sys.stdout.flush()

    if any(outcome.crashed for outcome in outcomes) or target_errors:
        return EXIT_ERROR
    if not any(outcome.analysed for outcome in outcomes):
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_OK


def _open_cache(
    args: argparse.Namespace, root: Path, settings: Settings
) -> Optional[ResultsCache]:
    """The results cache of this project and these settings, unless ``--no-cache`` (or
    ``MP_LSP_NO_CACHE``) says not to use one."""
    from mp_lsp import cache

    if args.no_cache or cache.disabled_by_environment():
        return None
    directory = cache.cache_directory(root, args.cache_dir)
    return ResultsCache(directory, cache.salt(root.resolve(), settings))


def _add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="report values that multiprocessing cannot pickle",
        description="Check Python files for values that multiprocessing cannot send to another "
        "process. Options override the [tool.mp-lsp] table of pyproject.toml.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    check.add_argument(
        "--output-format", choices=list(FORMATTERS), default="text", help="default: text"
    )
    check.add_argument(
        "--start-method",
        choices=[method.value for method in StartMethod],
        help="report only what fails under this start method (default: any of them)",
    )
    check.add_argument(
        "--select", type=_comma_list, metavar="CODES", help="comma-separated rule codes or prefixes"
    )
    check.add_argument(
        "--ignore", type=_comma_list, metavar="CODES", help="comma-separated rule codes or prefixes"
    )
    check.add_argument(
        "--exclude",
        type=_comma_list,
        metavar="GLOBS",
        help="comma-separated glob patterns to skip (replaces the configured ones)",
    )
    check.add_argument(
        "--jobs",
        type=_positive_int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes (default: the number of CPUs)",
    )
    check.add_argument(
        "--config", metavar="PATH", help="the pyproject.toml to read (default: the nearest one)"
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only")
    check.add_argument(
        "--no-cache", action="store_true",
        help="neither read nor write the results cache (also: MP_LSP_NO_CACHE=1)",
    )
    check.add_argument(
        "--cache-dir", metavar="PATH",
        help="the results cache folder (default: .mp_lsp_cache at the project root, "
        "or MP_LSP_CACHE_DIR)",
    )
    check.set_defaults(handler=_run_check)


def _tcp_address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host.strip("[]"), int(port)


def _run_serve(args: argparse.Namespace) -> int:
    # Imported here for the same reason as the engine in `Checker`: pygls and jedi are not
    # needed by `check`.
    from mp_lsp.server import serve

    client_pids = (args.client_process_id,) if args.client_process_id else ()
    code = serve(tcp=args.tcp, client_pids=client_pids)
    # Tearing down jedi's parse caches at interpreter exit takes most of a second, and an
    # editor waiting for the server to exit may kill it first; nothing is left to clean up.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="run the language server (on stdio unless --tcp is given)",
        description="Run the mp-lsp language server for an editor. It talks LSP on stdin and "
        "stdout, and exits when its client goes away.",
    )
    # Editors' LSP clients append these flags; stdio is the default, so --stdio changes nothing.
    serve.add_argument("--stdio", action="store_true", help="talk on stdin/stdout (the default)")
    serve.add_argument(
        "--tcp",
        type=_tcp_address,
        metavar="HOST:PORT",
        help="listen on a TCP port and serve the first client that connects (for debugging)",
    )
    serve.add_argument(
        "--clientProcessId",
        dest="client_process_id",
        type=_positive_int,
        metavar="PID",
        help="exit when this process (the editor) exits",
    )
    serve.set_defaults(handler=_run_serve)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand sets ``handler``, the function that runs it."""
    parser = argparse.ArgumentParser(
        prog="mp-lsp",
        description="Find values that Python's multiprocessing cannot pickle.",
    )
    parser.add_argument("--version", action="version", version=f"mp-lsp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_check_command(commands)
    _add_serve_command(commands)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command line and return its exit code (the ``mp-lsp`` console script)."""
    if argv is None:  # the program itself, not a caller of this function (a test)
        runtime.note_startup()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        code = int(args.handler(args))
    except KeyboardInterrupt:
        print("mp-lsp: interrupted", file=sys.stderr)
        code = 130
    if argv is None:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """End the program without tearing down the heap: after a run that used jedi, freeing its
    caches object by object takes most of a second (longer than checking a small file). Only
    for the program itself (``argv is None``), never for a caller of :func:`main`, and not
    under a tracer or profiler, which write their results at exit."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: nothing more can be said
        pass
    _close_jedi()
    os._exit(code)
