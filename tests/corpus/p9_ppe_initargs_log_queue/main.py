"""The logging-cookbook pattern: an mp.Queue in initargs, a QueueHandler built in each worker."""
import logging
import logging.handlers
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def init_worker(q):
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(q)]
    root.setLevel(logging.INFO)


def work(n):
    logging.info("work %d", n)
    return n + 100


if __name__ == "__main__":
    q = mp.Queue()
    listener = logging.handlers.QueueListener(q, logging.StreamHandler())
    listener.start()
    try:
        with ProcessPoolExecutor(max_workers=2, initializer=init_worker, initargs=(q,)) as ex:
            print(list(ex.map(work, [1, 2])))
    finally:
        listener.stop()
