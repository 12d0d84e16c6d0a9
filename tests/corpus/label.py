"""Label a corpus by really running every case under each start method.

Usage: python tests/corpus/label.py [--corpus DIR] [--check] [--jobs N] [--timeout S]
                                    [--framework NAME ...] [case ...]

Each ``<corpus>/<case>/main.py`` is run as ``python main.py`` with the case
folder as cwd, once per start method (spawn, fork, forkserver).  The corpus is
``tests/corpus`` (the standard library's multiprocessing) unless ``--corpus``
names another, such as ``tests/corpus_frameworks`` (joblib, dill/multiprocess/
pathos, PyTorch, dask, ray).  The start method is forced without editing the
program: a generated ``sitecustomize.py`` on ``PYTHONPATH`` replaces the
*default* context only, of ``multiprocessing`` and, when a case imports it, of
``multiprocess`` (dill's fork of it), so programs that call
``set_start_method`` / ``get_context`` themselves still win, and so do
libraries that choose a start method of their own (loky, dask, ray).

The outcome of a run is ``"ok"`` (exit 0), ``"<ExceptionType>: <first line of
message>"`` (taken from the last traceback printed on stderr, by the parent or
a child), ``"exit <code>"`` (non-zero exit without a traceback) or
``"timeout"``.  Memory addresses, paths, process ids and the like are
normalised so labels are stable.

Without ``--check`` the results are written to ``<corpus>/labels.json`` (merged
with the existing labels when only some cases are given).  With ``--check``
reality is compared with ``labels.json``; mismatches are printed and the exit
code is 1.

A corpus may hold, beside its cases:

- ``frameworks.json`` (case -> framework): ``--framework NAME`` picks the cases
  of a framework; and each time cases are labelled, the versions of the
  packages that framework runs on are written to ``versions.json``;
- ``timeouts.json`` (case or framework -> seconds): a longer limit for cases
  whose start-up is slow (a ray cluster), instead of ``--timeout``;
- ``races.json`` (case -> method -> outcomes): the other outcomes a run has been
  seen to end with when the last traceback races between processes (a child's
  ``RuntimeError`` printed after or before the parent's ``BrokenProcessPool``,
  depending on the machine's load). ``--check`` accepts them as well as the label;
  a race may change the message, never whether the run fails.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

CORPUS = Path(__file__).resolve().parent
LABELS = CORPUS / "labels.json"
METHODS = ("spawn", "fork", "forkserver")
#: Seconds a run may take before it is a ``"timeout"``: a pool that hangs is the real symptom
#: of some of these bugs. Every other run of the corpus ends within 3.4 s on 2 busy cores
#: (every case under each method, 4 at a time, beside a test run), and the hanging ones were
#: most of the labelling's time at 20 s.
DEFAULT_TIMEOUT = 10.0

#: The distributions each framework of a frameworks corpus runs on (for versions.json).
FRAMEWORK_PACKAGES: dict[str, tuple[str, ...]] = {
    "joblib": ("joblib", "loky", "cloudpickle"),
    "dill": ("dill", "multiprocess", "pathos", "ppft"),
    "torch": ("torch", "numpy"),
    "dask": ("dask", "distributed", "cloudpickle"),
    "ray": ("ray",),
}

SITECUSTOMIZE = """\
import multiprocessing.context as c, os, sys
m = os.environ.get("MP_CORPUS_START")
if m:
    c._default_context._default_context = c._concrete_contexts[m]

    class _MultiprocessDefault:
        # multiprocess (dill's fork of multiprocessing) has a default context of its own:
        # replace it too, when (and only if) the program imports it.
        def find_spec(self, name, path=None, target=None):
            if name != "multiprocess.context":
                return None
            import importlib.machinery
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            exec_module = spec.loader.exec_module

            def patched(module):
                exec_module(module)
                module._default_context._default_context = module._concrete_contexts[m]

            spec.loader.exec_module = patched
            return spec

    sys.meta_path.insert(0, _MultiprocessDefault())
