"""ForkingPickler.register teaches multiprocessing to send open text files by reopening them."""
import io
import os
import tempfile
from multiprocessing import Pool
from multiprocessing.reduction import ForkingPickler


def _reopen(f):
    return open, (f.name, f.mode)


ForkingPickler.register(io.TextIOWrapper, _reopen)


def first_line(fh):
    return fh.readline().strip()


if __name__ == "__main__":
    paths = []
    for i in range(2):
        fd, p = tempfile.mkstemp(suffix=".txt")
        os.write(fd, f"line from {i}\n".encode())
        os.close(fd)
        paths.append(p)
    files = [open(p) for p in paths]
    with Pool(2) as pool:
        print(pool.map(first_line, files))
    for f, p in zip(files, paths):
        f.close()
        os.remove(p)
