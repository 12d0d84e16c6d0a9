"""A decorator factory whose wrapper is finished with functools.update_wrapper."""
import functools
import time
from multiprocessing import Pool


def timed(label):
    def decorate(fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                _elapsed = (label, time.perf_counter() - t0)
        return functools.update_wrapper(wrapper, fn)
    return decorate


@timed("resize")
def resize(size):
    w, h = size
    return (w // 2, h // 2)


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(resize, [(640, 480), (1920, 1080)]))
