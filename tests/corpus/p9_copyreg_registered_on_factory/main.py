"""copyreg.pickle is registered on threading.Lock itself (a factory function, not the lock type)."""
import copyreg
import threading
from concurrent.futures import ProcessPoolExecutor

copyreg.pickle(threading.Lock, lambda lock: (threading.Lock, ()))


class Cache:
    def __init__(self):
        self.lock = threading.Lock()
        self.items = {"a": 1}


def lookup(cache, key):
    with cache.lock:
        return cache.items.get(key)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(lookup, Cache(), "a").result())
