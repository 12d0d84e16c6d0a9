"""Hash files with the spawn start method, with the worker defined under the main guard.

Expected: MP004 (warning; an error here since the script selects spawn) — `digest` exists
only when the file runs as __main__; a spawned child imports it as __mp_main__ and cannot
find it.
"""

import hashlib
import multiprocessing as mp
import sys

if __name__ == "__main__":

    def digest(path):
        with open(path, "rb") as f:
            return path, hashlib.sha256(f.read()).hexdigest()

    ctx = mp.get_context("spawn")
    with ctx.Pool(2) as pool:
        for path, value in pool.map(digest, sys.argv[1:] or [__file__]):
            print(value, path)
