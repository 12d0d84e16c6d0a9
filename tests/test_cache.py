"""The results cache (mp_lsp.cache): served when nothing changed, invalidated when a file the
analysis read changed, never made from a partial result, and out of the way when asked."""

from __future__ import annotations

import functools
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

import mp_lsp.cli
import mp_lsp.engine.analyze
from mp_lsp import cache
from mp_lsp.cli import main
from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.settings import Settings

REPO = Path(__file__).resolve().parent.parent

MAIN = """\
import multiprocessing as mp
from models import Job


def work(job):
    return job


if __name__ == "__main__":
    with mp.Pool() as pool:
        pool.map(work, [Job()])
"""
PLAIN_JOB = "class Job:\n    pass\n"
LOCKED_JOB = """\
import threading


class Job:
    def __init__(self):
        self.lock = threading.Lock()
"""
OTHER = """\
import multiprocessing as mp

if __name__ == "__main__":
    mp.Pool().map(lambda x: x, [1])
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.delenv(cache.NO_CACHE_VARIABLE, raising=False)
    monkeypatch.delenv(cache.CACHE_DIR_VARIABLE, raising=False)
    (root / "pyproject.toml").write_text("[tool.mp-lsp]\n")
    return root


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the engine analyses (the others come from the cache or the prefilter)."""
    seen: list[str] = []
    real = mp_lsp.cli.Checker.check

    def check(self: Any, path: str, data: Any = None) -> Any:
        seen.append(Path(path).name)
        return real(self, path, data)

    monkeypatch.setattr(mp_lsp.cli.Checker, "check", check)
    return seen


def run(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, set[tuple[str, str]]]:
    code = main(["check", "--output-format", "json", "--jobs", "1", *options])
    findings = {(Path(item["filename"]).name, item["code"])
                for item in json.loads(capsys.readouterr().out)}
    return code, findings


def test_an_unchanged_tree_is_served_from_the_cache(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"main.py": MAIN, "models.py": LOCKED_JOB, "other.py": OTHER})
    first = run(capsys)
    assert first == (1, {("main.py", "MP006"), ("other.py", "MP001")})
    assert sorted(analysed) == ["main.py", "other.py"]
    analysed.clear()
    assert run(capsys) == first
    assert analysed == []
    directory = project / cache.CACHE_DIR_NAME
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (directory / "CACHEDIR.TAG").is_file()


def test_editing_a_helper_invalidates_its_importers_only(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"main.py": MAIN, "models.py": PLAIN_JOB, "other.py": OTHER})
    assert run(capsys) == (1, {("other.py", "MP001")})
    analysed.clear()
    write(project, {"models.py": LOCKED_JOB})
    assert run(capsys) == (1, {("main.py", "MP006"), ("other.py", "MP001")})
    assert analysed == ["main.py"]
    analysed.clear()
    write(project, {"models.py": PLAIN_JOB})
    assert run(capsys) == (1, {("other.py", "MP001")})
    assert analysed == ["main.py"]


def test_a_module_that_appears_invalidates_what_looked_for_it(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``helper`` does not exist at first (the prefilter rules main.py out), then it does."""
    main_text = 'from helper import Pool\n\nif __name__ == "__main__":\n' \
        "    Pool().map(lambda x: x, [1])\n"
    write(project, {"main.py": main_text})
    assert run(capsys) == (0, set())
    write(project, {"helper.py": "from multiprocessing import Pool\n"})
    assert run(capsys) == (1, {("main.py", "MP001")})


def test_what_jedi_read_through_a_sys_path_edit_invalidates(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """jedi follows ``sys.path.insert``, which the closure of imports cannot see."""
    main_text = 'import sys\nsys.path.insert(0, "vendor")\n' + MAIN.replace(
        "from models import Job", "from models import Job  # from vendor/")
    write(project, {"main.py": main_text, "vendor/models.py": LOCKED_JOB})
    assert run(capsys) == (1, {("main.py", "MP006")})
    write(project, {"vendor/models.py": PLAIN_JOB})
    assert run(capsys) == (0, set())


def test_partial_results_are_never_cached(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bounded = functools.partial(mp_lsp.engine.analyze.analyze_source, budget_steps=1)
    monkeypatch.setattr(mp_lsp.engine.analyze, "analyze_source", bounded)
    write(project, {"main.py": MAIN, "models.py": LOCKED_JOB})
    for _ in range(2):
        main(["check", "--jobs", "1"])
        assert "bound of inference steps" in capsys.readouterr().err
    assert analysed == ["main.py", "main.py"]


def test_no_cache_and_its_environment_variable(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    write(project, {"main.py": MAIN, "models.py": LOCKED_JOB})
    run(capsys, "--no-cache")
    assert not (project / cache.CACHE_DIR_NAME).exists()
    monkeypatch.setenv(cache.NO_CACHE_VARIABLE, "1")
    run(capsys)
    assert not (project / cache.CACHE_DIR_NAME).exists()
    monkeypatch.delenv(cache.NO_CACHE_VARIABLE)
    run(capsys, "--cache-dir", str(tmp_path / "elsewhere"))
    assert not (project / cache.CACHE_DIR_NAME).exists()
    assert list((tmp_path / "elsewhere").glob("*/*.json"))
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path / "from-env"))
    run(capsys)
    assert list((tmp_path / "from-env").glob("*/*.json"))


def test_other_settings_are_another_cache(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"main.py": MAIN, "models.py": LOCKED_JOB})
    assert run(capsys) == (1, {("main.py", "MP006")})
    assert run(capsys, "--ignore", "MP006") == (0, set())
    assert analysed == ["main.py", "main.py"]


def test_a_corrupt_cache_file_is_ignored(
    project: Path, analysed: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"main.py": MAIN, "models.py": LOCKED_JOB})
    first = run(capsys)
    for path in (project / cache.CACHE_DIR_NAME).glob("*/*.json"):
        path.write_text('{"salt": 1, "entries": [')
    assert run(capsys) == first
    assert analysed == ["main.py", "main.py"]


def test_findings_read_back_the_same() -> None:
    examples = REPO / "examples"
    project = Project(examples)
    findings = []
    for path in sorted(examples.rglob("*.py")):
        findings += analyze_source(project, str(path), path.read_text(), Settings()).findings
    assert findings
    encoded = cache.encode_findings(findings)
    assert encoded is not None
    assert cache.decode_findings(json.loads(json.dumps(encoded))) == tuple(findings)
