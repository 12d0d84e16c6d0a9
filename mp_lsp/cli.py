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
import os
import sys
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Optional

from mp_lsp import __version__
from mp_lsp.engine.findings import Finding, StartMethod
from mp_lsp.engine.text import decode_source
from mp_lsp.output import FORMATTERS, display_path, format_text, sort_findings
from mp_lsp.runtime import relax_garbage_collection
from mp_lsp.settings import Settings, find_pyproject, load_config, settings_from_mapping

if TYPE_CHECKING:
    from mp_lsp.engine.analyze import AnalysisResult, Project

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


def _crash_message(error: Exception) -> str:
    """Name the exception and where the engine raised it, so a bug report can point at a line."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" in {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"internal error{where}: {type(error).__name__}: {error} (please report this)"


class Checker:
    """Checks files against one engine ``Project``, which caches what jedi inferred."""

    def __init__(self, root: Path, settings: Settings) -> None:
        # Imported here, not at module level: the engine pulls in jedi, which `--help` and
        # `--version` do not need, and each worker process imports it once in its initializer.
        from mp_lsp.engine.analyze import Project, analyze_source

        relax_garbage_collection()
        self.settings = settings
        self.project: Project = Project(root)
        self._analyze = analyze_source

    def check(self, path: str) -> FileOutcome:
        """Read, decode and analyse one file, turning every failure into a message."""
        shown = display_path(path, Path.cwd())
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            return FileOutcome(
                path, errors=(f"mp-lsp: {shown}: cannot read: {error.strerror}",), analysed=False
            )
        try:
            source = decode_source(data)
        except (SyntaxError, LookupError, UnicodeDecodeError) as error:
            return FileOutcome(
                path, errors=(f"mp-lsp: {shown}: cannot decode: {error}",), analysed=False
            )
        try:
            result: AnalysisResult = self._analyze(self.project, path, source, self.settings)
        except Exception as error:
            message = f"mp-lsp: {shown}: {_crash_message(error)}"
            return FileOutcome(path, errors=(message,), analysed=False, crashed=True)
        if result.error is not None:
            return FileOutcome(
                path, result.findings, errors=(f"mp-lsp: {shown}: {result.error}",), analysed=False
            )
        return FileOutcome(path, result.findings)


#: The checker of a worker process, created once by :func:`_init_worker`.
_worker_checker: Optional[Checker] = None


def _init_worker(root: str, settings: Settings) -> None:
    """Give each worker process its own ``Project``, whose jedi caches then serve many files."""
    global _worker_checker
    _worker_checker = Checker(Path(root), settings)


def _check_in_worker(path: str) -> FileOutcome:
    assert _worker_checker is not None, "the pool initializer did not run"
    return _worker_checker.check(path)


def check_files(
    files: Sequence[str], root: Path, settings: Settings, jobs: int
) -> list[FileOutcome]:
    """Check ``files``, in worker processes when there is more than one file and job.

    Without a pool, an engine that cannot even start raises; in a pool that shows up as a failed
    worker for each file.
    """
    workers = min(jobs, len(files))
    if workers <= 1:
        checker = Checker(root, settings)
        return [checker.check(path) for path in files]
    outcomes: list[FileOutcome] = []
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(str(root), settings)
    ) as pool:
        # Biggest first, so that one large file does not start last and run alone at the end.
        by_size = sorted(files, key=_size, reverse=True)
        futures = {pool.submit(_check_in_worker, path): path for path in by_size}
        for future in as_completed(futures):
            path = futures[future]
            try:
                outcomes.append(future.result())
            except Exception as error:  # the worker died (or its initializer failed)
                message = (
                    f"mp-lsp: {display_path(path, Path.cwd())}: worker process failed: "
                    f"{type(error).__name__}: {error}"
                )
                outcomes.append(FileOutcome(path, errors=(message,), analysed=False, crashed=True))
    return outcomes


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _relative_to(path: Path, base: Path) -> Optional[PurePath]:
    try:
        return path.relative_to(base)
    except ValueError:
        return None


def collect_files(
    targets: Sequence[Path], root: Path, settings: Settings
) -> tuple[list[str], list[str]]:
    """The ``.py`` files below ``targets`` (absolute, sorted, unique) and messages for bad targets.

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
            here = Path(directory)
            subdirectories[:] = sorted(
                name
                for name in subdirectories
                if not settings.excludes_entry(here.joinpath(name).relative_to(base))
            )
            for name in filenames:
                if name.endswith(".py") and not settings.excludes_entry(
                    here.joinpath(name).relative_to(base)
                ):
                    found[str(here / name)] = None
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
        settings, config_errors = load_config(config) if config else (Settings(), [])
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

    root = config.parent if config is not None else common
    files, target_errors = collect_files(targets, root, settings)
    for message in target_errors:
        print(message, file=sys.stderr)
    if not files:
        if target_errors:
            return EXIT_ERROR
        print("mp-lsp: warning: no Python files found", file=sys.stderr)
        return EXIT_OK

    try:
        outcomes = sorted(check_files(files, root, settings, args.jobs), key=lambda o: o.path)
    except Exception as error:
        print(f"mp-lsp: cannot start the engine: {_crash_message(error)}", file=sys.stderr)
        return EXIT_ERROR
    for outcome in outcomes:
        for message in outcome.errors:
            print(message, file=sys.stderr)
    findings = sort_findings(finding for outcome in outcomes for finding in outcome.findings)
    # Paths are shown relative to the working directory, as ruff does, so that terminals and CI
    # (which run at the repository root) resolve them; the project root only steers the engine.
    shown_from = Path.cwd()
    if args.output_format == "text":
        sys.stdout.write(format_text(findings, shown_from, summary=not args.quiet))
    else:
        sys.stdout.write(FORMATTERS[args.output_format](findings, shown_from))
    sys.stdout.flush()

    if any(outcome.crashed for outcome in outcomes) or target_errors:
        return EXIT_ERROR
    if not any(outcome.analysed for outcome in outcomes):
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_OK


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
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("mp-lsp: interrupted", file=sys.stderr)
        return 130
