"""Count lines of a log file handle in a worker."""
import os
import tempfile
from multiprocessing import Pool


def count_lines(fh):
    return sum(1 for _ in fh)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "app.log")
        with open(path, "w") as f:
            f.write("start\nrun\nstop\n")
        with open(path) as fh, Pool(2) as pool:
            print(pool.apply_async(count_lines, (fh,)).get(timeout=30))
