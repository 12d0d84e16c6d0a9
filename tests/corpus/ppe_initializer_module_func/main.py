"""ProcessPoolExecutor with a module-level initializer and initargs (fine)."""
import logging
from concurrent.futures import ProcessPoolExecutor


def init_logging(level):
    logging.basicConfig(level=level)


def work(n):
    return n + 1


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2, initializer=init_logging, initargs=(logging.INFO,)) as ex:
        print(list(ex.map(work, [1, 2, 3])))
