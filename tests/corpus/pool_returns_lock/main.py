"""Worker returns an object holding a lock: fails when sending the result back."""
import threading
from multiprocessing import Pool


class Counter:
    def __init__(self, start):
        self.value = start
        self.lock = threading.Lock()


def make_counter(start):
    return Counter(start)


if __name__ == "__main__":
    with Pool(2) as pool:
        counters = pool.map(make_counter, [1, 2])
    print([c.value for c in counters])
