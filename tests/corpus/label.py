"""Label the corpus by really running every case under each start method.

Usage: python tests/corpus/label.py [--check] [--jobs N] [--timeout S] [case ...]

Each ``tests/corpus/<case>/main.py`` is run as ``python main.py`` with the case
folder as cwd, once per start method (spawn, fork, forkserver).  The start method
is forced without editing the program: a generated ``sitecustomize.py`` on
``PYTHONPATH`` replaces the *default* context only, so programs that call
``set_start_method`` / ``get_context`` themselves still win.

The outcome of a run is ``"ok"`` (exit 0), ``"<ExceptionType>: <first line of
message>"`` (taken from the last traceback printed on stderr, by the parent or
a child), ``"exit <code>"`` (non-zero exit without a traceback) or
``"timeout"``.  Memory addresses and paths are normalised so labels are stable.

Without ``--check`` the results are written to ``labels.json`` (merged with the
existing labels when only some cases are given).  With ``--check`` reality is
compared with ``labels.json``; mismatches are printed and the exit code is 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
LABELS = CORPUS / "labels.json"
METHODS = ("spawn", "fork", "forkserver")
DEFAULT_TIMEOUT = 20.0

SITECUSTOMIZE = """\
import multiprocessing.context as c, os
m = os.environ.get("MP_CORPUS_START")
if m:
    c._default_context._default_context = c._concrete_contexts[m]
"""

_ADDR = re.compile(r"0x[0-9a-fA-F]+")
_TMP = re.compile(r"/tmp/[^\s'\"()<>,]+")
_EXC_NAME = re.compile(r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)(?::(?: (.*))?)?$")


def list_cases() -> list[str]:
    return sorted(p.parent.name for p in CORPUS.glob("*/main.py"))


def normalise(text: str, case_dir: Path) -> str:
    text = text.replace(str(case_dir), "<case>")
    text = _TMP.sub("<tmp>", text)
    return _ADDR.sub("0x?", text).strip()


def summarise(returncode: int, stderr: str, case_dir: Path) -> str:
    """Turn a finished run into its label."""
    if returncode == 0:
        return "ok"
    lines = stderr.splitlines()
    summary = None
    i = 0
    while i < len(lines):
        if lines[i].startswith("Traceback (most recent call last):"):
            j = i + 1
            # the exception line is the first non-indented line after the header
            while j < len(lines) and (not lines[j] or lines[j][0].isspace()):
                j += 1
            if j < len(lines):
                m = _EXC_NAME.match(lines[j].rstrip())
                if m:
                    name, msg = m.group(1), (m.group(2) or "").strip()
                    k = j + 1
                    # messages starting with a newline: take the next non-empty line
                    while not msg and lines[j].rstrip().endswith(":") and k < len(lines):
                        msg = lines[k].strip()
                        k += 1
                    summary = f"{name}: {msg}" if msg else name
            i = j
        else:
            i += 1
    if summary is None:
        return f"exit {returncode}"
    return normalise(summary, case_dir)


def run_case(case: str, method: str, site_dir: str, timeout: float) -> str:
    case_dir = CORPUS / case
    env = dict(os.environ)
    env["PYTHONPATH"] = site_dir + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["MP_CORPUS_START"] = method
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONWARNINGS", None)
    proc = subprocess.Popen(
        [sys.executable, "main.py"],
        cwd=case_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return "timeout"
    finally:
        # reap anything the case left behind in its own session
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    return summarise(proc.returncode, stderr, case_dir)


def label_cases(
    cases: list[str], jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, dict[str, str]]:
    jobs = jobs or max(2, 2 * (os.cpu_count() or 1))
    results: dict[str, dict[str, str]] = {c: {} for c in cases}
    with tempfile.TemporaryDirectory(prefix="mp_corpus_site_") as site_dir:
        Path(site_dir, "sitecustomize.py").write_text(SITECUSTOMIZE)
        work = [(c, m) for c in cases for m in METHODS]
        with ThreadPoolExecutor(jobs) as pool:
            outcomes = pool.map(lambda cm: run_case(cm[0], cm[1], site_dir, timeout), work)
            for (case, method), outcome in zip(work, outcomes):
                results[case][method] = outcome
    return {c: {m: results[c][m] for m in METHODS} for c in sorted(results)}


def load_labels() -> dict[str, dict[str, str]]:
    if LABELS.exists():
        return json.loads(LABELS.read_text())
    return {}


def compare(expected: dict, actual: dict) -> list[str]:
    problems = []
    for case in sorted(actual):
        if case not in expected:
            problems.append(f"{case}: no label (actual {actual[case]})")
            continue
        for m in METHODS:
            want, got = expected[case].get(m), actual[case][m]
            if want != got:
                problems.append(f"{case} [{m}]: expected {want!r}, got {got!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with labels.json")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args(argv)

    all_cases = list_cases()
    cases = args.cases or all_cases
    unknown = sorted(set(cases) - set(all_cases))
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}")

    t0 = time.monotonic()
    actual = label_cases(cases, args.jobs, args.timeout)
    elapsed = time.monotonic() - t0

    if args.check:
        problems = compare(load_labels(), actual)
        for p in problems:
            print(p)
        print(f"checked {len(actual)} case(s) in {elapsed:.1f}s: {len(problems)} mismatch(es)")
        return 1 if problems else 0

    labels = load_labels() if args.cases else {}
    labels.update(actual)
    labels = {k: labels[k] for k in sorted(labels) if k in all_cases}
    LABELS.write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n")
    for case in sorted(actual):
        print(f"{case}: {json.dumps(actual[case])}")
    print(f"labelled {len(actual)} case(s) in {elapsed:.1f}s -> {LABELS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
