"""Label the notebook corpus by running every notebook in a real Jupyter kernel.

Usage: python tests/corpus_notebooks/label.py [--check] [--jobs N] [--timeout S] [case ...]

Each ``tests/corpus_notebooks/<case>/notebook.ipynb`` is executed cell by cell with nbclient
in an ipykernel kernel (the ``python3`` kernel of this interpreter), once per start method
(spawn, fork, forkserver), in a temporary copy of its folder (the kernel's working directory,
as Jupyter sets it). The start method is forced by a first injected cell,
``multiprocessing.set_start_method(method, force=True)``: the notebook's own ``get_context``
still wins, as it would in Jupyter.

The outcome of a run, as for the scripts of ``tests/corpus/label.py``:

- ``"timeout"`` when a cell runs longer than ``--timeout`` seconds (a pool whose workers die
  on every task never returns: that is what a notebook does then);
- ``"<ExceptionType>: <first line of message>"`` of the exception a cell raised;
- otherwise the last traceback the kernel printed on its stderr (where the children's
  tracebacks go: a ``Process`` whose target cannot be found ends with exit code 1, the cell
  does not fail), summarised as ``tests/corpus/label.py`` does, leaving out the kernel's own
  zmq errors (:func:`without_kernel_noise`);
- ``"ok"``.

Memory addresses and paths are normalised so labels are stable. Each run is its own process
(the kernel and everything it started are killed with its process group afterwards).

Without ``--check`` the results are written to ``labels.json``, with the versions of Python,
ipykernel, IPython and nbclient they were made with; ``--check`` compares reality with it
(mismatches are printed, exit code 1).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterator, Optional

CORPUS = Path(__file__).resolve().parent
LABELS = CORPUS / "labels.json"
METHODS = ("spawn", "fork", "forkserver")
NOTEBOOK = "notebook.ipynb"
#: Seconds a cell may run. A normal cell here takes well under a second once the kernel runs.
DEFAULT_TIMEOUT = 10.0
#: Seconds for the whole run of one notebook (kernel start-up included) before it is killed.
RUN_LIMIT = 120.0
#: Seconds for a kernel to answer its first request. A kernel starts in about a second or never
#: (on a loaded machine, two kernels started at once may both pick the same free port), so a
#: start that takes longer is given up and tried again, up to ``KERNEL_STARTS`` times.
STARTUP_TIMEOUT = 30
KERNEL_STARTS = 3
#: The exit code of ``--run-one`` when the kernel never answered.
NO_KERNEL = 3
INJECTED = "import multiprocessing\nmultiprocessing.set_start_method({method!r}, force=True)\n"
PACKAGES = ("ipykernel", "ipython", "nbclient", "jupyter_client")


def _script_labeller() -> Any:
    """tests/corpus/label.py, for its traceback summary, normalisation and comparison."""
    path = CORPUS.parent / "corpus" / "label.py"
    spec = importlib.util.spec_from_file_location("mp_corpus_label_scripts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def list_cases() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob(f"*/{NOTEBOOK}"))


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def normalise(text: str, case_dir: Path) -> str:
    scripts = _script_labeller()
    return str(scripts.normalise(text, case_dir))


class KernelStartError(RuntimeError):
    """The kernel did not answer within ``STARTUP_TIMEOUT``: nothing of the notebook ran."""


def run_here(case_dir: Path, method: str, timeout: float) -> str:
    """Execute the notebook in ``case_dir`` (a scratch copy) and return its label."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    scripts = _script_labeller()
    notebook = nbformat.read(case_dir / NOTEBOOK, as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(INJECTED.format(method=method)))
    client = NotebookClient(
        notebook, timeout=timeout, startup_timeout=STARTUP_TIMEOUT, kernel_name="python3",
        allow_errors=False, resources={"metadata": {"path": str(case_dir)}},
    )
    outcome: Optional[str] = None
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stderr:
        kernel_pid: Optional[int] = None
        try:
            client.reset_execution_trackers()
            with _started(client, stderr, case_dir):
                kernel_pid = _kernel_pid(client)
                for index, cell in enumerate(client.nb.cells):
                    client.execute_cell(cell, index)
        except CellTimeoutError:
            outcome = "timeout"
        except CellExecutionError as error:
            message = (error.evalue or "").strip().splitlines()
            outcome = f"{error.ename}: {message[0]}" if message and message[0] else error.ename
        except DeadKernelError:
            outcome = "dead kernel"
        finally:
            if kernel_pid is not None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(kernel_pid, signal.SIGKILL)
        if outcome is None:
            stderr.seek(0)
            printed = without_kernel_noise(stderr.read())
            summary = scripts.summarise(1, printed, case_dir)
            outcome = "ok" if summary.startswith("exit ") else summary
    return normalise(outcome, case_dir)


@contextlib.contextmanager
def _started(client: Any, stderr: Any, case_dir: Path) -> Iterator[None]:
    """``client.setup_kernel``, with a kernel that never answered told apart from the notebook's
    own errors (jupyter_client raises a bare ``RuntimeError`` for it)."""
    entered = False
    try:
        with client.setup_kernel(stderr=stderr, cwd=str(case_dir)):
            entered = True
            yield
    except RuntimeError as error:
        if entered or "didn't respond" not in str(error):
            raise
        raise KernelStartError(str(error)) from error


