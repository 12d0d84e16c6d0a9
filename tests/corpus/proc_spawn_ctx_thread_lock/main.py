"""Explicit spawn context Process with a threading.Lock argument."""
import sys
import threading
import multiprocessing as mp


def flush(lock):
    with lock:
        pass


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    p = ctx.Process(target=flush, args=(threading.Lock(),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
