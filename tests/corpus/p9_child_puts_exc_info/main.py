"""A child reports failures by putting sys.exc_info() on the queue."""
import multiprocessing as mp
import sys


def work(items, out):
    for item in items:
        try:
            out.put(("ok", 10 // item))
        except ZeroDivisionError:
            out.put(("error", sys.exc_info()))


if __name__ == "__main__":
    out = mp.Queue()
    p = mp.Process(target=work, args=([0], out))
    p.start()
    try:
        print(out.get(timeout=3))
    finally:
        p.join()
