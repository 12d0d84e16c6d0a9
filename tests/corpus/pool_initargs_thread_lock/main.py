"""Share a threading.Lock with pool workers through initargs."""
import threading
from multiprocessing import Pool

_lock = None


def init(lock):
    global _lock
    _lock = lock


def append_line(line):
    with _lock:
        return line.upper()


if __name__ == "__main__":
    with Pool(2, initializer=init, initargs=(threading.Lock(),)) as pool:
        print(pool.map(append_line, ["a", "b", "c"]))