"""

_ADDR = re.compile(r"0x[0-9a-fA-F]+")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TMP = re.compile(r"/tmp/[^\s'\"()<>,]+")
# what varies from run to run in messages that name processes, hosts and objects
_PID = re.compile(r"\b((?:pid|fd)[=: ]\s*)\d+")
_IP = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b")
_HEX_ID = re.compile(r"\b[0-9a-f]{16,}\b")
#: A pool worker's MaybeEncodingError quotes the result it could not send: which chunk that is
#: depends on which worker finished first, so the value is not part of the label.
_SENT_RESULT = re.compile(r"Error sending result: '.*?'\. Reason: ")
_MARKERS = re.compile(r"^[\^~\s]+$")
# `Name: message`, `pkg.Name: message`, and `Name(Cause): message` (ray's RayTaskError(TypeError))
_EXC_NAME = re.compile(
    r"^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*(?:\((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*\))?)(?::(?: (.*))?)?$"
)


def corpus_path(corpus: Optional[os.PathLike] = None) -> Path:
    return Path(corpus).resolve() if corpus is not None else CORPUS


def list_cases(corpus: Optional[os.PathLike] = None) -> list[str]:
    return sorted(p.parent.name for p in corpus_path(corpus).glob("*/main.py"))


def load_json(corpus: Optional[os.PathLike], name: str) -> dict:
    path = corpus_path(corpus) / name
    return json.loads(path.read_text()) if path.exists() else {}


def frameworks(corpus: Optional[os.PathLike] = None) -> dict[str, str]:
    """Case -> framework, for a corpus that has a frameworks.json (else empty)."""
    return load_json(corpus, "frameworks.json")


def normalise(text: str, case_dir: Path) -> str:
    text = _ANSI.sub("", text.replace(str(case_dir), "<case>"))
    text = _TMP.sub("<tmp>", text)
    text = _ADDR.sub("0x?", text)
    text = _PID.sub(r"\1?", text)
    text = _IP.sub("<ip>", text)
    text = _SENT_RESULT.sub("Error sending result: <result>. Reason: ", text)
    return _HEX_ID.sub("<id>", text).strip()


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
            # the exception line is the first non-indented line after the header (tracebacks
            # rebuilt by a library may lose the indentation of their ^^^^ marker lines)
            while j < len(lines) and (
                not lines[j] or lines[j][0].isspace() or _MARKERS.match(lines[j])
            ):
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


def run_case(
    case: str, method: str, site_dir: str, timeout: float,
    corpus: Optional[os.PathLike] = None,
) -> str:
    case_dir = corpus_path(corpus) / case
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
        errors="replace",
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


def case_timeout(case: str, default: float, corpus: Optional[os.PathLike] = None) -> float:
    """The case's own limit from timeouts.json (by case, then by framework), else ``default``."""
    limits = load_json(corpus, "timeouts.json")
    if case in limits:
        return float(limits[case])
    framework = frameworks(corpus).get(case)
    if framework in limits:
        return float(limits[framework])
    return default


def label_cases(
    cases: list[str], jobs: Optional[int] = None, timeout: float = DEFAULT_TIMEOUT,
    corpus: Optional[os.PathLike] = None,
) -> dict[str, dict[str, str]]:
    jobs = jobs or max(2, 2 * (os.cpu_count() or 1))
    results: dict[str, dict[str, str]] = {c: {} for c in cases}
    limits = {c: case_timeout(c, timeout, corpus) for c in cases}
    with tempfile.TemporaryDirectory(prefix="mp_corpus_site_") as site_dir:
        Path(site_dir, "sitecustomize.py").write_text(SITECUSTOMIZE)
        work = [(c, m) for c in cases for m in METHODS]
        with ThreadPoolExecutor(jobs) as pool:
            outcomes = pool.map(
                lambda cm: run_case(cm[0], cm[1], site_dir, limits[cm[0]], corpus), work
            )
            for (case, method), outcome in zip(work, outcomes):
                results[case][method] = outcome
    return {c: {m: results[c][m] for m in METHODS} for c in sorted(results)}


def load_labels(corpus: Optional[os.PathLike] = None) -> dict[str, dict[str, str]]:
    return load_json(corpus, "labels.json")


