"""The cold paths of ``mp-lsp check`` (issue 13): fixed costs only when needed, a file with
hundreds of sinks split across workers with the same findings, a progress line on terminals.
Timings are for ``benchmarks/``; these tests check behaviour only."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import mp_lsp.cli
from mp_lsp.cli import main

REPO = Path(__file__).resolve().parent.parent


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def python(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], cwd=cwd, capture_output=True,
        text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_a_tree_that_reaches_no_process_api_never_imports_jedi(tmp_path: Path) -> None:
    write(tmp_path, {
        "app.py": "import os\n\n# runs concurrently with nothing\nprint(os.getcwd())\n",
        "pkg/__init__.py": "from .util import helper\n",
        "pkg/util.py": "def helper(x):\n    return [y for y in x]\n",
    })
    completed = python("""
        import sys
        from mp_lsp.cli import main
        code = main(["check", "--no-cache", "."])
        loaded = [m for m in ("jedi", "parso", "concurrent.futures.process") if m in sys.modules]
        print(code, loaded)
        """, tmp_path)
    assert completed.stdout.splitlines()[-1] == "0 []", completed.stderr


SINKS = """\
import multiprocessing as mp
import threading


def work(x):
    return x


class Holder:
    def __init__(self):
        self.lock = threading.Lock()


def run_{i}(pool, items):
    pool.map(work, items)
    pool.map(lambda v: v + {i}, items)
    pool.apply_async(work, (Holder(),))
    queue = mp.Queue()
    queue.put(lambda: {i})
"""


def many_sinks(count: int) -> str:
    head, _, body = SINKS.partition("def run_{i}")
    functions = "".join(("def run_{i}" + body).format(i=i) for i in range(count))
    return head + functions + "\nmp.Pool().map(work, [1])\n"  # unguarded: MP008 too


def findings(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    main(["check", "--no-cache", "--output-format", "json", *argv])
    return json.loads(capsys.readouterr().out)


def test_a_file_split_by_its_sinks_finds_what_one_analysis_finds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"big.py": many_sinks(30), "small.py": many_sinks(2)})
    monkeypatch.chdir(tmp_path)
    alone = findings(capsys, "--jobs", "1")
    assert {item["code"] for item in alone} >= {"MP001", "MP008"}
    planned: list[dict[str, int]] = []
    real_pool = mp_lsp.cli._pool

    def pool(tasks: Any, shares: dict[str, int], *args: Any) -> Any:
        planned.append(dict(shares))
        return real_pool(tasks, shares, *args)

    monkeypatch.setattr(mp_lsp.cli, "_pool", pool)
    monkeypatch.setattr(mp_lsp.cli, "POOL_MIN_SECONDS", 0.0)
    monkeypatch.setattr(mp_lsp.cli, "SHARE_MIN_SECONDS", 0.0)
    split = findings(capsys, "--jobs", "2")
    assert planned and planned[0].get(str(tmp_path / "big.py"), 0) > 1
    assert split == alone


def test_jedi_read_in_process_finds_what_its_subprocess_finds() -> None:
    """The program reads the running interpreter in its own process (``mp_lsp.runtime``);
    jedi's subprocess (``MP_LSP_JEDI_SUBPROCESS``) finds the same, over a sample of the corpus
    and the examples."""
    corpus = sorted(path for path in (REPO / "tests" / "corpus").iterdir() if path.is_dir())
    targets = [str(path) for path in corpus[::6]] + [str(REPO / "examples")]

    def run(**variables: str) -> list[dict[str, Any]]:
        environment = {k: v for k, v in os.environ.items() if k != "MP_LSP_JEDI_SUBPROCESS"}
        completed = subprocess.run(
            [sys.executable, "-m", "mp_lsp", "check", "--no-cache", "--output-format", "json",
             "--jobs", "1", *targets],
            cwd=REPO, capture_output=True, text=True, timeout=600,
            env={**environment, "PYTHONPATH": str(REPO), **variables},
        )
        assert completed.returncode == 1, completed.stderr
        return json.loads(completed.stdout)

    in_process = run()
    assert len(in_process) > 20
    assert run(MP_LSP_JEDI_SUBPROCESS="1") == in_process


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses prctl and /proc")
def test_no_jedi_subprocess_is_left_for_the_os_to_reap(tmp_path: Path) -> None:
    """Workers stop their jedi subprocess: none is reparented (the script is a subreaper)."""
    write(tmp_path, {f"job{i}.py": many_sinks(3) for i in range(4)})
    completed = python("""
        import ctypes, os, sys
        ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans come to us
        import mp_lsp.cli as cli
        cli.POOL_MIN_SECONDS = 0.0
        code = cli.main(["check", "--no-cache", "--jobs", "2", "-q", "."])
        children = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = open(f"/proc/{entry}/stat").read()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                    children.append(open(f"/proc/{entry}/cmdline").read().replace("\\0", " "))
        print(code, children)
        """, tmp_path)
    assert completed.stdout.splitlines()[-1] == "1 []", completed.stdout + completed.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_line_on_terminals_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, {f"m{i}.py": "import os\n" for i in range(5)})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(mp_lsp.cli, "PROGRESS_DELAY_SECONDS", 0.0)
    for argv, shown in ((["check", "--no-cache"], True), (["check", "--no-cache", "-q"], False)):
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        main(argv)
        monkeypatch.setattr(sys, "stderr", sys.__stderr__)
        assert ("checked 1/5 files" in terminal.getvalue()) is shown
        if shown:  # erased at the end
            assert terminal.getvalue().endswith("\r")
    main(["check", "--no-cache"])  # stderr captured: not a terminal
    assert "checked" not in capsys.readouterr().err
