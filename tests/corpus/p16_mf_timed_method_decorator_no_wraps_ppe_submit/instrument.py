"""Small timing helpers shared by the batch jobs."""

import logging
import time

log = logging.getLogger("instrument")

TIMINGS = {}


def timed(method):
    """Record how long each call of a method takes (per class and method name)."""

    def wrapper(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            key = f"{type(self).__name__}.{method.__name__}"
            TIMINGS.setdefault(key, []).append(elapsed)
            log.debug("%s took %.4fs", key, elapsed)

    return wrapper