def without_kernel_noise(printed: str) -> str:
    """The kernel's stderr without the tracebacks of its own zmq sockets.

    A forked child inherits the kernel's zmq sockets and the epoll set its event loop waits
    on. When the child exits, the kernel's event loop may log ``zmq.error.ZMQError: Socket
    operation on non-socket`` from a callback (a known pyzmq-after-fork effect, seen in
    Spyder's and pyzmq's issue threads), now and then, after the cell's work is done. That is
    the kernel's plumbing failing, not the notebook's program: no program of this corpus uses
    zmq, so such a traceback is never its outcome.
    """
    kept: list[str] = []
    block: list[str] = []
    for line in printed.splitlines(keepends=True):
        if line.startswith("Traceback (most recent call last):"):
            kept.extend(block)
            block = [line]
        elif block:
            block.append(line)
            if line.strip() and not line[0].isspace() and not set(line.strip()) <= set("^~"):
                # the exception line (not a ^^^ marker that lost its indentation) ends it
                if not line.startswith("zmq.error.ZMQError"):
                    kept.extend(block)
                block = []
        else:
            kept.append(line)
    kept.extend(block)
    return "".join(kept)


def _kernel_pid(client: Any) -> Optional[int]:
    """The kernel's process id (it leads its own process group), through jupyter_client."""
    provisioner = getattr(client.km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    pid = getattr(process, "pid", None)
    return pid if isinstance(pid, int) else None


#: Runs of one case and start method when a cell itself raised the kernel's zmq error.
KERNEL_NOISE_RUNS = 3


def run_case(case: str, method: str, timeout: float) -> str:
    """Run one case under one start method, again when a cell raised a ``ZMQError`` (the
    kernel's sockets broken by a forked child before the cell printed: see
    :func:`without_kernel_noise`) or when the kernel never started: neither says anything of
    the program."""
    outcome = None
    for _ in range(KERNEL_NOISE_RUNS):
        for _ in range(KERNEL_STARTS):
            outcome = _run_once(case, method, timeout)
            if outcome is not None:
                break
        if outcome is None:
            raise RuntimeError(f"labelling {case} under {method}: the kernel never started")
        if not outcome.startswith("ZMQError"):
            break
    assert outcome is not None
    return outcome


def _run_once(case: str, method: str, timeout: float) -> Optional[str]:
    """The label of one run, or None when its kernel never answered."""
    """Run one case under one start method in its own process, on a copy of its folder."""
    with tempfile.TemporaryDirectory(prefix=f"mp_nb_{case}_") as scratch:
        work = Path(scratch) / case
        shutil.copytree(CORPUS / case, work)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
        env.pop("PYTHONWARNINGS", None)
        command = [sys.executable, str(Path(__file__).resolve()), "--run-one", str(work),
                   method, "--timeout", str(timeout)]
        proc = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=env, start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=RUN_LIMIT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return "timeout"
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        if proc.returncode == NO_KERNEL:
            return None
        lines = [line for line in out.splitlines() if line.startswith("LABEL ")]
        if proc.returncode != 0 or not lines:
            raise RuntimeError(f"labelling {case} under {method} failed:\n{err[-2000:]}")
        return str(json.loads(lines[-1][len("LABEL "):]))


def label_cases(
    cases: list[str], jobs: Optional[int] = None, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, dict[str, str]]:
    # A run waits on its kernel most of the time (about 0.9 cores busy at 3 at a time): on 2
    # cores the corpus took 190 s at one run per core (in a CI run), 103 s at two.
    jobs = jobs or max(2, 2 * (os.cpu_count() or 1))
    work = [(c, m) for c in cases for m in METHODS]
    results: dict[str, dict[str, str]] = {c: {} for c in cases}
    with ThreadPoolExecutor(jobs) as pool:
        outcomes = pool.map(lambda cm: run_case(cm[0], cm[1], timeout), work)
        for (case, method), outcome in zip(work, outcomes):
            results[case][method] = outcome
    return {c: {m: results[c][m] for m in METHODS} for c in sorted(results)}


def load_labels() -> dict[str, Any]:
    if LABELS.exists():
        loaded: dict[str, Any] = json.loads(LABELS.read_text())
        return loaded
    return {"versions": {}, "cases": {}}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare with labels.json")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    parser.add_argument("--run-one", nargs=2, metavar=("FOLDER", "METHOD"), help=argparse.SUPPRESS)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args(argv)

    if args.run_one:
        folder, method = args.run_one
        try:
            print("LABEL " + json.dumps(run_here(Path(folder), method, args.timeout)), flush=True)
        except KernelStartError as error:
            print(f"no kernel: {error}", file=sys.stderr)
            return NO_KERNEL
        return 0

    all_cases = list_cases()
    cases = args.cases or all_cases
    unknown = sorted(set(cases) - set(all_cases))
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    started = time.monotonic()
    actual = label_cases(cases, args.jobs, args.timeout)
    elapsed = time.monotonic() - started

    stored = load_labels()
    if args.check:
        problems = _script_labeller().compare(stored["cases"], actual)
        for problem in problems:
            print(problem)
        print(f"checked {len(actual)} notebook(s) in {elapsed:.1f}s: {len(problems)} mismatch(es)")
        return 1 if problems else 0

    labels = dict(stored["cases"]) if args.cases else {}
    labels.update(actual)
    document = {
        "versions": versions(),
        "cases": {k: labels[k] for k in sorted(labels) if k in all_cases},
    }
    LABELS.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n")
    for case in sorted(actual):
        print(f"{case}: {json.dumps(actual[case])}")
    print(f"labelled {len(actual)} notebook(s) in {elapsed:.1f}s -> {LABELS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
