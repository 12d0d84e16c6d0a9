"""A __slots__ class whose __getstate__/__setstate__ leave its lock out."""
import threading
from multiprocessing import Pool


class Meter:
    __slots__ = ("name", "reading", "_lock")

    def __init__(self, name, reading):
        self.name = name
        self.reading = reading
        self._lock = threading.Lock()

    def __getstate__(self):
        return (self.name, self.reading)

    def __setstate__(self, state):
        self.name, self.reading = state
        self._lock = threading.Lock()


def kwh(m):
    with m._lock:
        return m.name, m.reading / 1000


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(kwh, [Meter("a", 1500), Meter("b", 250)]))
