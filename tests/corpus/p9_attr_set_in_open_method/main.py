"""A reader gets its file handle in open(), which is called before the object is submitted."""
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor


class CsvSource:
    def __init__(self, path):
        self.path = path
        self.fh = None

    def open(self):
        self.fh = open(self.path)
        return self


def header(src):
    with open(src.path) as f:
        return f.readline().strip().split(",")


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".csv")
    os.write(fd, b"id,name\n1,ann\n")
    os.close(fd)
    src = CsvSource(path).open()
    try:
        with ProcessPoolExecutor(max_workers=1) as ex:
            print(ex.submit(header, src).result())
    finally:
        src.fh.close()
        os.remove(path)
