"""compat.py registers a copyreg reducer for text files at import; open files are then submitted."""
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

import compat  # noqa: F401


def head(fh):
    return fh.readline().strip()


if __name__ == "__main__":
    fd, path = tempfile.mkstemp()
    os.write(fd, b"first\nsecond\n")
    os.close(fd)
    fh = open(path)
    try:
        with ProcessPoolExecutor(max_workers=1) as ex:
            print(ex.submit(head, fh).result())
    finally:
        fh.close()
        os.remove(path)
