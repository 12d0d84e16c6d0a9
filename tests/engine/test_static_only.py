"""mp-lsp never imports or runs the code it checks.

The canary is a workspace module whose import would write a file. Checking code that imports
it, through the engine and through the real command line, must never create that file.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from mp_lsp.engine.analyze import Project, analyze_source
from mp_lsp.settings import Settings

CANARY_MODULE = """
from pathlib import Path
Path(__file__).with_name("CANARY_WRITTEN").write_text("imported!")

def work(x):
    return x

class Job:
    def __init__(self):
        import threading
        self.lock = threading.Lock()
"""

MAIN = """
import multiprocessing as mp
import canary
from canary import Job, work

if __name__ == "__main__":
    with mp.Pool() as pool:
        pool.map(work, [Job()])
        pool.map(canary.work, [1])
"""


def _workspace(tmp_path: Path) -> Path:
    (tmp_path / "canary.py").write_text(textwrap.dedent(CANARY_MODULE))
    (tmp_path / "main.py").write_text(textwrap.dedent(MAIN))
    return tmp_path


def test_engine_does_not_import_workspace_modules(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    source = (root / "main.py").read_text()
    result = analyze_source(Project(root), str(root / "main.py"), source, Settings())
    assert [f.code for f in result.findings] == ["MP006"]  # it did look inside canary.py
    assert not (root / "CANARY_WRITTEN").exists()


def test_cli_does_not_import_workspace_modules(tmp_path: Path) -> None:
    root = _workspace(tmp_path)
    completed = subprocess.run(
        [sys.executable, "-m", "mp_lsp", "check", "--jobs", "2", str(root)],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    assert "MP006" in completed.stdout
    assert not (root / "CANARY_WRITTEN").exists()
