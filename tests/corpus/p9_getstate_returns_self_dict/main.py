"""__getstate__ returns self.__dict__ unchanged, so the open file travels with it."""
import os
import tempfile
from multiprocessing import Pool


class Sink:
    def __init__(self, path):
        self.path = path
        self.fh = open(path, "a")

    def __getstate__(self):
        return self.__dict__

    def __setstate__(self, state):
        self.__dict__ = state


def describe(sink):
    return os.path.basename(sink.path)


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    sink = Sink(path)
    try:
        with Pool(1) as pool:
            print(pool.apply(describe, (sink,)))
    finally:
        sink.fh.close()
        os.remove(path)
