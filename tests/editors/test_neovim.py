"""A real editor against ``mp-lsp serve``: a headless Neovim opens a program and uses the server.

:file:`neovim_session.lua` does what a user would (open the file, read the diagnostics, hover
the lambda, apply a quick fix) through Neovim's own LSP client, and writes what it saw to a JSON
report that this test checks. It needs only Neovim 0.7 (Debian 12's package), whose client
differs from pytest-lsp's in ways that matter: it sends incremental edits of its own after a
debounce, versions documents by ``changedtick``, does not announce ``workspace/configuration``
(so the settings travel as ``initializationOptions``, as docs/neovim.md shows), and stops the
server with ``shutdown`` then ``exit``.

The code-action part runs when the server advertises ``codeActionProvider``; everything else
always runs. The test is skipped only when ``nvim`` is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

import pytest

NVIM = shutil.which("nvim")
SERVER_COMMAND = [sys.executable, "-m", "mp_lsp", "serve"]
SESSION_SCRIPT = Path(__file__).with_name("neovim_session.lua")
#: The whole session: Neovim, the server's start, jedi's first analysis, hover, fix, shutdown.
TIMEOUT_SECONDS = 60
#: How long the Lua script waits for any one step (initialize, diagnostics, a request).
STEP_TIMEOUT_MS = 30_000
#: How much of the end of the LSP log a failure shows.
LOG_TAIL_CHARS = 30_000

PROGRAM = """\
import multiprocessing as mp


def main():
    offset = 1

    def shift(x):
        return x + offset

    with mp.Pool(2) as pool:
        print(pool.map(lambda x: x * 2, [1, 2]))
        print(pool.map(shift, [1, 2]))


if __name__ == "__main__":
    main()
