"""Count lines of a log file, passing its path (fine twin)."""
import os
import tempfile
from multiprocessing import Pool


def count_lines(path):
    with open(path) as fh:
        return sum(1 for _ in fh)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "app.log")
        with open(path, "w") as f:
            f.write("start\nrun\nstop\n")
        with Pool(2) as pool:
            print(pool.apply_async(count_lines, (path,)).get(timeout=30))
