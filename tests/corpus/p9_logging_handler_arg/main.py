"""A logging.StreamHandler is passed to each worker so they log the same way."""
import logging
import sys
from multiprocessing import Pool


def work(args):
    handler, n = args
    log = logging.getLogger(f"worker.{n}")
    log.addHandler(handler)
    log.warning("processing %d", n)
    return n * 2


if __name__ == "__main__":
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    with Pool(2) as pool:
        print(pool.map(work, [(handler, 1), (handler, 2)]))
