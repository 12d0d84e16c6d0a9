"""A memory-mapped file (mmap.mmap) is passed to workers to scan regions."""
import mmap
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


def count_newlines(args):
    mm, start, end = args
    return mm[start:end].count(b"\n")


if __name__ == "__main__":
    fd, path = tempfile.mkstemp()
    os.write(fd, b"a\nb\nc\nd\n" * 4)
    mm = mmap.mmap(fd, 0)
    try:
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(list(ex.map(count_newlines, [(mm, 0, 16), (mm, 16, 32)])))
    finally:
        mm.close()
        os.close(fd)
        os.remove(path)
