"""The target decides the rules: each platform's default start method by Python version, and
what a finding that fails under some start methods says and how loud it is."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

from mp_lsp.engine.analyze import AnalysisResult, Project, analyze_source
from mp_lsp.engine.checker import Outcome
from mp_lsp.engine.findings import ALL_START_METHODS, PICKLING_START_METHODS, Severity
from mp_lsp.engine.findings import StartMethod as M
from mp_lsp.engine.targets import (
    ALL_PLATFORMS,
    Platform,
    Target,
    default_start_method,
    parse_platform,
    parse_target_version,
    requires_python,
    requires_python_lower_bound,
)
from mp_lsp.settings import Settings, load_settings, settings_from_mapping

LINUX, MACOS, WINDOWS = Platform.LINUX, Platform.MACOS, Platform.WINDOWS


@pytest.mark.parametrize(
    ("platform", "version", "method"),
    [
        (LINUX, (3, 8), M.FORK),
        (LINUX, (3, 13), M.FORK),
        (LINUX, (3, 14), M.FORKSERVER),
        (LINUX, (3, 15), M.FORKSERVER),
        (MACOS, (3, 7), M.FORK),
        (MACOS, (3, 8), M.SPAWN),
        (MACOS, (3, 14), M.SPAWN),
        (WINDOWS, (3, 8), M.SPAWN),
        (WINDOWS, (3, 14), M.SPAWN),
    ],
)
def test_default_start_method(platform: Platform, version: tuple[int, int], method: M) -> None:
    assert default_start_method(platform, version) is method


def target(*platforms: Platform, version: tuple[int, int] = (3, 11)) -> Target:
    return Target(frozenset(platforms) or ALL_PLATFORMS, version)


#: (target, severity, note) of a problem that fails under spawn and forkserver only (MP004,
#: MP008, a Process target that fork would inherit), with no start method set or fixed.
SPAWN_ONLY = [
    (target(), Severity.WARNING, " (fails on macOS and Windows, and on Linux from Python 3.14)"),
    (target(version=(3, 14)), Severity.ERROR, " (fails on Linux, macOS and Windows)"),
    (target(LINUX), Severity.WARNING, " (fails on Linux from Python 3.14)"),
    (target(LINUX, version=(3, 14)), Severity.ERROR, " (fails on Linux)"),
    (target(MACOS), Severity.ERROR, " (fails on macOS)"),
    (target(LINUX, MACOS), Severity.WARNING, " (fails on macOS, and on Linux from Python 3.14)"),
    (target(MACOS, WINDOWS), Severity.ERROR, " (fails on macOS and Windows)"),
    # Windows has spawn only: failing under spawn is failing under every start method there.
    (target(WINDOWS), Severity.ERROR, ""),
    # Before 3.8 macOS forked too.
    (target(LINUX, MACOS, version=(3, 7)), Severity.WARNING,
     " (fails on macOS from Python 3.8, and on Linux from Python 3.14)"),
]


@pytest.mark.parametrize(("where", "severity", "note"), SPAWN_ONLY)
def test_a_spawn_only_problem_by_target(where: Target, severity: Severity, note: str) -> None:
    outcome = Outcome.of(PICKLING_START_METHODS, None, None, where)
    assert (outcome.severity, outcome.note) == (severity, note)
    expected = PICKLING_START_METHODS & where.start_methods
    assert outcome.failing == expected


def test_without_a_target_the_note_names_every_platform() -> None:
    outcome = Outcome.of(PICKLING_START_METHODS, None, None)
    assert outcome.severity is Severity.WARNING
    assert outcome.note == " (fails on macOS and Windows, and on Linux from Python 3.14)"


def test_every_start_method_failing_is_an_error_without_a_note() -> None:
    for where in (target(), target(LINUX), target(WINDOWS, version=(3, 14))):
        outcome = Outcome.of(ALL_START_METHODS, None, None, where)
        assert (outcome.severity, outcome.note) == (Severity.ERROR, "")


def test_the_start_method_setting_and_the_code_override_the_defaults() -> None:
    linux = target(LINUX)
    assert Outcome.of(PICKLING_START_METHODS, M.FORK, None, linux).failing == frozenset()
    spawn = Outcome.of(PICKLING_START_METHODS, M.SPAWN, None, linux)
    assert (spawn.failing, spawn.severity, spawn.note) == ({M.SPAWN}, Severity.ERROR, "")
    fixed = Outcome.of(PICKLING_START_METHODS, None, M.SPAWN, linux)
    assert fixed.severity is Severity.ERROR
    assert fixed.note == " (this code fixes the `spawn` start method)"
    assert Outcome.of(PICKLING_START_METHODS, None, M.FORK, target(MACOS)).failing == frozenset()


def test_a_fork_only_problem_is_said_to_stop_at_3_14() -> None:
    outcome = Outcome.of(frozenset({M.FORK}), None, None, target())
    assert (outcome.severity, outcome.note) == (
        Severity.WARNING, " (fails on Linux up to Python 3.13)"
    )
    late = Outcome.of(frozenset({M.FORK}), None, None, target(version=(3, 14)))
    assert late.note == " (under fork)"


# -- settings ----------------------------------------------------------------------------------
def test_target_version_and_platform_spellings() -> None:
    assert [parse_target_version(v) for v in ("py311", "3.14", "PY38", " 3.9 ")] == [
        (3, 11), (3, 14), (3, 8), (3, 9)
    ]
    assert [parse_target_version(v) for v in ("311", "py2", "3", "python3.11")] == [None] * 4
    assert [parse_platform(v) for v in ("linux", "Darwin", "macOS", "win32", "Windows")] == [
        LINUX, MACOS, MACOS, WINDOWS, WINDOWS
    ]
    assert parse_platform("freebsd") is None


@pytest.mark.parametrize(
    ("specifier", "bound"),
    [
        (">=3.9", (3, 9)),
        (">= 3.10, <4", (3, 10)),
        ("~=3.11", (3, 11)),
        ("==3.12.*", (3, 12)),
        (">3.8,!=3.9.1", (3, 8)),
        ("<3.14", None),
        ("!=3.10", None),
        (">=3.8,>=3.11", (3, 11)),
        ("", None),
    ],
)
def test_requires_python_lower_bound(specifier: str, bound: Optional[tuple[int, int]]) -> None:
    assert requires_python_lower_bound(specifier) == bound


def test_settings_read_target_version_and_platforms() -> None:
    settings, errors = settings_from_mapping(
        {"target-version": "py314", "platforms": ["windows", "linux"]}
    )
    assert errors == []
    assert settings.target_version == (3, 14)
    assert settings.platforms == (LINUX, WINDOWS)
    camel, errors = settings_from_mapping({"targetVersion": "3.12", "platforms": "darwin"})
    assert errors == [] and camel.target_version == (3, 12) and camel.platforms == (MACOS,)
    kept, errors = settings_from_mapping(
        {"target-version": "3", "platforms": ["linux", "beos"]}, settings
    )
    assert kept == settings
    assert "setting 'target-version' must be a Python version" in errors[0]
    assert "unknown platform 'beos'" in errors[1]


def test_target_version_defaults_to_requires_python(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nrequires-python = ">=3.12"\n')
    package = tmp_path / "src" / "pkg"
    package.mkdir(parents=True)
    assert requires_python(package) == (3, 12)
    settings, path, errors = load_settings(package)
    assert (settings.target_version, path, errors) == ((3, 12), None, [])
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = ">=3.12"\n'
        '[tool.mp-lsp]\ntarget-version = "py314"\nplatforms = ["linux"]\n'
    )
    settings, path, errors = load_settings(package)
    assert (settings.target_version, settings.platforms, errors) == ((3, 14), (LINUX,), [])


# -- the engine --------------------------------------------------------------------------------
GUARDED = """\
import multiprocessing as mp
import os
import sys


