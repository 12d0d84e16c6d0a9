"""Timing decorator WITH functools.wraps (fine twin)."""
import functools
import time
from multiprocessing import Pool


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        t0 = time.perf_counter()
        try:
            return fn(*args)
        finally:
            _ = time.perf_counter() - t0

    return wrapper


@timed
def hash_name(name):
    return sum(map(ord, name)) % 97


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(hash_name, ["ann", "bo"]))
