"""SimpleQueue.put pickles synchronously: a lock in the message fails right away."""
import sys
import threading
import multiprocessing as mp


def worker(q):
    print(q.get())


if __name__ == "__main__":
    q = mp.SimpleQueue()
    p = mp.Process(target=worker, args=(q,))
    p.start()
    try:
        q.put(("flush", threading.Lock()))
    finally:
        q.put(("stop", None))
        p.join()
    sys.exit(p.exitcode)
