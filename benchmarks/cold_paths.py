"""The cold paths of issue 13, side by side in one run: whole processes, alternating A/B.

Command line (each a whole process, the same explicit file list for every tool):

- ``mp-lsp (A)``: a baseline checkout of mp-lsp (``--baseline DIR``: a folder holding an
  ``mp_lsp`` package, e.g. ``git worktree add /tmp/base <commit>``), its defaults;
- ``mp-lsp (B)``: this checkout (or ``--candidate DIR``: a copy, which others' edits of the
  checkout cannot change halfway), ``--no-cache`` (cold);
- ``mp-lsp (B, warm)``: this checkout again, with a results cache a previous run filled;
- ``mp-lsp (B, no prefilter)``: B cold with ``MP_LSP_NO_PREFILTER=1`` (every file parsed),
  what the prefilter alone is worth;
- ``mp-lsp (B, jedi cold)`` (single files): B cold with an empty jedi cache folder too, what a
  machine's very first run costs;
- ``pyflakes`` and ``ruff check --no-cache --isolated``.

Trees: the running Python's standard library (site-packages left out); a large tree copied
from every package installed next to this interpreter (so that they are workspace files, not
libraries; the list is printed); a 20-line file without a process API and one with a
``Pool.map``. The editor: ``python -m mp_lsp serve`` (A and B) on the 10,000-line input of
``server_latency.py``: ``didOpen`` → the first diagnostics published and → all of them, a fresh
server each time (and B again with the cache the previous session left), then edits; with
``--peers BIN``, the same open in jedi-language-server, pylsp and basedpyright (whichever of their
commands ``BIN`` holds: ``make bench-peers`` installs them in a venv of their own), didOpen → their
first diagnostics of the file, in the same rounds.

Runs alternate A, B, ... so that drift on a shared machine hits every tool alike; each row is
the median of ``--runs`` (min and max beside it). Bytecode is written as in a normal
installation (``PYTHONDONTWRITEBYTECODE`` is dropped for every tool alike).

"Cold" means without mp-lsp's results cache (``--no-cache``; the editor's sessions delete
``.mp_lsp_cache``). jedi's own cache of parse trees (``~/.cache/jedi``: the standard library's
stubs and modules, which every jedi-based tool fills on its first use) is warm, as after any
earlier run on the machine: a first run of every tool fills it before timing. The ``jedi cold``
row empties it (``XDG_CACHE_HOME``) before each run.

    python benchmarks/cold_paths.py --baseline /tmp/base [--candidate DIR] [--runs 5]
                                    [--jobs 2] [--only cli|editor] [--peers BIN]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import server_latency  # noqa: E402  (the sibling benchmark's client and input)

SMALL = '''import os
import sys


def main(argv):
    """A small script."""
    total = 0
    for arg in argv:
        total += len(arg)
    print(total, os.getcwd())
    return 0


def helper(values):
    return sorted(values)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
'''
SMALL_SINK = '''from multiprocessing import Pool


def square(x):
    return x * x


def main():
    with Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(lambda x: x + 1, range(10)))


def helper(values):
    return sorted(values)


if __name__ == "__main__":
    main()
'''


def python_files(tree: Path) -> list[str]:
    skip = {"site-packages", "dist-packages", "__pycache__"}
    return sorted(
        str(path) for path in tree.rglob("*.py")
        if not skip.intersection(path.parts) and path.is_file()
    )


def installed_tree(into: Path) -> tuple[Path, list[str]]:
    """Every top-level package installed next to this interpreter, copied into ``into``."""
    site = Path(sysconfig.get_paths()["purelib"])
    packages = []
    for entry in sorted(site.iterdir()):
        if entry.is_dir() and not entry.name.endswith((".dist-info", ".egg-info")) and (
            entry.name != "__pycache__" and any(entry.rglob("*.py"))
        ):
            shutil.copytree(entry, into / entry.name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            packages.append(entry.name)
    return into, packages


def environment(pythonpath: Optional[Path] = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "MP_LSP_NO_CACHE", "MP_LSP_CACHE_DIR")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    fresh = env.get("XDG_CACHE_HOME")
    if fresh and Path(fresh).name == "empty-jedi-cache":  # the jedi-cold row: empty each time
        shutil.rmtree(fresh, ignore_errors=True)
        Path(fresh).mkdir()
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   cwd=cwd, check=False)
    return time.perf_counter() - started


def report(title: str, times: dict[str, list[float]], unit: str = "s",
           against: Optional[str] = "pyflakes") -> None:
    print(f"\n{title}")
    medians = {name: statistics.median(values) for name, values in times.items() if values}
    for name, values in times.items():
        if not values:
            continue
        scale = 1000 if unit == "ms" else 1
        ratio = ""
        if against in medians and name != against and medians[against] > 0:
            ratio = f"  {medians[name] / medians[against]:5.2f}x {against}"
        print(f"  {name:<22} median {medians[name] * scale:8.2f} {unit}  (min "
              f"{min(values) * scale:.2f}, max {max(values) * scale:.2f}){ratio}")


def command_line(args: argparse.Namespace, work: Path) -> None:
    big, packages = installed_tree(work / "installed")
    small = work / "small"
    small.mkdir()
    (small / "script.py").write_text(SMALL)
    sink = work / "small_sink"
    sink.mkdir()
    (sink / "job.py").write_text(SMALL_SINK)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    trees = [
        ("standard library", python_files(stdlib)),
        (f"installed packages ({len(packages)}: {', '.join(packages)})", python_files(big)),
        ("one 20-line file, no process API", [str(small / "script.py")]),
        ("one 20-line file with a Pool.map", [str(sink / "job.py")]),
    ]
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    for title, files in trees:
        lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
        cache = work / f"cache-{abs(hash(title))}"
        jobs = ["--jobs", str(args.jobs)]
        tools: dict[str, tuple[list[str], dict[str, str]]] = {
            "mp-lsp (A)": ([sys.executable, "-m", "mp_lsp", "check", "-q", *jobs, *files],
                           environment(args.baseline)),
            "mp-lsp (B)": ([sys.executable, "-m", "mp_lsp", "check", "-q", "--no-cache",
                            *jobs, *files], environment(args.candidate)),
            "mp-lsp (B, warm)": ([sys.executable, "-m", "mp_lsp", "check", "-q",
                                  "--cache-dir", str(cache), *jobs, *files],
                                 environment(args.candidate)),
            "mp-lsp (B, no prefilter)": (
                [sys.executable, "-m", "mp_lsp", "check", "-q", "--no-cache", *jobs, *files],
                {**environment(args.candidate), "MP_LSP_NO_PREFILTER": "1"},
            ),
            "pyflakes": ([sys.executable, "-m", "pyflakes", *files], environment()),
            "ruff": ([ruff, "check", "--no-cache", "--isolated", "--exit-zero", "-q", *files],
                     environment()),
        }
        if args.baseline is None:
            del tools["mp-lsp (A)"]
        if len(files) == 1:  # the ablation says nothing about one file
            del tools["mp-lsp (B, no prefilter)"]
            tools["mp-lsp (B, jedi cold)"] = (
                tools["mp-lsp (B)"][0],
                {**environment(args.candidate),
                 "XDG_CACHE_HOME": str(work / "empty-jedi-cache")},
            )
        # Fill the cache once (and write every tool's bytecode) before timing.
        for command, env in tools.values():
            timed(command, env, work)
        times: dict[str, list[float]] = {name: [] for name in tools}
        for _ in range(args.runs):
            for name, (command, env) in tools.items():
                times[name].append(timed(command, env, work))
        report(f"{title}: {len(files)} files, {lines:,} lines, --jobs {args.jobs}", times)


def server_session(pythonpath: Path, root: Path, text: str, expected: int, edits: int,
                   cached: bool) -> dict[str, float]:
    """One fresh server: didOpen → first and complete diagnostics, then edits."""
    path = root / "main.py"
    if not cached:
        shutil.rmtree(root / ".mp_lsp_cache", ignore_errors=True)
    os.environ.update(environment(pythonpath))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    client = server_latency.Client(root)
    uri = path.as_uri()
    started = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}})
    first = client.diagnostics_for(uri, 1)
    first_at = time.perf_counter() - started
    complete_at = first_at
    if len(first["params"]["diagnostics"]) < expected:
        client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri and m["params"].get("version") == 1
                    and len(m["params"]["diagnostics"]) >= expected)
        complete_at = time.perf_counter() - started
    lines = text.splitlines()
    helper = next(i for i, t in enumerate(lines) if "return a * b" in t)
    elsewhere = server_latency.typing_latencies(client, uri, 2, edits, helper, len(lines[helper]))
    sink = len(lines) - 1
    in_sink = server_latency.typing_latencies(client, uri, 2 + edits, edits, sink,
                                              len(lines[sink]))
    client.close()
    return {"first": first_at, "complete": complete_at,
            "edit elsewhere": statistics.median(elsewhere),
            "edit in a sink": statistics.median(in_sink)}


#: The peers of the editor row, by the command each installs (``--peers``): jedi-language-server
#: and pylsp read the file with parso and jedi as mp-lsp does, basedpyright type-checks it.
PEER_SERVERS = {
    "jedi-language-server": ["jedi-language-server"],
    "pylsp": ["pylsp"],
    "basedpyright": ["basedpyright-langserver", "--stdio"],
}


def peer_session(command: list[str], root: Path, text: str) -> dict[str, float]:
    """One fresh peer server: didOpen → its first diagnostics for the file (its version, if it
    says one, is the opened one)."""
    client = server_latency.Client(root, command=command)
    uri = (root / "main.py").as_uri()
    started = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}})
    client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri and m["params"].get("version") in (None, 1))
    first_at = time.perf_counter() - started
    client.close()
    return {"first": first_at}


def editor(args: argparse.Namespace, work: Path) -> None:
    text = server_latency.program(10000)
    root = work / "editor"
    root.mkdir()
    (root / "main.py").write_text(text)
    saved = dict(os.environ)
    sessions: list[tuple[str, Callable[[], dict[str, float]]]] = [
        ("B", lambda: server_session(args.candidate, root, text, 10, args.edits, False)),
        ("B, cached", lambda: server_session(args.candidate, root, text, 10, args.edits, True)),
    ]
    if args.baseline is not None:
        baseline = args.baseline
        sessions.insert(0, (
            "A", lambda: server_session(baseline, root, text, 10, args.edits, False)))
    peers = {name: [str(args.peers / command[0]), *command[1:]]
             for name, command in PEER_SERVERS.items()
             if args.peers is not None and (args.peers / command[0]).is_file()}
    for name, command in peers.items():
        sessions.append((name, lambda command=command: peer_session(command, root, text)))
    results: dict[str, dict[str, list[float]]] = {name: {} for name, _ in sessions}
    try:
        server_session(args.candidate, root, text, 10, 2, False)  # bytecode, B's cache
        for command in peers.values():
            peer_session(command, root, text)  # their bytecode and caches, as mp-lsp's
        for round_ in range(args.runs):
            # Each round starts one session later (B's cached session still right after B):
            # every server takes each place in a round equally often, so that what a place
            # costs (the machine's drift within a round) favours none.
            start = round_ % len(sessions)
            if sessions[start][0] == "B, cached":
                start = (start + 1) % len(sessions)
            for name, session in sessions[start:] + sessions[:start]:
                os.environ.clear()
                os.environ.update(saved)
                os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
                for key, value in session().items():
                    results[name].setdefault(key, []).append(value)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    for key in ("first", "complete", "edit elsewhere", "edit in a sink"):
        report(f"editor, 10,000 lines, ten sinks: {key}"
               + (" diagnostics after didOpen" if key in ("first", "complete") else ""),
               {name: values[key] for name, values in results.items() if key in values},
               "ms", None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a folder holding a baseline mp_lsp")
    parser.add_argument("--candidate", type=Path, default=REPO,
                        help="a folder holding the mp_lsp to measure (default: this checkout)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--only", choices=["cli", "editor"])
    parser.add_argument("--peers", type=Path,
                        help="a folder holding the peers' server commands (a venv's bin)")
    args = parser.parse_args()
    for name in ("baseline", "candidate"):
        folder = getattr(args, name)
        if folder is not None:
            setattr(args, name, folder.resolve())
            if not (folder / "mp_lsp" / "__init__.py").is_file():
                parser.error(f"--{name} {folder} holds no mp_lsp package")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs each, "
          f"A = {args.baseline}, B = {args.candidate}")
    with tempfile.TemporaryDirectory(prefix="mp-lsp-bench-") as tmp:
        steps: list[Callable[[argparse.Namespace, Path], None]] = []
        if args.only in (None, "cli"):
            steps.append(command_line)
        if args.only in (None, "editor"):
            steps.append(editor)
        for step in steps:
            step(args, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
