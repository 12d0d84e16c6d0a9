"""A cache class warms itself up in __init__ with a pool; the module makes one instance on import."""
import multiprocessing


def load(key):
    return key.upper()


class WarmCache:
    def __init__(self, keys):
        self.data = {}
        self._warm(keys)

    def _warm(self, keys):
        with multiprocessing.Pool(2) as pool:
            self.data = dict(zip(keys, pool.map(load, keys)))


CACHE = WarmCache(["a", "b"])
print(CACHE.data)
