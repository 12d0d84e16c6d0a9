"""Time `mp-lsp check` against `python -m pyflakes` over the same large tree, in one run.

The default tree is the running Python's standard library (site-packages left out), which is at
hand on every machine. Both tools get the same explicit list of files. Each command runs
``--runs`` times, alternating A B A B so drift on a shared machine hits both; the script
prints each one's median wall time and the ratio of the medians.

    python benchmarks/check_vs_pyflakes.py [--tree DIR] [--runs N] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path


def python_files(tree: Path) -> list[str]:
    skip = {"site-packages", "dist-packages", "__pycache__"}
    return sorted(
        str(path)
        for path in tree.rglob("*.py")
        if not skip.intersection(path.parts) and path.is_file()
    )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path(sysconfig.get_paths()["stdlib"]))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    files = python_files(args.tree)
    list_file = Path(os.environ.get("TMPDIR", "/tmp")) / "mp-lsp-bench-files.txt"
    list_file.write_text("\n".join(files))
    mp_lsp = [sys.executable, "-m", "mp_lsp", "check", "--jobs", str(args.jobs), "--quiet", *files]
    pyflakes = [sys.executable, "-m", "pyflakes", *files]
    print(f"tree: {args.tree} ({len(files)} files), {args.runs} runs each, "
          f"mp-lsp --jobs {args.jobs}")
    times: dict[str, list[float]] = {"mp-lsp check": [], "pyflakes": []}
    for _ in range(args.runs):
        times["mp-lsp check"].append(timed(mp_lsp))
        times["pyflakes"].append(timed(pyflakes))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:>13}: median {medians[name]:6.2f} s  (min {min(values):.2f}, "
              f"max {max(values):.2f})")
    print(f"{'ratio':>13}: mp-lsp / pyflakes = {medians['mp-lsp check'] / medians['pyflakes']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
