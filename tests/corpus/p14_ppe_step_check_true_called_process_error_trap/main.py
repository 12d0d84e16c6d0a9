"""A test-suite runner executes each test script with ``subprocess.run(..., check=True)`` inside
a ProcessPoolExecutor and reports failures from ``future.result()``. The report this is modelled
on (Python 2) says CalledProcessError cannot cross the process boundary because it needs
arguments to be rebuilt; on Python 3 ``subprocess.run`` raises it with positional
``(returncode, cmd)``, so it rebuilds, its output and stderr come back in its __dict__, and this
program works (the shape of https://github.com/emscripten-core/emscripten/pull/2944)."""
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed

TESTS = {
    "test_parse": "print('3 passed')",
    "test_pickle": "import sys; print('1 passed'); sys.stderr.write('1 failed: lock\\n'); sys.exit(1)",
    "test_io": "print('5 passed')",
}


def run_test(name, code):
    completed = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return name, completed.stdout.strip()


def run_suite(tests, workers=2):
    passed, failed = [], []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_test, name, code): name for name, code in tests.items()}
        for future in as_completed(futures):
            name = futures[future]
            try:
                _, summary = future.result()
            except subprocess.CalledProcessError as exc:
                failed.append((name, exc.returncode, exc.stdout.strip(), exc.stderr.strip()))
            else:
                passed.append((name, summary))
    return sorted(passed), sorted(failed)


if __name__ == "__main__":
    passed, failed = run_suite(TESTS)
    for name, summary in passed:
        print(f"PASS {name}: {summary}")
    for name, code, out, err in failed:
        print(f"FAIL {name} (exit {code}): {out} / {err}")
    print(f"{len(passed)} passed, {len(failed)} failed")