"""
LAMBDA = "lambda x: x * 2"
LAMBDA_LINE = 10  # 0-based
LAMBDA_START = PROGRAM.splitlines()[LAMBDA_LINE].index(LAMBDA)
LAMBDA_END = LAMBDA_START + len(LAMBDA)

#: The editor's settings for the ``mp-lsp`` section: they silence the nested function ``shift``
#: (MP002), so that only MP001 shows if they reached the server.
SETTINGS = {"mp-lsp": {"ignore": ["MP002"]}}

Report = dict[str, Any]


class Session:
    """The outcome of one Neovim run: its report, output and LSP log, for messages."""

    def __init__(self, report: Report, stdout: str, stderr: str, log_path: Path) -> None:
        self.report = report
        self.stdout = stdout
        self.stderr = stderr
        self.log_path = log_path

    def evidence(self) -> str:
        return _evidence(self.stdout, self.stderr, self.log_path, self.report)

    def check(self, condition: object, what: str) -> None:
        """Fail with ``what`` and everything Neovim and the server said unless ``condition``."""
        if not condition:
            pytest.fail(f"{what}\n{self.evidence()}", pytrace=False)


def _evidence(stdout: str, stderr: str, log_path: Path, report: Optional[Report]) -> str:
    try:
        log = log_path.read_text(errors="replace")
    except OSError as error:
        log = f"(no LSP log at {log_path}: {error.strerror})"
    if len(log) > LOG_TAIL_CHARS:
        log = "...\n" + log[-LOG_TAIL_CHARS:]
    shown = json.dumps(report, indent=2) if report is not None else "(no report)"
    return (
        f"--- nvim stdout ---\n{stdout}\n--- nvim stderr ---\n{stderr}\n"
        f"--- report ---\n{shown}\n--- LSP log ({log_path}) ---\n{log}"
    )


def run_session(tmp_path: Path) -> Session:
    """Run Neovim on a workspace holding :data:`PROGRAM` and return what it reported."""
    assert NVIM is not None
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    program = workspace / "main.py"
    program.write_text(PROGRAM)
    # Neovim's own files (the LSP log, shada) go to the test's directory, not the user's.
    home = tmp_path / "nvim"
    cache = home / "cache"
    report_path = tmp_path / "report.json"
    config_path = tmp_path / "session.json"
    config_path.write_text(
        json.dumps(
            {
                "cmd": SERVER_COMMAND,
                "root": str(workspace),
                "file": str(program),
                "settings": SETTINGS,
                "hover_position": {"line": LAMBDA_LINE, "character": LAMBDA_START + 2},
                "timeout_ms": STEP_TIMEOUT_MS,
                "report": str(report_path),
            }
        )
    )
    env = {
        **os.environ,
        "MP_LSP_E2E_CONFIG": str(config_path),
        "MP_LSP_E2E_SCRIPT": str(SESSION_SCRIPT),
        "XDG_CACHE_HOME": str(cache),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    # Neovim 0.7 puts the LSP log in stdpath('cache'); the report names it once Lua runs.
    log_path = cache / "nvim" / "lsp.log"
    command = [
        NVIM, "--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE",
        "-c", "lua dofile(vim.env.MP_LSP_E2E_SCRIPT)",
    ]  # fmt: skip
    # A session of its own, so that a timeout kills the server along with Neovim.
    process = subprocess.Popen(
        command,
        cwd=workspace,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(
            f"nvim did not finish within {TIMEOUT_SECONDS}s\n"
            + _evidence(stdout, stderr, log_path, _read_report(report_path)),
            pytrace=False,
        )
    report = _read_report(report_path)
    if report is None or process.returncode != 0:
        pytest.fail(
            f"nvim exited with {process.returncode} and "
            f"{'no report' if report is None else 'a report'}\n"
            + _evidence(stdout, stderr, log_path, report),
            pytrace=False,
        )
    return Session(report, stdout, stderr, Path(report.get("log_path") or log_path))


def _read_report(path: Path) -> Optional[Report]:
    try:
        report: Report = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return report


def test_neovim_session(tmp_path: Path) -> None:
    if NVIM is None:
        pytest.skip("nvim is not installed (.ci/run installs Debian's neovim package)")
    started = time.monotonic()
    session = run_session(tmp_path)
    report = session.report
    session.check(report.get("error") is None, f"the session failed: {report.get('error')}")

    # The diagnostic, as Neovim shows it (byte columns; the line is ASCII) and as sent. MP002
    # (the nested `shift`) is not there: the settings reached the server.
    codes = [diagnostic["code"] for diagnostic in report["diagnostics"]]
    session.check(codes == ["MP001"], f"expected MP001 only (MP002 ignored), got {codes}")
    [shown] = report["diagnostics"]
    session.check(shown["code"] == "MP001" and shown["source"] == "mp-lsp", "not MP001")
    session.check(shown["severity"] == 1, "MP001 is not shown as an error")
    session.check(
        shown["message"].startswith(f"`{LAMBDA}` is a lambda, which `Pool.map` cannot pickle"),
        f"unexpected message {shown['message']!r}",
    )
    session.check(
        (shown["lnum"], shown["col"], shown["end_lnum"], shown["end_col"])
        == (LAMBDA_LINE, LAMBDA_START, LAMBDA_LINE, LAMBDA_END),
        "the diagnostic is not on the lambda",
    )
    [sent] = report["lsp_diagnostics"]
    session.check(
        sent["range"]
        == {
            "start": {"line": LAMBDA_LINE, "character": LAMBDA_START},
            "end": {"line": LAMBDA_LINE, "character": LAMBDA_END},
        },
        "the LSP range is not the lambda's",
    )
    session.check(sent["codeDescription"]["href"].endswith("/MP001.md"), "no rule link")

    # Hover on the lambda explains the Pool.map call.
    hover = report.get("hover")
    session.check(isinstance(hover, dict), "no hover on the lambda")
    contents = hover["contents"]
    session.check(contents.get("kind") == "markdown", "the hover is not markdown")
    session.check(
        "Pool.map" in contents["value"] and "lambda" in contents["value"],
        "the hover does not explain the Pool.map call and its lambda",
    )

    # Code actions: a quick fix that, applied by Neovim, makes MP001 go away.
    if report["capabilities"].get("codeActionProvider"):
        titles = report.get("action_titles") or []
        session.check(titles, "the server advertises code actions but offered none for MP001")
        session.check(report.get("applied_action"), "no code action was applied")
        after = report["diagnostics_after"]
        session.check(
            all(diagnostic["code"] != "MP001" for diagnostic in after),
            f"MP001 is still reported after applying {report['applied_action']!r}",
        )
        session.check(report["buffer_text"] != PROGRAM, "the code action did not change the text")
        session.check(
            report["server_text"] == report["buffer_text"],
            "the server's copy of the document differs from Neovim's buffer",
        )
    else:
        session.check("no codeActionProvider" in report["steps"], "the session stopped early")

    # Neovim stops the server with shutdown and exit; it exits cleanly.
    session.check(report.get("server_exit", {}).get("code") == 0, "the server did not exit with 0")
    elapsed = time.monotonic() - started
    session.check(elapsed < TIMEOUT_SECONDS, f"the session took {elapsed:.1f}s")
