import functools
import time


def retry(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        for _ in range(3):
            try:
                return fn(*args, **kwargs)
            except OSError:
                time.sleep(0.01)
        return fn(*args, **kwargs)

    return inner
