"""copyreg.pickle registers a reducer for the lock type, so objects holding a lock can be sent."""
import copyreg
import threading
from multiprocessing import Pool

LockType = type(threading.Lock())


def _rebuild_lock(lock):
    return threading.Lock, ()


copyreg.pickle(LockType, _rebuild_lock)


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0


def add(counter, n):
    with counter.lock:
        counter.total += n
    return counter.total


if __name__ == "__main__":
    c = Counter()
    with Pool(2) as pool:
        print(pool.starmap(add, [(c, 1), (c, 5)]))
