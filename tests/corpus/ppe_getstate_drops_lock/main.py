"""A cache class that drops its lock in __getstate__ and recreates it in __setstate__ (fine)."""
import threading
from concurrent.futures import ProcessPoolExecutor


class Cache:
    def __init__(self):
        self.data = {"a": 1}
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            return self.data.get(key)


def read(cache, key):
    return cache.get(key)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(read, Cache(), "a").result())
