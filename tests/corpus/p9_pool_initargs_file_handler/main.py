"""Each Pool worker gets the parent's logging.FileHandler through initargs."""
import logging
import os
import tempfile
from multiprocessing import Pool

log = logging.getLogger("etl")


def init_worker(handler):
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def load(n):
    log.info("loading %d", n)
    return n * 2


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    handler = logging.FileHandler(path)
    try:
        with Pool(2, initializer=init_worker, initargs=(handler,)) as pool:
            print(pool.map(load, [1, 2, 3]))
    finally:
        handler.close()
        os.remove(path)
