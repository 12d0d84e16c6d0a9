"""A quick script that squares numbers in a process pool, with no `__main__` guard.

Expected: MP008 (warning) — processes are started at module level. Works under fork (Linux,
Python <= 3.13); under spawn/forkserver (macOS, Windows, Python 3.14+) every child re-runs the
script and fails with "An attempt has been made to start a new process before the current
process has finished its bootstrapping phase".
"""

from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


with ProcessPoolExecutor() as executor:
    print(list(executor.map(square, range(10))))
