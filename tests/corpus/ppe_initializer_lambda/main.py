"""ProcessPoolExecutor with a lambda initializer."""
import logging
from concurrent.futures import ProcessPoolExecutor


def work(n):
    return n + 1


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2, initializer=lambda: logging.basicConfig()) as ex:
        print(list(ex.map(work, [1, 2, 3])))
