"""Executor with spawn mp_context and a threading.Lock in initargs."""
import multiprocessing as mp
import threading
from concurrent.futures import ProcessPoolExecutor

_lock = None


def init(lock):
    global _lock
    _lock = lock


def work(n):
    return n * 3


if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx, initializer=init, initargs=(threading.Lock(),)) as ex:
        print(list(ex.map(work, [1, 2])))