if __name__ == "__main__":
    def guarded(x):
        return x
    with mp.Pool() as pool:
        pool.map(guarded, [1])
    if sys.platform == "darwin":
        pool.map(guarded, [2])
    if os.name == "nt":
        pool.map(guarded, [3])
    elif not sys.platform.startswith("linux"):
        pool.map(guarded, [4])
    else:
        pool.map(guarded, [5])
"""


def check(root: Path, source: str, settings: Settings) -> AnalysisResult:
    path = root / "main.py"
    path.write_text(source)
    return analyze_source(Project(root), str(path), source, settings)


def test_platform_branches_narrow_where_a_finding_bites(tmp_path: Path) -> None:
    result = check(tmp_path, GUARDED, Settings(target_version=(3, 11)))
    found = {f.span.line: f for f in result.findings}
    assert sorted(found) == [10, 12, 14, 16, 18]
    expected = {
        10: (Severity.WARNING, " (fails on macOS and Windows, and on Linux from Python 3.14)"),
        12: (Severity.ERROR, " (fails on macOS)"),
        16: (Severity.ERROR, " (fails on macOS)"),  # neither Windows nor Linux: macOS
        18: (Severity.WARNING, " (fails on Linux from Python 3.14)"),
    }
    for line, (severity, note) in expected.items():
        assert found[line].severity is severity
        assert found[line].message.endswith(note), found[line].message
    # On Windows, spawn is the only start method: an error, with nothing to add.
    windows = found[14]
    assert windows.severity is Severity.ERROR and windows.start_methods == {M.SPAWN}
    assert "(fails on" not in windows.message


def test_code_for_a_platform_not_targeted_has_no_finding(tmp_path: Path) -> None:
    settings = Settings(target_version=(3, 11), platforms=(LINUX,))
    result = check(tmp_path, GUARDED, settings)
    assert sorted(f.span.line for f in result.findings) == [10, 18]
    assert {f.severity for f in result.findings} == {Severity.WARNING}
    late = check(tmp_path, GUARDED, Settings(target_version=(3, 14), platforms=(LINUX,)))
    assert {f.span.line: f.severity for f in late.findings} == {
        10: Severity.ERROR, 18: Severity.ERROR
    }


def test_main_guard_rule_follows_the_target(tmp_path: Path) -> None:
    source = "import multiprocessing as mp\n\nwith mp.Pool() as pool:\n    pool.map(abs, [1])\n"
    default = check(tmp_path, source, Settings(target_version=(3, 11)))
    [finding] = default.findings
    assert finding.code == "MP008" and finding.severity is Severity.WARNING
    assert finding.message.endswith("(fails on macOS and Windows, and on Linux from Python 3.14)")
    late = check(tmp_path, source, Settings(target_version=(3, 14)))
    assert [(f.code, f.severity) for f in late.findings] == [("MP008", Severity.ERROR)]
    mac = check(tmp_path, source, Settings(target_version=(3, 11), platforms=(MACOS,)))
    assert [(f.code, f.severity) for f in mac.findings] == [("MP008", Severity.ERROR)]


def test_the_command_line_reads_requires_python(tmp_path: Path) -> None:
    """Also without a ``[tool.mp-lsp]`` table, and with a results cache that must notice."""
    import json
    import subprocess
    import sys

    (tmp_path / "main.py").write_text(GUARDED)

    def severities(requires: str) -> list[str]:
        (tmp_path / "pyproject.toml").write_text(
            f'[project]\nname = "x"\nrequires-python = "{requires}"\n'
        )
        result = subprocess.run(
            [sys.executable, "-m", "mp_lsp", "check", "--output-format", "json", "."],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )
        return sorted({f["severity"] for f in json.loads(result.stdout)})

    assert severities(">=3.10") == ["error", "warning"]  # Windows' branch is an error
    assert severities(">=3.14") == ["error"]
