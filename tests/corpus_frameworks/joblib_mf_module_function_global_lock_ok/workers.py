import threading

_cache_lock = threading.Lock()
_cache = {}


def cached_square(x):
    with _cache_lock:
        if x not in _cache:
            _cache[x] = x * x
        return _cache[x]