def package_versions(framework: str) -> dict[str, str]:
    """The versions, here, of python and of the packages ``framework`` runs on."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in FRAMEWORK_PACKAGES.get(framework, (framework,)):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def record_versions(cases: list[str], corpus: Optional[os.PathLike] = None) -> dict:
    """Write, for each framework of ``cases``, the versions the labels were made with."""
    by_case = frameworks(corpus)
    used = sorted({by_case[c] for c in cases if c in by_case})
    if not used:
        return {}
    recorded = load_json(corpus, "versions.json")
    for framework in used:
        recorded[framework] = package_versions(framework)
    path = corpus_path(corpus) / "versions.json"
    path.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    return recorded


def version_drift(cases: list[str], corpus: Optional[os.PathLike] = None) -> list[str]:
    """Lines naming packages whose version here differs from the one the labels were made with."""
    by_case = frameworks(corpus)
    recorded = load_json(corpus, "versions.json")
    drift = []
    for framework in sorted({by_case[c] for c in cases if c in by_case}):
        here = package_versions(framework)
        for name, then in sorted(recorded.get(framework, {}).items()):
            if here.get(name) != then:
                drift.append(f"{framework}: labelled with {name} {then}, here {here.get(name)}")
    return drift


def races(corpus: Optional[os.PathLike] = None) -> dict[str, dict[str, list[str]]]:
    """Case -> method -> the other outcomes its racing processes may end it with."""
    return load_json(corpus, "races.json")


def compare(expected: dict, actual: dict, racing: Optional[dict] = None) -> list[str]:
    """Lines naming each run whose outcome is neither its label nor one of its ``racing``
    alternatives (see ``races.json``)."""
    racing = racing or {}
    problems = []
    for case in sorted(actual):
        if case not in expected:
            problems.append(f"{case}: no label (actual {actual[case]})")
            continue
        for m in METHODS:
            want, got = expected[case].get(m), actual[case][m]
            if want != got and got not in racing.get(case, {}).get(m, ()):
                problems.append(f"{case} [{m}]: expected {want!r}, got {got!r}")
    return problems


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--corpus", default=str(CORPUS),
                    help="the corpus folder (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="compare with labels.json")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                    help="seconds per run, unless the corpus's timeouts.json says otherwise")
    ap.add_argument("--framework", action="append", default=[],
                    help="only the cases of this framework (frameworks.json); repeatable")
    ap.add_argument("cases", nargs="*")
    args = ap.parse_args(argv)
    corpus = corpus_path(args.corpus)

    all_cases = list_cases(corpus)
    cases = args.cases or all_cases
    unknown = sorted(set(cases) - set(all_cases))
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}")
    if args.framework:
        by_case = frameworks(corpus)
        known = set(by_case.values())
        missing = sorted(set(args.framework) - known)
        if missing:
            ap.error(f"unknown framework(s): {', '.join(missing)} (known: {sorted(known)})")
        cases = [c for c in cases if by_case.get(c) in args.framework]
    partial = bool(args.cases or args.framework)

    t0 = time.monotonic()
    actual = label_cases(cases, args.jobs, args.timeout, corpus)
    elapsed = time.monotonic() - t0

    if args.check:
        for line in version_drift(cases, corpus):
            print(f"note: {line}")
        problems = compare(load_labels(corpus), actual, races(corpus))
        for p in problems:
            print(p)
        print(f"checked {len(actual)} case(s) in {elapsed:.1f}s: {len(problems)} mismatch(es)")
        return 1 if problems else 0

    labels = load_labels(corpus) if partial else {}
    labels.update(actual)
    labels = {k: labels[k] for k in sorted(labels) if k in all_cases}
    path = corpus / "labels.json"
    path.write_text(json.dumps(labels, indent=1, sort_keys=True) + "\n")
    record_versions(cases, corpus)
    for case in sorted(actual):
        print(f"{case}: {json.dumps(actual[case])}")
    print(f"labelled {len(actual)} case(s) in {elapsed:.1f}s -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
