"""The ``mp-lsp check`` command: file collection, configuration, failures per file, exit codes.

Most tests replace the engine with a small fake (installed as ``mp_lsp.engine.analyze``) so that
they test the command line alone; the last tests run the real engine end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Optional

import pytest

import mp_lsp.cli
from mp_lsp import __version__
from mp_lsp.cli import main
from mp_lsp.engine.findings import Finding, Severity, Span, StartMethod
from mp_lsp.settings import Settings

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class FakeResult:
    findings: tuple[Finding, ...]
    error: Optional[str] = None


class FakeProject:
    roots: ClassVar[list[Path]] = []

    def __init__(self, root: Path, python: Optional[str] = None) -> None:
        FakeProject.roots.append(Path(root))


def fake_analyze(project: FakeProject, path: str, source: str, settings: Settings) -> FakeResult:
    """Report MP001 at each ``lambda``; ``boom`` raises, ``broken`` is a file the engine rejects."""
    if "boom" in source:
        raise RuntimeError("engine exploded")
    findings = tuple(
        Finding(
            code="MP001",
            message="a lambda is sent to another process",
            path=path,
            span=Span(number, line.index("lambda"), number, line.index("lambda") + 6),
            severity=Severity.WARNING,
            start_methods=frozenset({StartMethod.SPAWN, StartMethod.FORKSERVER}),
        )
        for number, line in enumerate(source.splitlines(), start=1)
        if "lambda" in line
        and settings.is_enabled("MP001")
        and settings.start_method is not StartMethod.FORK
    )
    if "broken" in source:
        return FakeResult(findings, "SyntaxError: invalid syntax (line 1)")
    return FakeResult(findings)


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("mp_lsp.engine.analyze")
    module.Project = FakeProject  # type: ignore[attr-defined]
    module.analyze_source = fake_analyze  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mp_lsp.engine.analyze", module)
    # The stand-in reports lambdas in any file: every file goes to it (no prefilter, which
    # knows the real engine), and no results cache carries its findings from run to run.
    monkeypatch.setattr(mp_lsp.cli, "_make_prefilter", lambda root, files: None)
    monkeypatch.setenv("MP_LSP_NO_CACHE", "1")
    FakeProject.roots = []
    return module


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory that is also the working directory."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"mp-lsp {__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "check" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--start-method", "spwan"],
        ["check", "--jobs", "0"],
        ["check", "--output-format", "xml"],
        ["check", "--select", "XYZ"],
    ],
)
def test_bad_options_are_usage_errors(
    argv: list[str], project: Path, fake_engine: types.ModuleType
) -> None:
    write(project / "a.py", "f(lambda: 1)\n")
    assert main(argv) == 2


def test_clean_files_exit_zero(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "a.py", "print(1)\n")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    assert main(["check", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_findings_exit_one_sorted(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "b.py", "x = 1\nf(lambda: 1)\n")
    write(project / "a.py", "g(  lambda: 2)\nh(lambda: 3)\n")
    assert main(["check", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if not line.startswith(" ")]
    assert headers == [
        "a.py:1:5: MP001 a lambda is sent to another process",
        "a.py:2:3: MP001 a lambda is sent to another process",
        "b.py:2:3: MP001 a lambda is sent to another process",
        "Found 3 problems.",
    ]
    assert FakeProject.roots == [project]


def test_walk_honours_default_and_configured_excludes(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", '[tool.mp-lsp]\nexclude = ["legacy", "src/gen"]\n')
    for relative in (
        "src/ok.py",
        "src/gen/skip.py",
        "legacy/skip.py",
        ".venv/lib/skip.py",
        "node_modules/x/skip.py",
        "pkg/__pycache__/skip.py",
        "src/notes.txt",
        "src/stub.pyi",
    ):
        write(project / relative, "f(lambda: 1)\n")
    assert main(["check", "--output-format", "json"]) == 1
    files = {Path(item["filename"]) for item in json.loads(capsys.readouterr().out)}
    assert files == {project / "src" / "ok.py"}


def test_explicit_paths_are_checked_even_if_excluded(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "build" / "gen.py", "f(lambda: 1)\n")
    write(project / "script", "f(lambda: 1)\n")
    assert main(["check", "build/gen.py", "script", "build"]) == 1
    out = capsys.readouterr().out
    assert f"{Path('build/gen.py')}:1:3: MP001" in out
    assert "script:1:3: MP001" in out
    assert out.count(": MP001 ") == 2  # build/gen.py is not reported twice


def test_cli_options_override_config(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", '[tool.mp-lsp]\nignore = ["MP001"]\n')
    write(project / "a.py", "f(lambda: 1)\n")
    assert main(["check"]) == 0
    assert main(["check", "--ignore", ""]) == 1
    assert main(["check", "--ignore", "", "--start-method", "fork"]) == 0
    capsys.readouterr()


def test_explicit_config(project: Path, fake_engine: types.ModuleType, tmp_path: Path) -> None:
    config = write(tmp_path / "elsewhere" / "pyproject.toml", '[tool.mp-lsp]\nselect = ["MP002"]\n')
    write(project / "a.py", "f(lambda: 1)\n")
    assert main(["check"]) == 1
    assert main(["check", "--config", str(config)]) == 0
    assert main(["check", "--config", str(tmp_path / "missing.toml")]) == 2


def test_bad_config_values_warn_and_fall_back(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", '[tool.mp-lsp]\nstart-method = "spwan"\n')
    write(project / "a.py", "f(lambda: 1)\n")
    assert main(["check"]) == 1
    assert "setting 'start-method' must be one of" in capsys.readouterr().err


def test_subdirectory_finds_project_root(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "pyproject.toml", "[tool.mp-lsp]\n")
    write(project / "pkg" / "a.py", "f(lambda: 1)\n")
    os.chdir(project / "pkg")
    assert main(["check", "--output-format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=a.py,line=1,col=3,")
    write(project / "other" / "b.py", "f(lambda: 1)\n")
    assert main(["check", "--output-format", "github", "../other"]) == 1
    # Outside the working directory, paths are absolute.
    assert f"::warning file={(project / 'other' / 'b.py').as_posix()}," in capsys.readouterr().out
    assert set(FakeProject.roots) == {project}


def test_per_file_failures_do_not_stop_the_run(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "a_ok.py", "f(lambda: 1)\n")
    (project / "b_latin.py").write_bytes(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n")
    (project / "c_bad.py").write_bytes(b"s = '\xff\xfe'\n")
    (project / "d_cookie.py").write_bytes(b"# coding: klingon\n")
    write(project / "e_broken.py", "broken(lambda: 1\n")
    assert main(["check", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err[0].startswith("mp-lsp: c_bad.py: cannot decode: ")
    assert err[1].startswith("mp-lsp: d_cookie.py: cannot decode: ")
    assert err[2] == "mp-lsp: e_broken.py: SyntaxError: invalid syntax (line 1)"
    assert len(err) == 3
    # Findings of a partly analysed file are still reported.
    assert "e_broken.py:1:8: MP001" in captured.out
    assert "a_ok.py:1:3: MP001" in captured.out


def test_engine_exception_names_the_file_and_exits_two(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "a.py", "f(lambda: 1)\n")
    write(project / "b.py", "boom()\n")
    assert main(["check", "--jobs", "1"]) == 2
    captured = capsys.readouterr()
    (message,) = captured.err.splitlines()
    assert message.startswith("mp-lsp: b.py: internal error in test_cli.py:")
    assert message.endswith("RuntimeError: engine exploded (please report this)")
    assert "a.py:1:3: MP001" in captured.out


def test_nothing_checkable_exits_two(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "a.py").write_bytes(b"\xff\xff\n")
    assert main(["check"]) == 2
    assert "cannot decode" in capsys.readouterr().err


def test_missing_path_exits_two(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "nope.py"]) == 2
    assert "nope.py: no such file or directory" in capsys.readouterr().err


def test_no_python_files_is_not_an_error(
    project: Path, fake_engine: types.ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    assert "no Python files found" in capsys.readouterr().err


def test_engine_that_cannot_start(
    project: Path,
    fake_engine: types.ModuleType,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(root: Path, python: Optional[str] = None) -> None:
        raise OSError("no interpreter")

    monkeypatch.setattr(fake_engine, "Project", refuse)
    write(project / "a.py", "x = 1\n")
    assert main(["check"]) == 2
    assert "cannot start the engine" in capsys.readouterr().err


class InlineExecutor:
    """Stands in for ProcessPoolExecutor: same calls, run in this process (keeps the fake)."""

    instances: ClassVar[list[InlineExecutor]] = []

    def __init__(
        self, max_workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
    ) -> None:
        self.max_workers = max_workers
        initializer(*initargs)
        InlineExecutor.instances.append(self)

    def __enter__(self) -> InlineExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def submit(self, function: Callable[..., Any], path: str, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if path.endswith("dies.py"):
            future.set_exception(RuntimeError("A process in the pool was terminated abruptly"))
        else:
            future.set_result(function(path, *args))
        return future


def test_pool_is_used_for_many_files(
    project: Path,
    fake_engine: types.ModuleType,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    InlineExecutor.instances = []
    monkeypatch.setattr(mp_lsp.cli, "ProcessPoolExecutor", InlineExecutor)
    # Four one-line files are too little work for workers, unless every bit of work is enough.
    monkeypatch.setattr(mp_lsp.cli, "POOL_MIN_SECONDS", 0.0)
    monkeypatch.setattr(mp_lsp.cli, "SECONDS_PER_WORKER", 1e-9)
    for name in ("a", "b", "c"):
        write(project / f"{name}.py", "f(lambda: 1)\n")
    write(project / "dies.py", "x = 1\n")
    assert main(["check", "--jobs", "8"]) == 2
    captured = capsys.readouterr()
    assert [executor.max_workers for executor in InlineExecutor.instances] == [4]
    assert FakeProject.roots == [project]
    assert captured.out.count(": MP001 ") == 3
    assert captured.err.startswith("mp-lsp: dies.py: worker process failed: RuntimeError")


LAMBDA_PROGRAM = (
    "from multiprocessing import Pool\n"
    "\n"
    'if __name__ == "__main__":\n'
    "    Pool().map(lambda x: x, [1])\n"
)


def test_real_engine_reports_a_lambda(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "job.py", LAMBDA_PROGRAM)
    assert main(["check", "--output-format", "json", str(tmp_path)]) == 1
    assert "MP001" in {item["code"] for item in json.loads(capsys.readouterr().out)}


def test_real_engine_in_worker_processes(tmp_path: Path) -> None:
    """``python -m mp_lsp`` with a real process pool: each worker builds its own Project."""
    write(tmp_path / "one.py", LAMBDA_PROGRAM)
    write(tmp_path / "two.py", LAMBDA_PROGRAM.replace("lambda x: x", "lambda y: y"))
    write(tmp_path / "clean.py", "print('hello')\n")
    completed = subprocess.run(
        [sys.executable, "-m", "mp_lsp", "check", "--jobs", "2", "--output-format", "json", "."],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 1, completed.stderr
    reported = {
        (Path(item["filename"]).name, item["code"]) for item in json.loads(completed.stdout)
    }
    assert {("one.py", "MP001"), ("two.py", "MP001")} <= reported
    assert "clean.py" not in {name for name, _ in reported}
