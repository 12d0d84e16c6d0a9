"""Explicit fork context Process with a threading.Lock argument (fine: nothing pickled)."""
import sys
import threading
import multiprocessing as mp


def flush(lock):
    with lock:
        pass


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    p = ctx.Process(target=flush, args=(threading.Lock(),))
    p.start()
    p.join()
    sys.exit(p.exitcode)
